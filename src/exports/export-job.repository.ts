import type { Kysely } from 'kysely';
import type { Schema } from '../platform/db/schema.js';
import type { ExportJobRow, NewExportJobRow } from './export.table.js';

/** The export_jobs table (only this file touches it). Claims and lease renewals are conditional updates: one worker per job. */
export class ExportJobRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async insert(row: NewExportJobRow): Promise<void> {
    await this.db.insertInto('export_jobs').values(row).execute();
  }

  async get(id: string): Promise<ExportJobRow | undefined> {
    return this.db.selectFrom('export_jobs').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async forCase(caseRef: string): Promise<ExportJobRow[]> {
    return this.db.selectFrom('export_jobs').selectAll().where('case_ref', '=', caseRef).orderBy('created_at', 'desc').limit(100).execute();
  }

  /** Jobs a worker may take: queued, or running under a lease that has run out (its worker died). Oldest first. */
  async claimable(now: string, limit = 5): Promise<ExportJobRow[]> {
    return this.db.selectFrom('export_jobs').selectAll()
      .where((eb) => eb.or([eb('state', '=', 'queued'), eb.and([eb('state', '=', 'running'), eb('lease_until', '<', now)])]))
      .orderBy('created_at').limit(limit).execute();
  }

  /** Takes the job if it is still claimable; returns whether this call did (the conditional update is the lock). */
  async claim(id: string, owner: string, now: string, leaseUntil: string): Promise<boolean> {
    const result = await this.db.updateTable('export_jobs')
      .set((eb) => ({ state: 'running', lease_owner: owner, lease_until: leaseUntil, updated_at: now, attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .where((eb) => eb.or([eb('state', '=', 'queued'), eb.and([eb('state', '=', 'running'), eb('lease_until', '<', now)])]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Renews the lease and records progress; false when the job is no longer this worker's (lease lost, cancelled). */
  async heartbeat(id: string, owner: string, p: { phase: string; progress: number }, now: string, leaseUntil: string): Promise<boolean> {
    const result = await this.db.updateTable('export_jobs')
      .set({ phase: p.phase, progress: p.progress, lease_until: leaseUntil, updated_at: now })
      .where('id', '=', id).where('lease_owner', '=', owner).where('state', '=', 'running')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Ends the job held by `owner` (or, with owner null, an unclaimed queued one); wipes the sealed password. */
  async finish(id: string, owner: string | null, end: { state: 'done' | 'failed' | 'cancelled' | 'queued'; phase: string; progress: number; error: string | null }, now: string): Promise<boolean> {
    let q = this.db.updateTable('export_jobs')
      .set({
        state: end.state, phase: end.phase, progress: end.progress, error: end.error, lease_owner: null, lease_until: null, updated_at: now,
        ...(end.state === 'queued' ? {} : { finished_at: now, password_sealed: null }),
      })
      .where('id', '=', id);
    q = owner === null ? q.where('state', '=', 'queued') : q.where('lease_owner', '=', owner).where('state', '=', 'running');
    return Number((await q.executeTakeFirst()).numUpdatedRows) > 0;
  }

  /** Cancels a queued or running job (a running worker notices at its next heartbeat). */
  async cancel(id: string, now: string): Promise<boolean> {
    const result = await this.db.updateTable('export_jobs')
      .set({ state: 'cancelled', phase: 'cancelled', lease_owner: null, lease_until: null, updated_at: now, finished_at: now, password_sealed: null })
      .where('id', '=', id).where('state', 'in', ['queued', 'running'])
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
