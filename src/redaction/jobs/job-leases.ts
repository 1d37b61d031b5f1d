import type { Kysely } from 'kysely';
import type { Executor } from '../../auth/user.repository.js';
import type { Schema } from '../../platform/db/schema.js';
import type { JobLeasePort } from '../../platform/jobs/lease-worker.js';

/** The tables whose rows are leased jobs (migration 0022 added lease_owner / lease_until). */
export type LeasedTable = 'redaction_analyses' | 'redaction_renders';

/** The lease columns every leased job table has; the rest of the row is the feature's. */
interface LeaseColumns {
  id: string;
  state: string;
  attempts: number;
  lease_owner: string | null;
  lease_until: string | null;
  created_at: string;
}

/** Kysely's view of a leased table: only the lease columns (the feature's repository reads the rest). */
type LeaseDb = Kysely<Record<LeasedTable, LeaseColumns>>;

/**
 * Leases on redaction jobs (issue 9), as export jobs have them (src/exports/export-job.repository.ts):
 * a job is claimed by a conditional update (the only way in, so two workers never run one job), the
 * lease is renewed while the job runs, and a job whose lease ran out (its process died) or was handed
 * back (its process stopped) is claimable again. A job may start `waiting` (analyses: `queued`) or
 * `running` without a lease (renders, which have no queued state); both are claimable. Only this
 * file touches the lease columns. Times are real time (ISO text compares in order on both dialects).
 */
export class JobLeases implements JobLeasePort {
  constructor(
    private readonly db: Kysely<Schema>,
    readonly table: LeasedTable,
    /** States that wait for a worker without a lease (e.g. ['queued']). */
    private readonly waiting: readonly string[],
  ) {}

  private q(ex: Executor = this.db): LeaseDb {
    return ex as unknown as LeaseDb;
  }

  /** Jobs a worker may take now, oldest first. */
  async claimable(now: string, limit = 5): Promise<{ id: string; attempts: number }[]> {
    const rows = await this.q().selectFrom(this.table).select(['id', 'attempts'])
      .where((eb) => eb.or([
        ...(this.waiting.length ? [eb('state', 'in', [...this.waiting])] : []),
        eb.and([eb('state', '=', 'running'), eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)])]),
      ]))
      .orderBy('created_at').limit(limit).execute();
    return rows.map((r) => ({ id: r.id, attempts: Number(r.attempts) }));
  }

  /** Takes the job if it is still claimable (attempts + 1); returns whether this call did. */
  async claim(id: string, owner: string, now: string, leaseUntil: string, ex: Executor = this.db): Promise<boolean> {
    const result = await this.q(ex).updateTable(this.table)
      .set((eb) => ({ state: 'running', lease_owner: owner, lease_until: leaseUntil, attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .where((eb) => eb.or([
        ...(this.waiting.length ? [eb('state', 'in', [...this.waiting])] : []),
        eb.and([eb('state', '=', 'running'), eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)])]),
      ]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Renews the lease; false when the job is no longer this worker's (cancelled, finished, or taken over after a stall). */
  async renew(id: string, owner: string, leaseUntil: string): Promise<boolean> {
    const result = await this.q().updateTable(this.table).set({ lease_until: leaseUntil })
      .where('id', '=', id).where('lease_owner', '=', owner).where('state', '=', 'running')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Hands a running job back (its worker stops): still `running`, claimable at once by any worker. */
  async release(id: string, owner: string): Promise<boolean> {
    const result = await this.q().updateTable(this.table).set({ lease_owner: null, lease_until: null })
      .where('id', '=', id).where('lease_owner', '=', owner).where('state', '=', 'running')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /**
   * Ends the lease of a job this worker holds, moving it to `state` — inside the caller's
   * transaction, with the feature's own columns set by the caller in the same transaction. Returns
   * false (and changes nothing) when the job is no longer this worker's: then the caller must not
   * write its result (exactly once).
   */
  async end(id: string, owner: string, state: string, ex: Executor = this.db): Promise<boolean> {
    const result = await this.q(ex).updateTable(this.table).set({ state, lease_owner: null, lease_until: null })
      .where('id', '=', id).where('lease_owner', '=', owner).where('state', '=', 'running')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Who holds the job and until when (for tests and the status of a job). */
  async lease(id: string): Promise<{ owner: string | null; until: string | null; attempts: number; state: string } | undefined> {
    const row = await this.q().selectFrom(this.table).select(['lease_owner', 'lease_until', 'attempts', 'state']).where('id', '=', id).executeTakeFirst();
    return row && { owner: row.lease_owner, until: row.lease_until, attempts: Number(row.attempts), state: row.state };
  }
}
