import type { Kysely } from 'kysely';
import type { Schema } from '../platform/db/schema.js';
import type { Clock } from '../platform/clock.js';
import type { Actor, Policy } from '../auth/policy.js';
import type { UserRepository } from '../auth/user.repository.js';

/** Gathers the dashboard cards a role may see; each later feature adds its own (holds, deadlines, checks). */
export class DashboardService {
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly users: UserRepository,
    private readonly policy: Policy,
    private readonly clock: Clock,
  ) {}

  async forActor(actor: Actor) {
    const head = await this.db.selectFrom('logbook_entries').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
    const result: {
      user: { displayName: string; role: string };
      logbook: { headSeq: number };
      loginAttempts24h?: number;
      failedLogins24h?: number;
      lockedAccounts?: number;
    } = { user: { displayName: actor.displayName, role: actor.role }, logbook: { headSeq: Number(head?.seq ?? 0) } };
    if (this.policy.can(actor, 'login_attempts.read').allowed) {
      const now = this.clock.now();
      const since = new Date(now.getTime() - 24 * 3_600_000).toISOString();
      const rows = await this.db
        .selectFrom('login_attempts')
        .select(['outcome', (eb) => eb.fn.countAll<number>().as('n')])
        .where('at', '>=', since)
        .groupBy('outcome')
        .execute();
      result.loginAttempts24h = rows.reduce((sum, r) => sum + Number(r.n), 0);
      result.failedLogins24h = rows.filter((r) => r.outcome !== 'success').reduce((sum, r) => sum + Number(r.n), 0);
      result.lockedAccounts = await this.users.countLocked(now.toISOString());
    }
    return result;
  }
}
