import type { Kysely } from 'kysely';
import QRCode from 'qrcode';
import type { Schema } from '../platform/db/schema.js';
import type { Clock } from '../platform/clock.js';
import { DomainError, invalid, unauthenticated } from '../platform/errors.js';
import { randomToken, sha256Hex, type SecretBox } from '../platform/crypto.js';
import type { Logbook } from '../logbook/logbook.service.js';
import type { Role } from './roles.js';
import type { Actor } from './policy.js';
import { accountBlock, normaliseUsername, type User } from './user.js';
import { toUser, type UserRepository } from './user.repository.js';
import type { SessionRepository } from './session.repository.js';
import type { LoginAttemptRepository, LoginOutcome } from './login-attempt.repository.js';
import { decoyPasswordHash, hashPassword, passwordProblem, verifyPassword } from './password.js';
import { isLocked, lockedUntil } from './lockout.js';
import { newTotpSecret, otpauthUrl, verifyTotp } from './totp.js';
import { sessionExpired, sessionStage, type SessionStage } from './session.js';
import { consumeRecoveryCode, newRecoveryCodes } from './recovery-codes.js';

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

export interface ResolvedSession {
  sessionId: string;
  csrfToken: string;
  user: User;
  actor: Actor;
  mfaPassed: boolean;
  stage: SessionStage;
}

export interface AuthDeps {
  db: Kysely<Schema>;
  users: UserRepository;
  sessions: SessionRepository;
  attempts: LoginAttemptRepository;
  logbook: Logbook;
  clock: Clock;
  secrets: SecretBox;
  mfaRoles: () => readonly Role[];
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
}

export const actorOf = (user: Pick<User, 'id' | 'username' | 'displayName' | 'role'>): Actor => ({
  id: user.id,
  username: user.username,
  displayName: user.displayName,
  role: user.role,
});

const logActor = (user: User | null, usernameTried?: string) =>
  user ? { id: user.id, name: user.username, role: user.role } : { id: null, name: usernameTried ?? 'anonymous', role: null };

/** Logging in, second factor, password changes and sessions (DOM-7, SOE-4, WEL-9). */
export class AuthService {
  constructor(private readonly d: AuthDeps) {}

  /** Verifies credentials. Every attempt, whatever its outcome, is stored and written to the logboek. */
  async login(usernameInput: string, password: string, meta: RequestMeta): Promise<{ token: string; session: ResolvedSession }> {
    const now = this.d.clock.now();
    const username = normaliseUsername(usernameInput);
    const row = await this.d.users.findByUsername(username);
    const user = row ? toUser(row) : null;
    let outcome: LoginOutcome;
    let newFailures = 0;
    if (!row || !user) {
      await verifyPassword(await decoyPasswordHash(), password);
      outcome = 'unknown_user';
    } else if (isLocked(user.lockedUntil, now)) {
      outcome = 'locked';
    } else if (!(await verifyPassword(row.password_hash, password))) {
      outcome = 'wrong_password';
      newFailures = user.failedAttempts + 1;
    } else {
      outcome = accountBlock(user, now) ?? 'success';
    }

    const token = randomToken();
    const session = await this.d.db.transaction().execute(async (trx) => {
      await this.d.attempts.insert({ at: now.toISOString(), usernameTried: username, userId: user?.id ?? null, outcome, ...meta }, trx);
      await this.d.logbook.append(trx, {
        actor: logActor(user, username),
        action: outcome === 'success' ? 'auth.login' : 'auth.login_failed',
        subject: { username, outcome },
        ip: meta.ip,
      });
      if (!user) return null;
      if (outcome === 'wrong_password') {
        const until = lockedUntil(newFailures, now);
        await this.d.users.update(user.id, { failed_attempts: newFailures, locked_until: until?.toISOString() ?? null }, trx);
        if (until) {
          await this.d.logbook.append(trx, {
            actor: logActor(user),
            action: 'auth.account_locked',
            subject: { username, until: until.toISOString(), consecutiveFailures: newFailures },
            ip: meta.ip,
          });
        }
        return null;
      }
      if (outcome !== 'success') return null;
      await this.d.users.update(user.id, { failed_attempts: 0, locked_until: null }, trx);
      const csrf = randomToken(24);
      await this.d.sessions.insert(
        {
          id: sha256Hex(token),
          user_id: user.id,
          created_at: now.toISOString(),
          last_seen_at: now.toISOString(),
          expires_at: new Date(now.getTime() + this.d.sessionAbsoluteHours * 3_600_000).toISOString(),
          mfa_passed: 0,
          csrf_token: csrf,
          ip: meta.ip,
          user_agent: meta.userAgent,
        },
        trx,
      );
      return this.resolved(sha256Hex(token), csrf, { ...user, failedAttempts: 0, lockedUntil: null }, false);
    });
    if (session) return { token, session };
    if (outcome === 'locked') {
      const until = user?.lockedUntil ?? '';
      throw new DomainError('locked', 'locked', `Account locked until ${until}`, { lockedUntil: until });
    }
    if (outcome === 'wrong_password') {
      const until = lockedUntil(newFailures, now);
      if (until) throw new DomainError('locked', 'locked', `Account locked until ${until.toISOString()}`, { lockedUntil: until.toISOString() });
    }
    if (outcome === 'disabled') throw unauthenticated('account_disabled', 'This account is disabled');
    if (outcome === 'expired') throw unauthenticated('account_expired', 'This account has expired');
    throw unauthenticated('invalid_credentials', 'Wrong username or password');
  }

