import type { User } from './user.js';
import type { Role } from './roles.js';

/** What a logged-in session still has to do before it may use the application. */
export type SessionStage = 'ok' | 'totp_required' | 'password_change_required' | 'totp_enrolment_required';

/** Pure: the stage of a session, from the account and the roles that need a second factor. */
export function sessionStage(user: Pick<User, 'totpEnabled' | 'mustChangePassword' | 'role'>, mfaPassed: boolean, mfaRoles: readonly Role[]): SessionStage {
  if (user.totpEnabled && !mfaPassed) return 'totp_required';
  if (user.mustChangePassword) return 'password_change_required';
  if (!user.totpEnabled && mfaRoles.includes(user.role)) return 'totp_enrolment_required';
  return 'ok';
}

/** Pure: whether a session has ended by idle or absolute timeout at `now`. */
export function sessionExpired(session: { lastSeenAt: string; expiresAt: string }, now: Date, idleMinutes: number): boolean {
  const t = now.getTime();
  return new Date(session.expiresAt).getTime() <= t || new Date(session.lastSeenAt).getTime() + idleMinutes * 60_000 <= t;
}
