import type { Kysely, Transaction } from 'kysely';
import type { Schema } from '../../platform/db/schema.js';
import type { LeaseWorker } from '../../platform/jobs/lease-worker.js';
import type { JobLeases } from './job-leases.js';

/**
 * Inserts a new job (`insert`, with its logboek entry, in one transaction) and runs it in this
 * process when this process's worker is idle: the job is then claimed under the worker's reservation
 * in that same transaction, so it starts here at once; otherwise it waits, unclaimed, for any worker
 * (this one is poked). When the transaction fails the reservation is given back.
 */
export async function startJob(
  o: { db: Kysely<Schema>; worker: LeaseWorker; leases: JobLeases },
  id: string,
  insert: (trx: Transaction<Schema>) => Promise<void>,
): Promise<void> {
  const reservation = o.worker.reserve();
  await o.db.transaction().execute(async (trx) => {
    await insert(trx);
    if (reservation) await o.leases.claim(id, reservation.owner, new Date().toISOString(), reservation.leaseUntil, trx);
  }).catch((err: unknown) => {
    reservation?.cancel();
    throw err;
  });
  if (reservation) reservation.run(id);
  else o.worker.poke();
}
