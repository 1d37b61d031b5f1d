import type { Role } from './roles.js';

/** An account as the domain sees it. The password hash and TOTP secret never leave the repository layer. */
export interface User {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  role: Role;
  kind: 'internal' | 'external';
  organisation: string | null;
  mustChangePassword: boolean;
  disabled: boolean;
  expiresAt: string | null;
  failedAttempts: number;
  lockedUntil: string | null;
  totpEnabled: boolean;
  createdAt: string;
  updatedAt: string;
}

/** Usernames: lower-case letters, digits, dot, dash, underscore; 3–64 characters. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,63}$/;

export const normaliseUsername = (username: string): string => username.trim().toLowerCase();

/** Whether an account may log in at all at `now` (independent of password and lockout). */
export function accountBlock(user: Pick<User, 'disabled' | 'expiresAt'>, now: Date): 'disabled' | 'expired' | null {
  if (user.disabled) return 'disabled';
  if (user.expiresAt && new Date(user.expiresAt).getTime() <= now.getTime()) return 'expired';
  return null;
}
