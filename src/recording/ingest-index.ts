import { CompiledQuery, type Kysely } from 'kysely';
import { dialectOf } from '../platform/db/database.js';
import type { Schema } from '../platform/db/schema.js';
import type { NewSegmentRow } from './recording.table.js';

/** A segment's index row, as the ingester writes it: every column of the segment table but the generated id, none left out. */
export type IngestRow = Required<Omit<NewSegmentRow, 'id'>>;

/**
 * The insert's columns, in order. Listed as the keys of an object so that a column added to or
 * removed from SegmentTable fails the compile here (a missing or an unknown key).
 */
const columns = Object.keys({
  camera_id: 1, day: 1, start_at: 1, end_at: 1, duration_ms: 1, bytes: 1, stored_bytes: 1, motion: 1, storage_key: 1, run_id: 1,
  codec: 1, width: 1, height: 1, indexed_at: 1,
} satisfies Record<keyof IngestRow, 1>) as (keyof IngestRow)[];

/**
 * The ingest's one transaction — the statements of SegmentRepository.lockCamera and insert,
 * DayKeys.isLive and CameraStateRepository.addSegment — as SQL text compiled once per dialect.
 * It runs for every segment of every camera (at 32 cameras about three times a second), and the
 * query builder cost more CPU than the statements themselves (bench/RESULTS.md, Recorder).
 * Tested through the ingester on SQLite and PostgreSQL (test/recording/ingester.test.ts).
 */
export class IngestIndex {
  private readonly sql: { lock: string | null; keyLive: string; insert: string; totals: string };

  constructor(private readonly db: Kysely<Schema>) {
    const postgres = dialectOf(db as unknown as Kysely<unknown>) === 'postgres';
    let n = 0;
    const p = () => (postgres ? `$${++n}` : '?');
    const fresh = () => ((n = 0), undefined);
    fresh();
    const lock = postgres ? `select pg_advisory_xact_lock(hashtext(${p()}))` : null;
    fresh();
    const keyLive = `select 1 as live from recording_day_keys where camera_id = ${p()} and day = ${p()} and wrapped_key is not null`;
    fresh();
    const insert = `insert into recording_segments (${columns.join(', ')}) values (${columns.map(() => p()).join(', ')}) on conflict (storage_key) do nothing returning id`;
    fresh();
    const totals = `update recording_cameras set segment_count = segment_count + 1, stored_bytes = stored_bytes + ${p()}, last_segment_end = ${p()} where camera_id = ${p()}`;
    this.sql = { lock, keyLive, insert, totals };
  }

  /**
   * In one transaction: under the camera's lock (ordered against the sweep's "no segment left of
   * that day → destroy its key", INV-9), if the day key is still live, the row and the camera's
   * totals. Returns the new row's id, or why nothing was indexed.
   */
  commit(row: IngestRow): Promise<number | 'key destroyed' | 'indexed already'> {
    const { lock, keyLive, insert, totals } = this.sql;
    return this.db.transaction().execute(async (trx) => {
      if (lock) await trx.executeQuery(CompiledQuery.raw(lock, [`toezicht-recording:${row.camera_id}`]));
      const live = await trx.executeQuery(CompiledQuery.raw(keyLive, [row.camera_id, row.day]));
      if (!live.rows.length) return 'key destroyed' as const;
      const inserted = await trx.executeQuery<{ id: number | bigint }>(CompiledQuery.raw(insert, columns.map((c) => row[c])));
      const id = inserted.rows[0]?.id;
      if (id === undefined) return 'indexed already' as const;
      await trx.executeQuery(CompiledQuery.raw(totals, [row.stored_bytes, row.end_at, row.camera_id]));
      return Number(id);
    });
  }
}
