import { sql, type Kysely, type Transaction } from 'kysely';
import type { Executor } from '../auth/user.repository.js';
import { dialectOf, type Dialect } from '../platform/db/database.js';
import type { Schema } from '../platform/db/schema.js';
import type { Segment } from './segment.js';
import type { NewSegmentRow, SegmentRow } from './recording.table.js';

export function toSegment(row: SegmentRow): Segment {
  return {
    id: Number(row.id),
    cameraId: row.camera_id,
    day: row.day,
    start: new Date(row.start_at),
    end: new Date(row.end_at),
    durationMs: Number(row.duration_ms),
    bytes: Number(row.bytes),
    storedBytes: Number(row.stored_bytes),
    motion: row.motion === null ? null : Number(row.motion),
    storageKey: row.storage_key,
  };
}

/** What a deletion hands on to the purge queue and the totals. */
export interface DeletedSegment {
  id: number;
  cameraId: string;
  day: string;
  storageKey: string;
  storedBytes: number;
  start: Date;
}

/** Keyset position in (start_at, id) order. */
export interface SegmentCursor {
  start: string;
  id: number;
}

/**
 * The segment index and the purge queue. Every deletion goes through deleteUnheld(), whose single
 * statement re-checks the holds (INV-2) inside the caller's transaction, after lockCamera().
 */
export class SegmentRepository {
  private readonly dialect: Dialect;

  constructor(private readonly db: Kysely<Schema>) {
    this.dialect = dialectOf(db as unknown as Kysely<unknown>);
  }

  /**
   * Serialises, per camera, the statements that delete footage with those that create holds, so a
   * hold committed before a deletion is always seen by it. SQLite serialises writers already.
   */
  async lockCamera(trx: Transaction<Schema>, cameraId: string): Promise<void> {
    if (this.dialect === 'postgres') await sql`select pg_advisory_xact_lock(hashtext(${`toezicht-recording:${cameraId}`}))`.execute(trx);
  }

