import type { Kysely } from 'kysely';
import type { Executor } from '../auth/user.repository.js';
import type { Schema } from '../platform/db/schema.js';
import type { LiftRow, MaskVersionRow, NewLiftRow, NewMaskVersionRow } from './mask.table.js';

/** The privacy-mask tables (only this file touches them). Versions are only ever inserted. */
export class MaskRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async versions(cameraId: string, ex: Executor = this.db): Promise<MaskVersionRow[]> {
    return ex.selectFrom('privacy_mask_versions').selectAll().where('camera_id', '=', cameraId).orderBy('version', 'desc').execute();
  }

  async latest(cameraId: string, ex: Executor = this.db): Promise<MaskVersionRow | undefined> {
    return ex.selectFrom('privacy_mask_versions').selectAll().where('camera_id', '=', cameraId).orderBy('version', 'desc').limit(1).executeTakeFirst();
  }

  async insertVersion(row: NewMaskVersionRow, ex: Executor = this.db): Promise<void> {
    await ex.insertInto('privacy_mask_versions').values(row).execute();
  }

  async insertLift(row: NewLiftRow, ex: Executor = this.db): Promise<void> {
    await ex.insertInto('privacy_mask_lifts').values(row).execute();
  }

  async lift(id: string, ex: Executor = this.db): Promise<LiftRow | undefined> {
    return ex.selectFrom('privacy_mask_lifts').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Lifts of the camera that have not ended and expire after the instant. */
  async openLifts(cameraId: string, after: string, ex: Executor = this.db): Promise<LiftRow[]> {
    return ex
      .selectFrom('privacy_mask_lifts').selectAll()
      .where('camera_id', '=', cameraId).where('ended_at', 'is', null).where('expires_at', '>', after)
      .orderBy('started_at', 'desc').execute();
  }

  async recentLifts(cameraId: string, limit: number, ex: Executor = this.db): Promise<LiftRow[]> {
    return ex.selectFrom('privacy_mask_lifts').selectAll().where('camera_id', '=', cameraId).orderBy('started_at', 'desc').limit(limit).execute();
  }

  async endLift(id: string, at: string, ex: Executor): Promise<boolean> {
    const result = await ex.updateTable('privacy_mask_lifts').set({ ended_at: at }).where('id', '=', id).where('ended_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