  /** Finds the live session for a cookie token, ending it on idle or absolute timeout. */
  async resolve(token: string | undefined): Promise<ResolvedSession | null> {
    if (!token || token.length > 100) return null;
    const id = sha256Hex(token);
    const row = await this.d.sessions.find(id);
    if (!row) return null;
    const now = this.d.clock.now();
    const userRow = await this.d.users.findById(row.user_id);
    if (!userRow || sessionExpired({ lastSeenAt: row.last_seen_at, expiresAt: row.expires_at }, now, this.d.sessionIdleMinutes)) {
      await this.d.sessions.delete(id);
      return null;
    }
    const user = toUser(userRow);
    if (accountBlock(user, now)) {
      await this.d.sessions.delete(id);
      return null;
    }
    if (now.getTime() - new Date(row.last_seen_at).getTime() > 30_000) await this.d.sessions.touch(id, now.toISOString());
    return this.resolved(id, row.csrf_token, user, row.mfa_passed === 1);
  }

  async submitTotp(s: ResolvedSession, code: string, meta: RequestMeta): Promise<SessionStage> {
    const row = await this.d.users.findById(s.user.id);
    if (!row?.totp_secret_sealed || row.totp_enabled !== 1) throw invalid('totp_not_enabled', 'No second factor is enrolled for this account');
    const now = this.d.clock.now();
    if (isLocked(row.locked_until, now)) {
      throw new DomainError('locked', 'locked', `Account locked until ${row.locked_until}`, { lockedUntil: row.locked_until });
    }
    const step = verifyTotp(this.d.secrets.open(row.totp_secret_sealed), code.trim(), now, Number(row.totp_last_step));
    const recovery = step === null ? consumeRecoveryCode(JSON.parse(row.recovery_codes) as string[], code) : null;
    const ok = step !== null || recovery !== null;
    const failures = ok ? 0 : row.failed_attempts + 1;
    await this.d.db.transaction().execute(async (trx) => {
      await this.d.attempts.insert({ at: now.toISOString(), usernameTried: row.username, userId: row.id, outcome: ok ? 'success' : 'wrong_totp', ...meta }, trx);
      await this.d.logbook.append(trx, {
        actor: logActor(s.user),
        action: ok ? 'auth.totp_passed' : 'auth.totp_failed',
        subject: { username: row.username, method: recovery ? 'recovery_code' : 'totp' },
        ip: meta.ip,
      });
      await this.d.users.update(
        row.id,
        {
          failed_attempts: failures,
          locked_until: lockedUntil(failures, now)?.toISOString() ?? null,
          ...(step !== null ? { totp_last_step: step } : {}),
          ...(recovery ? { recovery_codes: JSON.stringify(recovery.remaining) } : {}),
        },
        trx,
      );
      if (ok) await this.d.sessions.markMfaPassed(s.sessionId, trx);
    });
    if (!ok) throw unauthenticated('invalid_totp', 'Wrong or expired code');
    return sessionStage(s.user, true, this.d.mfaRoles());
  }

