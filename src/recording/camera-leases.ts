import type { Kysely } from 'kysely';
import type { Schema } from '../platform/db/schema.js';

/**
 * Camera leases (scale-out): several recorder processes share one database and the cameras; a
 * camera is recorded by the one live holder of its lease. A lease is taken or renewed by a single
 * conditional statement (free, expired, or already ours), so two recorders can never both hold it.
 * The holder renews at every refresh of the targets; a recorder that dies stops renewing and its
 * cameras pass to another after the lease expires. A holder id is stable per host and data
 * directory, so a recorder restarted after a crash takes its cameras back at once.
 */
export class CameraLeases {
  constructor(private readonly db: Kysely<Schema>) {}

  /** Takes or renews the lease; true when `holder` holds it until now + ttlMs. */
  async acquire(cameraId: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
    const at = now.toISOString();
    const expires = new Date(now.getTime() + ttlMs).toISOString();
    const renewed = await this.db
      .updateTable('recording_camera_leases')
      .set((eb) => ({ holder, expires_at: expires, acquired_at: eb.case().when('holder', '=', holder).then(eb.ref('acquired_at')).else(at).end() }))
      .where('camera_id', '=', cameraId)
      .where((eb) => eb.or([eb('holder', '=', holder), eb('expires_at', '<', at)]))
      .executeTakeFirst();
    if (Number(renewed.numUpdatedRows) > 0) return true;
    const inserted = await this.db
      .insertInto('recording_camera_leases')
      .values({ camera_id: cameraId, holder, acquired_at: at, expires_at: expires })
      .onConflict((oc) => oc.column('camera_id').doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  /** Gives the lease up (a clean stop, or a camera this recorder no longer records). */
  async release(cameraId: string, holder: string): Promise<void> {
    await this.db.deleteFrom('recording_camera_leases').where('camera_id', '=', cameraId).where('holder', '=', holder).execute();
  }

  async releaseAll(holder: string): Promise<void> {
    await this.db.deleteFrom('recording_camera_leases').where('holder', '=', holder).execute();
  }

  /** Who holds which camera (live leases only). */
  async holders(now: Date): Promise<Map<string, string>> {
    const rows = await this.db.selectFrom('recording_camera_leases').select(['camera_id', 'holder']).where('expires_at', '>=', now.toISOString()).execute();
    return new Map(rows.map((r) => [r.camera_id, r.holder]));
  }
}
