import type { Kysely, Transaction } from 'kysely';
import type { Schema } from '../platform/db/schema.js';
import type { NewUserRow, UserRow, UserUpdate } from './auth.table.js';
import type { User } from './user.js';
import type { Role } from './roles.js';

export type Executor = Kysely<Schema> | Transaction<Schema>;

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    role: row.role as Role,
    kind: row.kind,
    organisation: row.organisation,
    mustChangePassword: row.must_change_password === 1,
    disabled: row.disabled === 1,
    expiresAt: row.expires_at,
    failedAttempts: row.failed_attempts,
    lockedUntil: row.locked_until,
    totpEnabled: row.totp_enabled === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class UserRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async findByUsername(username: string, ex: Executor = this.db): Promise<UserRow | undefined> {
    return ex.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  }

  async findById(id: string, ex: Executor = this.db): Promise<UserRow | undefined> {
    return ex.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async list(ex: Executor = this.db): Promise<UserRow[]> {
    return ex.selectFrom('users').selectAll().orderBy('username').execute();
  }

  async count(ex: Executor = this.db): Promise<number> {
    const row = await ex.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }


  async insert(row: NewUserRow, ex: Executor = this.db): Promise<void> {
    await ex.insertInto('users').values(row).execute();
  }

  async update(id: string, changes: UserUpdate, ex: Executor = this.db): Promise<void> {
    await ex.updateTable('users').set(changes).where('id', '=', id).execute();
  }
}
