import { CompiledQuery, type Kysely } from 'kysely';
import { dialectOf } from '../platform/db/database.js';
import type { Schema } from '../platform/db/schema.js';

/** A segment's index row, as the ingester writes it. */
export interface IngestRow {
  camera_id: string;
  day: string;
  start_at: string;
  end_at: string;
  duration_ms: number;
  bytes: number;
  stored_bytes: number;
  motion: number | null;
  storage_key: string;
  run_id: string;
  codec: string;
  width: number | null;
  height: number | null;
  indexed_at: string;
}

const columns = ['camera_id', 'day', 'start_at', 'end_at', 'duration_ms', 'bytes', 'stored_bytes', 'motion', 'storage_key', 'run_id', 'codec', 'width', 'height', 'indexed_at'] as const;

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
