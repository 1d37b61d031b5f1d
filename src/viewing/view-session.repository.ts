import type { Kysely } from 'kysely';
import type { Schema } from '../platform/db/schema.js';
import { toSegment } from '../recording/segment.repository.js';
import type { Segment } from '../recording/segment.js';
import type { NewViewSessionRow, ViewRangeRow, ViewSessionRow } from './viewing.table.js';

/** The view_sessions and view_ranges tables, and the one segment-by-id read playback needs. */
export class ViewSessionRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async insert(row: NewViewSessionRow): Promise<void> {
    await this.db.insertInto('view_sessions').values(row).execute();
  }

  async get(id: string): Promise<ViewSessionRow | undefined> {
    return this.db.selectFrom('view_sessions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Open sessions not heard from since the instant (the player went away without ending them). */
  async staleOpen(before: string, limit = 100): Promise<ViewSessionRow[]> {
    return this.db.selectFrom('view_sessions').selectAll().where('ended_at', 'is', null).where('last_seen_at', '<', before).orderBy('last_seen_at').limit(limit).execute();
  }

  async touch(id: string, at: string): Promise<void> {
    await this.db.updateTable('view_sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
  }

  async end(id: string, at: string): Promise<boolean> {
    const result = await this.db.updateTable('view_sessions').set({ ended_at: at, last_seen_at: at }).where('id', '=', id).where('ended_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Records or extends one contiguous watched range (the player's key names it); a range only grows. */
  async upsertRange(sessionId: string, cameraId: string, key: string, from: string, to: string, at: string): Promise<ViewRangeRow> {
    const existing = await this.range(sessionId, cameraId, key);
    if (!existing) {
      await this.db.insertInto('view_ranges').values({ session_id: sessionId, camera_id: cameraId, range_key: key, from_at: from, to_at: to, updated_at: at, logged_at: null }).execute();
    } else if (from < existing.from_at || to > existing.to_at) {
      await this.db
        .updateTable('view_ranges')
        .set({ from_at: from < existing.from_at ? from : existing.from_at, to_at: to > existing.to_at ? to : existing.to_at, updated_at: at })
        .where('id', '=', existing.id)
        .execute();
    }
    return (await this.range(sessionId, cameraId, key))!;
  }

  private range(sessionId: string, cameraId: string, key: string) {
    return this.db.selectFrom('view_ranges').selectAll().where('session_id', '=', sessionId).where('camera_id', '=', cameraId).where('range_key', '=', key).executeTakeFirst();
  }

  async unloggedRanges(sessionId: string, rangeKeys?: readonly string[]): Promise<ViewRangeRow[]> {
    let query = this.db.selectFrom('view_ranges').selectAll().where('session_id', '=', sessionId).where('logged_at', 'is', null);
    if (rangeKeys) {
      if (rangeKeys.length === 0) return [];
      query = query.where('range_key', 'in', [...rangeKeys]);
    }
    return query.orderBy('from_at').execute();
  }

  async markLogged(ids: readonly number[], at: string): Promise<void> {
    if (ids.length) await this.db.updateTable('view_ranges').set({ logged_at: at }).where('id', 'in', [...ids]).execute();
  }

  /** Every camera whose footage was ever watched (also those since removed from the register). */
  async watchedCameraIds(): Promise<string[]> {
    return (await this.db.selectFrom('view_ranges').select('camera_id').distinct().orderBy('camera_id').execute()).map((r) => r.camera_id);
  }

  async rangesOf(sessionId: string): Promise<ViewRangeRow[]> {
    return this.db.selectFrom('view_ranges').selectAll().where('session_id', '=', sessionId).orderBy('from_at').execute();
  }

  /**
   * Who saw the camera in [from, to): the watched ranges that overlap the window, with their view
   * sessions. Ranges are short (a player reports a new one after every seek), so the (camera, from)
   * index bounds the read from below by a day.
   */
  async overlapping(cameraId: string, from: string, to: string, limit = 500): Promise<(ViewRangeRow & { session: ViewSessionRow })[]> {
    const ranges = await this.db
      .selectFrom('view_ranges')
      .selectAll()
      .where('camera_id', '=', cameraId)
      .where('from_at', '<', to)
      .where('to_at', '>', from)
      .orderBy('from_at')
      .limit(limit)
      .execute();
    const ids = [...new Set(ranges.map((r) => r.session_id))];
    if (!ids.length) return [];
    const sessions = new Map((await this.db.selectFrom('view_sessions').selectAll().where('id', 'in', ids).execute()).map((s) => [s.id, s]));
    return ranges.map((r) => ({ ...r, session: sessions.get(r.session_id)! }));
  }

  /** One indexed segment by its id (the recorder's SegmentRepository reads by camera and time only). */
  async segment(id: number): Promise<Segment | null> {
    const row = await this.db.selectFrom('recording_segments').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toSegment(row) : null;
  }
}
