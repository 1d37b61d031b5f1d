import type { Kysely } from 'kysely';
import type { Schema } from '../platform/db/schema.js';
import type { Executor } from './user.repository.js';

export type LoginOutcome = 'success' | 'wrong_password' | 'unknown_user' | 'locked' | 'wrong_totp' | 'disabled' | 'expired';

export interface LoginAttempt {
  id: number;
  at: string;
  usernameTried: string;
  userId: string | null;
  outcome: LoginOutcome;
  ip: string | null;
  userAgent: string | null;
}

export class LoginAttemptRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async insert(attempt: Omit<LoginAttempt, 'id'>, ex: Executor = this.db): Promise<void> {
    await ex
      .insertInto('login_attempts')
      .values({
        at: attempt.at,
        username_tried: attempt.usernameTried,
        user_id: attempt.userId,
        outcome: attempt.outcome,
        ip: attempt.ip,
        user_agent: attempt.userAgent,
      })
      .execute();
  }

  async list(filter: { username?: string; since?: string; limit: number }, ex: Executor = this.db): Promise<LoginAttempt[]> {
    let q = ex.selectFrom('login_attempts').selectAll().orderBy('id', 'desc').limit(filter.limit);
    if (filter.username) q = q.where('username_tried', '=', filter.username.toLowerCase());
    if (filter.since) q = q.where('at', '>=', filter.since);
    const rows = await q.execute();
    return rows.map((r) => ({
      id: Number(r.id),
      at: r.at,
      usernameTried: r.username_tried,
      userId: r.user_id,
      outcome: r.outcome as LoginOutcome,
      ip: r.ip,
      userAgent: r.user_agent,
    }));
  }

  async countSince(since: string, ex: Executor = this.db): Promise<number> {
    const row = await ex
      .selectFrom('login_attempts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('at', '>=', since)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
