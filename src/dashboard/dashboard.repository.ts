import type { Kysely } from 'kysely';
import type { Schema } from '../platform/db/schema.js';

/** The counts behind the dashboard cards. */
export class DashboardRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async logbookHeadSeq(): Promise<number> {
    const head = await this.db.selectFrom('logbook_entries').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
    return Number(head?.seq ?? 0);
  }

  async loginAttemptsSince(since: string): Promise<{ total: number; failed: number }> {
    const rows = await this.db
      .selectFrom('login_attempts')
      .select(['outcome', (eb) => eb.fn.countAll<number>().as('n')])
      .where('at', '>=', since)
      .groupBy('outcome')
      .execute();
    const total = rows.reduce((sum, r) => sum + Number(r.n), 0);
    return { total, failed: total - rows.filter((r) => r.outcome === 'success').reduce((sum, r) => sum + Number(r.n), 0) };
  }

  async lockedAccounts(now: string): Promise<number> {
    const row = await this.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('locked_until', '>', now).executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
