import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Executor } from '../auth/user.repository.js';
import type { Schema } from '../platform/db/schema.js';
import { conflict, notFound } from '../platform/errors.js';
import { holdWindow, normaliseHold, type HoldActor, type HoldKind, type HoldRecord, type NewHold } from './hold.js';
import type { HoldRow } from './recording.table.js';
import type { HoldWindow } from './segment.js';
import type { SegmentRepository } from './segment.repository.js';

function toHold(row: HoldRow, cameraIds: string[]): HoldRecord {
  return {
    id: row.id,
    caseRef: row.case_ref,
    kind: row.kind as HoldKind,
    cameraIds,
    from: row.from_at,
    to: row.to_at,
    reason: row.reason,
    reviewAt: row.review_at,
    createdAt: row.created_at,
    createdBy: row.created_by_name,
    releasedAt: row.released_at,
    releasedBy: row.released_by_name,
    releaseReason: row.release_reason,
  };
}

/** Runs fn in the caller's transaction, or in one of its own. */
function inTransaction<T>(ex: Executor, fn: (trx: Transaction<Schema>) => Promise<T>): Promise<T> {
  return ex.isTransaction ? fn(ex as Transaction<Schema>) : (ex as Kysely<Schema>).transaction().execute(fn);
}

/**
 * The hold table. Creating a hold takes the per-camera lock that every deletion takes, so a hold
 * that has committed is seen by every deletion after it (INV-2). Writes no logboek entry itself:
 * the caller records the action in the same transaction (hold.service.ts, the case workflows).
 */
export class HoldRepository {
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly segments: SegmentRepository,
  ) {}

  async create(input: NewHold, at: Date, ex: Executor = this.db): Promise<{ id: string }> {
    const hold = normaliseHold(input);
    const id = crypto.randomUUID();
    await inTransaction(ex, async (trx) => {
      for (const cameraId of hold.cameraIds) await this.segments.lockCamera(trx, cameraId);
      await trx
        .insertInto('recording_holds')
        .values({
          id, case_ref: hold.caseRef, kind: hold.kind, from_at: hold.from, to_at: hold.to, reason: hold.reason, review_at: hold.reviewAt,
          created_by_id: hold.createdBy.id, created_by_name: hold.createdBy.name, created_at: at.toISOString(),
          released_by_id: null, released_by_name: null, released_at: null, release_reason: null,
        })
        .execute();
      await trx.insertInto('recording_hold_cameras').values(hold.cameraIds.map((camera_id) => ({ camera_id, hold_id: id }))).execute();
    });
    return { id };
  }

  /**
   * Releases the hold. Its footage becomes subject to retention again: the sweep's cursor of its
   * cameras moves back to the window (less an hour, for segments that started before it and reach into it).
   */
  async release(id: string, by: HoldActor, reason: string, at: Date, ex: Executor = this.db): Promise<void> {
    const result = await ex
      .updateTable('recording_holds')
      .set({ released_at: at.toISOString(), released_by_id: by.id, released_by_name: by.name, release_reason: reason })
      .where('id', '=', id)
      .where('released_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      if (!(await this.get(id, ex))) throw notFound('hold_not_found', `No hold ${id}`);
      throw conflict('hold_released', 'This hold was already released');
    }
    const hold = (await this.get(id, ex))!;
    await ex
      .updateTable('recording_cameras')
      .set({ swept_until: new Date(Date.parse(hold.from) - 3_600_000).toISOString() })
      .where('camera_id', 'in', hold.cameraIds)
      .where('swept_until', '>', new Date(Date.parse(hold.from) - 3_600_000).toISOString())
      .execute();
  }

  async get(id: string, ex: Executor = this.db): Promise<HoldRecord | null> {
    const row = await ex.selectFrom('recording_holds').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? (await this.withCameras([row], ex))[0]! : null;
  }

  async list(filter: { caseRef?: string; cameraId?: string; active?: boolean } = {}, ex: Executor = this.db): Promise<HoldRecord[]> {
    let query = ex.selectFrom('recording_holds').selectAll('recording_holds');
    if (filter.caseRef !== undefined) query = query.where('case_ref', '=', filter.caseRef);
    if (filter.active) query = query.where('released_at', 'is', null);
    if (filter.cameraId !== undefined) {
      const cameraId = filter.cameraId;
      query = query.where('id', 'in', (eb) => eb.selectFrom('recording_hold_cameras').select('hold_id').where('camera_id', '=', cameraId));
    }
    return this.withCameras(await query.orderBy('created_at').orderBy('id').execute(), ex);
  }

  async dueForReview(now: Date): Promise<HoldRecord[]> {
    const rows = await this.db
      .selectFrom('recording_holds')
      .selectAll()
      .where('released_at', 'is', null)
      .where('review_at', '<=', now.toISOString())
      .orderBy('review_at')
      .execute();
    return this.withCameras(rows, this.db);
  }

  /** Active holds covering any of the camera's footage in [from, to) (the sweep's question). */
  async covering(cameraId: string, from: string, to: string, ex: Executor = this.db): Promise<HoldRecord[]> {
    const rows = await ex
      .selectFrom('recording_holds')
      .innerJoin('recording_hold_cameras', 'recording_hold_cameras.hold_id', 'recording_holds.id')
      .selectAll('recording_holds')
      .where('recording_hold_cameras.camera_id', '=', cameraId)
      .where('recording_holds.released_at', 'is', null)
      .where('recording_holds.from_at', '<', new Date(to).toISOString())
      .where('recording_holds.to_at', '>', new Date(from).toISOString())
      .execute();
    return this.withCameras(rows, ex);
  }

  /** The windows of the camera's active holds. */
  async activeWindows(cameraId: string, ex: Executor = this.db): Promise<(HoldWindow & { id: string })[]> {
    const rows = await ex
      .selectFrom('recording_holds')
      .innerJoin('recording_hold_cameras', 'recording_hold_cameras.hold_id', 'recording_holds.id')
      .select(['recording_holds.id', 'recording_holds.from_at', 'recording_holds.to_at', 'recording_holds.released_at'])
      .where('recording_hold_cameras.camera_id', '=', cameraId)
      .where('recording_holds.released_at', 'is', null)
      .execute();
    return rows.map((r) => ({ id: r.id, ...holdWindow({ from: r.from_at, to: r.to_at, releasedAt: r.released_at }) }));
  }

  private async withCameras(rows: HoldRow[], ex: Executor): Promise<HoldRecord[]> {
    if (rows.length === 0) return [];
    const links = await ex.selectFrom('recording_hold_cameras').selectAll().where('hold_id', 'in', rows.map((r) => r.id)).execute();
    const cameras = new Map<string, string[]>();
    for (const link of links) cameras.set(link.hold_id, [...(cameras.get(link.hold_id) ?? []), link.camera_id]);
    return rows.map((row) => toHold(row, (cameras.get(row.id) ?? []).sort()));
  }
}
