import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Schema } from '../platform/db/schema.js';
import type { Clock } from '../platform/clock.js';
import { conflict, invalid, notFound } from '../platform/errors.js';
import type { Logbook } from '../logbook/logbook.service.js';
import { externalRoles, isRole, type Role } from './roles.js';
import { normaliseUsername, USERNAME_PATTERN, type User } from './user.js';
import { toUser, type UserRepository } from './user.repository.js';
import type { SessionRepository } from './session.repository.js';
import { generateOneTimePassword, hashPassword, passwordProblem } from './password.js';

/** Who performs an account change: a logged-in person, or the command line on the server. */
export interface ChangeActor {
  id: string | null;
  name: string;
  role: string | null;
}

export const cliActor: ChangeActor = { id: null, name: 'cli', role: null };

export interface NewUser {
  username: string;
  displayName: string;
  email?: string | null;
  role: Role;
  kind: 'internal' | 'external';
  organisation?: string | null;
  expiresAt?: string | null;
  /** When given (demo, CLI), the password to set; otherwise a one-time password is generated. */
  password?: string;
}

export interface UserChanges {
  displayName?: string;
  role?: Role;
  disabled?: boolean;
  expiresAt?: string | null;
}

/** Personal accounts (DOM-7): created, changed, disabled and reset only through here, each in the logboek. */
export class UserService {
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly logbook: Logbook,
    private readonly clock: Clock,
    /** The roles the organisation's protocol profile declares: no account gets another. */
    private readonly declaredRoles: () => readonly Role[],
  ) {}

  async list(): Promise<User[]> {
    return (await this.users.list()).map(toUser);
  }

  async get(id: string): Promise<User> {
    const row = await this.users.findById(id);
    if (!row) throw notFound('user_not_found', `No user ${id}`);
    return toUser(row);
  }

  async create(input: NewUser, by: ChangeActor): Promise<{ user: User; oneTimePassword: string | null }> {
    const username = normaliseUsername(input.username);
    if (!USERNAME_PATTERN.test(username)) throw invalid('invalid_username', 'Username: 3–64 characters a–z, 0–9, . _ -', 'username');
    if (!isRole(input.role)) throw invalid('invalid_role', `Unknown role ${input.role}`, 'role');
    this.assertDeclared(input.role);
    validateKind(input.role, input.kind, input.expiresAt ?? null, this.clock.now());
    const oneTime = input.password === undefined ? generateOneTimePassword() : null;
    const password = input.password ?? oneTime!;
    const problem = passwordProblem(password, username);
    if (problem) throw invalid('weak_password', `Password ${problem}`, 'password');
    if (await this.users.findByUsername(username)) throw conflict('username_taken', `Username ${username} is already in use`, 'username');
    const now = this.clock.now().toISOString();
    const id = crypto.randomUUID();
    const passwordHash = await hashPassword(password);
    await this.db.transaction().execute(async (trx) => {
      await this.users.insert(
        {
          id,
          username,
          display_name: input.displayName.trim(),
          email: input.email ?? null,
          role: input.role,
          kind: input.kind,
          organisation: input.organisation ?? null,
          password_hash: passwordHash,
          must_change_password: oneTime ? 1 : 0,
          disabled: 0,
          expires_at: input.expiresAt ?? null,
          failed_attempts: 0,
          locked_until: null,
          totp_secret_sealed: null,
          totp_enabled: 0,
          totp_last_step: 0,
          recovery_codes: '[]',
          created_at: now,
          updated_at: now,
        },
        trx,
      );
      await this.logbook.append(trx, {
        actor: by,
        action: 'user.created',
        subject: { userId: id, username, role: input.role, kind: input.kind, expiresAt: input.expiresAt ?? null },
      });
    });
    return { user: await this.get(id), oneTimePassword: oneTime };
  }

  async update(id: string, changes: UserChanges, by: ChangeActor): Promise<User> {
    const before = await this.get(id);
    if (changes.role !== undefined && !isRole(changes.role)) throw invalid('invalid_role', `Unknown role ${changes.role}`, 'role');
    if (changes.role !== undefined) this.assertDeclared(changes.role);
    const role = changes.role ?? before.role;
    const expiresAt = changes.expiresAt !== undefined ? changes.expiresAt : before.expiresAt;
    validateKind(role, before.kind, expiresAt, this.clock.now(), changes.expiresAt !== undefined);
    if (by.id === id && (changes.disabled === true || (changes.role && changes.role !== before.role))) {
      throw invalid('self_change', 'You cannot disable your own account or change your own role', changes.disabled ? 'disabled' : 'role');
    }
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await this.users.update(
        id,
        {
          ...(changes.displayName !== undefined ? { display_name: changes.displayName.trim() } : {}),
          ...(changes.role !== undefined ? { role: changes.role } : {}),
          ...(changes.disabled !== undefined ? { disabled: changes.disabled ? 1 : 0 } : {}),
          ...(changes.expiresAt !== undefined ? { expires_at: changes.expiresAt } : {}),
          updated_at: now,
        },
        trx,
      );
      if (changes.disabled || (changes.role && changes.role !== before.role)) await this.sessions.deleteForUser(id, null, trx);
      await this.logbook.append(trx, { actor: by, action: 'user.changed', subject: { userId: id, username: before.username, changes } });
    });
    return this.get(id);
  }

  /** Sets a new one-time password (or the given one, from the CLI) and ends the user's sessions. */
  async resetPassword(id: string, by: ChangeActor, password?: string): Promise<string | null> {
    const user = await this.get(id);
    const oneTime = password === undefined ? generateOneTimePassword() : null;
    const next = password ?? oneTime!;
    const problem = passwordProblem(next, user.username);
    if (problem) throw invalid('weak_password', `Password ${problem}`, 'password');
    const passwordHash = await hashPassword(next);
    await this.db.transaction().execute(async (trx) => {
      await this.users.update(
        id,
        { password_hash: passwordHash, must_change_password: oneTime ? 1 : 0, failed_attempts: 0, locked_until: null, updated_at: this.clock.now().toISOString() },
        trx,
      );
      await this.sessions.deleteForUser(id, null, trx);
      await this.logbook.append(trx, { actor: by, action: 'user.password_reset', subject: { userId: id, username: user.username } });
    });
    return oneTime;
  }

  private assertDeclared(role: Role): void {
    const declared = this.declaredRoles();
    if (!declared.includes(role)) {
      throw invalid('role_not_in_protocol', `The protocol of this organisation has no role ${role} (roles: ${declared.join(', ')})`, 'role');
    }
  }

  /** Removes a lost second factor: the user enrols a new one at the next login; their sessions end. */
  async resetSecondFactor(id: string, by: ChangeActor): Promise<User> {
    const user = await this.get(id);
    await this.db.transaction().execute(async (trx) => {
      await this.users.update(
        id,
        { totp_enabled: 0, totp_secret_sealed: null, totp_last_step: 0, recovery_codes: '[]', updated_at: this.clock.now().toISOString() },
        trx,
      );
      await this.sessions.deleteForUser(id, null, trx);
      await this.logbook.append(trx, { actor: by, action: 'user.totp_reset', subject: { userId: id, username: user.username } });
    });
    return this.get(id);
  }

  async findByUsername(username: string): Promise<User | null> {
    const row = await this.users.findByUsername(normaliseUsername(username));
    return row ? toUser(row) : null;
  }

  /** First run: when there is no account at all, creates `admin` with a one-time password to print once. */
  async ensureFirstAdmin(): Promise<string | null> {
    if ((await this.users.count()) > 0) return null;
    const { oneTimePassword } = await this.create({ username: 'admin', displayName: 'Beheerder applicatie', role: 'admin', kind: 'internal' }, { id: null, name: 'system', role: null });
    return oneTimePassword;
  }
}

function validateKind(role: Role, kind: 'internal' | 'external', expiresAt: string | null, now: Date, expiryChanged = true): void {
  if (externalRoles.includes(role) && kind !== 'external') {
    throw invalid('external_role', `Role ${role} is held by people outside the organisation: the account must be external`, 'kind');
  }
  if (kind === 'external') {
    if (!expiresAt) throw invalid('expiry_required', 'External accounts (police, OvJ, partner) need an expiry date', 'expiresAt');
    if (expiryChanged && new Date(expiresAt).getTime() <= now.getTime()) throw invalid('expiry_past', 'The expiry date must lie in the future', 'expiresAt');
  }
}