  async startEnrolment(s: ResolvedSession): Promise<{ secret: string; otpauthUrl: string; qrDataUrl: string }> {
    if (s.user.totpEnabled) throw invalid('totp_already_enabled', 'A second factor is already enrolled');
    const secret = newTotpSecret();
    await this.d.users.update(s.user.id, { totp_secret_sealed: this.d.secrets.seal(secret), updated_at: this.d.clock.now().toISOString() });
    const url = otpauthUrl(secret, s.user.username);
    return { secret, otpauthUrl: url, qrDataUrl: await QRCode.toDataURL(url, { margin: 1, width: 220 }) };
  }

  async confirmEnrolment(s: ResolvedSession, code: string, meta: RequestMeta): Promise<{ recoveryCodes: string[]; stage: SessionStage }> {
    const row = await this.d.users.findById(s.user.id);
    if (!row?.totp_secret_sealed || row.totp_enabled === 1) throw invalid('totp_not_pending', 'Start enrolment first');
    const now = this.d.clock.now();
    const step = verifyTotp(this.d.secrets.open(row.totp_secret_sealed), code.trim(), now);
    if (step === null) throw invalid('invalid_totp', 'Wrong or expired code', 'code');
    const codes = newRecoveryCodes();
    await this.d.db.transaction().execute(async (trx) => {
      await this.d.users.update(row.id, { totp_enabled: 1, totp_last_step: step, recovery_codes: JSON.stringify(codes.hashes), updated_at: now.toISOString() }, trx);
      await this.d.sessions.markMfaPassed(s.sessionId, trx);
      await this.d.logbook.append(trx, { actor: logActor(s.user), action: 'auth.totp_enrolled', subject: { username: row.username }, ip: meta.ip });
    });
    return { recoveryCodes: codes.plain, stage: sessionStage({ ...s.user, totpEnabled: true }, true, this.d.mfaRoles()) };
  }

  async changePassword(s: ResolvedSession, current: string, next: string, meta: RequestMeta): Promise<SessionStage> {
    if (s.stage === 'totp_required') throw unauthenticated('session_restricted', 'Pass the second factor first');
    const row = await this.d.users.findById(s.user.id);
    if (!row || !(await verifyPassword(row.password_hash, current))) throw invalid('wrong_password', 'The current password is wrong', 'currentPassword');
    const problem = passwordProblem(next, row.username);
    if (problem) throw invalid('weak_password', `New password ${problem}`, 'newPassword');
    if (next === current) throw invalid('same_password', 'The new password must differ from the current one', 'newPassword');
    const now = this.d.clock.now().toISOString();
    const passwordHash = await hashPassword(next);
    await this.d.db.transaction().execute(async (trx) => {
      await this.d.users.update(row.id, { password_hash: passwordHash, must_change_password: 0, updated_at: now }, trx);
      await this.d.sessions.deleteForUser(row.id, s.sessionId, trx);
      await this.d.logbook.append(trx, { actor: logActor(s.user), action: 'auth.password_changed', subject: { username: row.username }, ip: meta.ip });
    });
    return sessionStage({ ...s.user, mustChangePassword: false }, s.mfaPassed, this.d.mfaRoles());
  }

  async logout(s: ResolvedSession, meta: RequestMeta): Promise<void> {
    await this.d.db.transaction().execute(async (trx) => {
      await this.d.sessions.delete(s.sessionId, trx);
      await this.d.logbook.append(trx, { actor: logActor(s.user), action: 'auth.logout', subject: { username: s.user.username }, ip: meta.ip });
    });
  }

  private resolved(sessionId: string, csrfToken: string, user: User, mfaPassed: boolean): ResolvedSession {
    return { sessionId, csrfToken, user, actor: actorOf(user), mfaPassed, stage: sessionStage(user, mfaPassed, this.d.mfaRoles()) };
  }
}