  /** Inserts the row unless its storage key is indexed already (a re-ingest after a crash); returns whether it did. */
  async insert(row: NewSegmentRow, ex: Executor = this.db): Promise<boolean> {
    const result = await ex.insertInto('recording_segments').values(row).onConflict((oc) => oc.column('storage_key').doNothing()).executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  async findByStorageKey(storageKey: string, ex: Executor = this.db): Promise<Segment | null> {
    const row = await ex.selectFrom('recording_segments').selectAll().where('storage_key', '=', storageKey).executeTakeFirst();
    return row ? toSegment(row) : null;
  }

  /** The end of the camera's latest segment (by start), or null. */
  async lastEnd(cameraId: string, ex: Executor = this.db): Promise<Date | null> {
    const row = await ex
      .selectFrom('recording_segments')
      .select('end_at')
      .where('camera_id', '=', cameraId)
      .orderBy('start_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? new Date(row.end_at) : null;
  }

  /** The camera's segments overlapping [from, to), in time order. */
  async between(cameraId: string, from: Date, to: Date, ex: Executor = this.db): Promise<Segment[]> {
    const rows = await ex
      .selectFrom('recording_segments')
      .selectAll()
      .where('camera_id', '=', cameraId)
      .where('start_at', '<', to.toISOString())
      .where('end_at', '>', from.toISOString())
      .orderBy('start_at')
      .orderBy('id')
      .execute();
    return rows.map(toSegment);
  }

  /** One page of the camera's segments whose start lies in [from, to), after the cursor, in (start, id) order. */
  async startingIn(cameraId: string, range: { from: Date | null; to: Date }, limit: number, after: SegmentCursor | null = null): Promise<Segment[]> {
    let query = this.db
      .selectFrom('recording_segments')
      .selectAll()
      .where('camera_id', '=', cameraId)
      .where('start_at', '<', range.to.toISOString());
    if (range.from) query = query.where('start_at', '>=', range.from.toISOString());
    if (after) query = query.where((eb) => eb.or([eb('start_at', '>', after.start), eb.and([eb('start_at', '=', after.start), eb('id', '>', after.id)])]));
    const rows = await query.orderBy('start_at').orderBy('id').limit(limit).execute();
    return rows.map(toSegment);
  }

  /** One page of all cameras' segments, oldest first (disk pressure). */
  async oldest(limit: number, after: SegmentCursor | null = null): Promise<Segment[]> {
    let query = this.db.selectFrom('recording_segments').selectAll();
    if (after) query = query.where((eb) => eb.or([eb('start_at', '>', after.start), eb.and([eb('start_at', '=', after.start), eb('id', '>', after.id)])]));
    const rows = await query.orderBy('start_at').orderBy('id').limit(limit).execute();
    return rows.map(toSegment);
  }

  /**
   * The camera's segments that end after the instant (motion pruning), in time order. A camera's
   * segments never overlap and last seconds (never an hour), so the (camera, start) index bounds the read.
   */
  async endingAfter(cameraId: string, after: Date | null, limit: number): Promise<Segment[]> {
    let query = this.db.selectFrom('recording_segments').selectAll().where('camera_id', '=', cameraId);
    if (after) query = query.where('start_at', '>=', new Date(after.getTime() - 3_600_000).toISOString()).where('end_at', '>', after.toISOString());
    const rows = await query.orderBy('start_at').orderBy('id').limit(limit).execute();
    return rows.map(toSegment);
  }

  /**
   * Deletes the given segments of one camera except those an active hold covers — checked by this
   * very statement (INV-2) — and queues their stored objects for removal in the same transaction.
   * Returns what was deleted. Call lockCamera() first in the same transaction.
   */
  async deleteUnheld(trx: Transaction<Schema>, cameraId: string, ids: readonly number[], at: Date): Promise<DeletedSegment[]> {
    if (ids.length === 0) return [];
    const rows = await trx
      .deleteFrom('recording_segments')
      .where('camera_id', '=', cameraId)
      .where('id', 'in', [...ids])
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('recording_hold_cameras as hc')
              .innerJoin('recording_holds as h', 'h.id', 'hc.hold_id')
              .select(sql.lit(1).as('one'))
              .whereRef('hc.camera_id', '=', 'recording_segments.camera_id')
              .where('h.released_at', 'is', null)
              .whereRef('h.from_at', '<', 'recording_segments.end_at')
              .whereRef('h.to_at', '>', 'recording_segments.start_at'),
          ),
        ),
      )
      .returning(['id', 'camera_id', 'day', 'storage_key', 'stored_bytes', 'start_at'])
      .execute();
    const deleted = rows.map((r) => ({
      id: Number(r.id), cameraId: r.camera_id, day: r.day, storageKey: r.storage_key, storedBytes: Number(r.stored_bytes), start: new Date(r.start_at),
    }));
    if (deleted.length) {
      const queuedAt = at.toISOString();
      for (let i = 0; i < deleted.length; i += 500) {
        await trx
          .insertInto('recording_purge_queue')
          .values(deleted.slice(i, i + 500).map((d) => ({ storage_key: d.storageKey, camera_id: d.cameraId, day: d.day, queued_at: queuedAt })))
          .onConflict((oc) => oc.column('storage_key').doNothing())
          .execute();
      }
      const bytes = deleted.reduce((sum, d) => sum + d.storedBytes, 0);
      await trx
        .updateTable('recording_cameras')
        .set((eb) => ({ segment_count: eb('segment_count', '-', deleted.length), stored_bytes: eb('stored_bytes', '-', bytes) }))
        .where('camera_id', '=', cameraId)
        .execute();
    }
    return deleted;
  }

  /**
   * A page of the purge queue in key order, after the given key: the queue can hold a whole catch-up
   * sweep's objects, and reading on from the last key never walks back over removed entries.
   */
  async purgeQueue(limit: number, after: string | null = null): Promise<{ storageKey: string; cameraId: string; day: string }[]> {
    let query = this.db.selectFrom('recording_purge_queue').selectAll();
    if (after !== null) query = query.where('storage_key', '>', after);
    const rows = await query.orderBy('storage_key').limit(limit).execute();
    return rows.map((r) => ({ storageKey: r.storage_key, cameraId: r.camera_id, day: r.day }));
  }

  async dequeuePurged(storageKeys: readonly string[]): Promise<void> {
    if (storageKeys.length) await this.db.deleteFrom('recording_purge_queue').where('storage_key', 'in', [...storageKeys]).execute();
  }

  /** How many of the camera's segments start in [from, to) (held footage in a sweep's summary). */
  async countStartingIn(cameraId: string, from: Date, to: Date, ex: Executor = this.db): Promise<number> {
    const row = await ex
      .selectFrom('recording_segments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('camera_id', '=', cameraId)
      .where('start_at', '>=', from.toISOString())
      .where('start_at', '<', to.toISOString())
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The start of the camera's first segment, reading the index from the given instant on (null: from the beginning). */
  async oldestStart(cameraId: string, from: Date | null = null): Promise<Date | null> {
    let query = this.db.selectFrom('recording_segments').select('start_at').where('camera_id', '=', cameraId);
    if (from) query = query.where('start_at', '>=', from.toISOString());
    const row = await query.orderBy('start_at').limit(1).executeTakeFirst();
    return row ? new Date(row.start_at) : null;
  }

  /**
   * The camera's oldest footage without reading the part of the index the sweeps have emptied (on
   * PostgreSQL full of deleted entries until autovacuum): below the sweep's cursor only held footage
   * is left, so look in the held windows (from an hour before each, for a segment reaching into it)
   * and from the cursor on.
   */
  async oldestKept(cameraId: string, sweptUntil: Date | null, heldWindows: readonly { from: Date; to: Date }[]): Promise<Date | null> {
    if (!sweptUntil) return this.oldestStart(cameraId);
    const floor = new Date(sweptUntil.getTime() - 3_600_000);
    const candidates: Date[] = [];
    for (const w of [...heldWindows].filter((x) => x.from.getTime() < floor.getTime()).sort((a, b) => a.from.getTime() - b.from.getTime())) {
      const first = await this.oldestStart(cameraId, new Date(w.from.getTime() - 3_600_000));
      if (first && first.getTime() < w.to.getTime()) {
        candidates.push(first);
        break;
      }
    }
    const fromCursor = await this.oldestStart(cameraId, floor);
    if (fromCursor) candidates.push(fromCursor);
    return candidates.length ? new Date(Math.min(...candidates.map((d) => d.getTime()))) : null;
  }
}
