import type { Kysely } from 'kysely';
import type { Schema } from '../platform/db/schema.js';
import type { SessionRow, SessionTable } from './auth.table.js';
import type { Executor } from './user.repository.js';

export class SessionRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async insert(row: SessionTable, ex: Executor = this.db): Promise<void> {
    await ex.insertInto('sessions').values(row).execute();
  }

  async find(id: string, ex: Executor = this.db): Promise<SessionRow | undefined> {
    return ex.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async touch(id: string, lastSeenAt: string, ex: Executor = this.db): Promise<void> {
    await ex.updateTable('sessions').set({ last_seen_at: lastSeenAt }).where('id', '=', id).execute();
  }

  async markMfaPassed(id: string, ex: Executor = this.db): Promise<void> {
    await ex.updateTable('sessions').set({ mfa_passed: 1 }).where('id', '=', id).execute();
  }

  async delete(id: string, ex: Executor = this.db): Promise<void> {
    await ex.deleteFrom('sessions').where('id', '=', id).execute();
  }

  async deleteForUser(userId: string, exceptId: string | null, ex: Executor = this.db): Promise<void> {
    let q = ex.deleteFrom('sessions').where('user_id', '=', userId);
    if (exceptId) q = q.where('id', '!=', exceptId);
    await q.execute();
  }

  async deleteExpired(now: string, idleBefore: string, ex: Executor = this.db): Promise<void> {
    await ex.deleteFrom('sessions').where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleBefore)])).execute();
  }
}
