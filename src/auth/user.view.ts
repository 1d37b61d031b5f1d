import type { User } from './user.js';

/** The API's view of an account: never the password hash, TOTP secret or recovery codes. */
export function userView(u: User) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    role: u.role,
    kind: u.kind,
    organisation: u.organisation,
    expiresAt: u.expiresAt,
    disabled: u.disabled,
    lockedUntil: u.lockedUntil,
    totpEnabled: u.totpEnabled,
    mustChangePassword: u.mustChangePassword,
    createdAt: u.createdAt,
  };
}
