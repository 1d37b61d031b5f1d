import { sql, type Kysely } from 'kysely';
import type { Executor } from '../auth/user.repository.js';
import type { Clock } from '../platform/clock.js';
import { dialectOf } from '../platform/db/database.js';
import type { Schema } from '../platform/db/schema.js';
import { FootageKeyError, newDataKey, unwrapKey, wrapKey } from './footage-crypto.js';
import type { MasterKey } from './master-key.js';
import { dayKeyName } from './segment.js';

/**
 * The data keys: one per camera per UTC day, stored wrapped by the master key. Destroying a key
 * (INV-9) overwrites its wrapped form with NULL and keeps a tombstone, so the day's footage can
 * never be decrypted again and no new key is ever made for that day.
 */
export class DayKeys {
  private readonly cache = new Map<string, Buffer>();
  private static readonly cacheSize = 512;

  constructor(
    private readonly db: Kysely<Schema>,
    private readonly master: MasterKey,
    private readonly clock: Clock,
  ) {}

  /**
   * SQLite keeps deleted content in free pages unless told otherwise; with secure_delete it zeroes
   * it, so an overwritten wrapped key does not linger in the database file.
   */
  async init(): Promise<void> {
    if (dialectOf(this.db as unknown as Kysely<unknown>) === 'sqlite') await sql`PRAGMA secure_delete = ON`.execute(this.db);
  }

  /** The day's key for writing: created on first use; throws day_key_destroyed for a day already destroyed. */
  async forWriting(cameraId: string, day: string): Promise<Buffer> {
    const name = dayKeyName(cameraId, day);
    const cached = this.cache.get(name);
    if (cached) return cached;
    let row = await this.row(cameraId, day);
    if (!row) {
      await this.db
        .insertInto('recording_day_keys')
        .values({ camera_id: cameraId, day, wrapped_key: wrapKey(this.master.key, newDataKey(), name), master_key_id: this.master.id, created_at: this.clock.now().toISOString(), destroyed_at: null })
        .onConflict((oc) => oc.columns(['camera_id', 'day']).doNothing())
        .execute();
      row = await this.row(cameraId, day);
    }
    return this.open(name, row);
  }

  /** The day's key for reading; throws day_key_destroyed or day_key_missing. */
  async forReading(cameraId: string, day: string): Promise<Buffer> {
    const name = dayKeyName(cameraId, day);
    return this.cache.get(name) ?? this.open(name, await this.row(cameraId, day));
  }

  /** Whether the day's key exists and is not destroyed (checked inside the ingest transaction). */
  async isLive(cameraId: string, day: string, ex: Executor = this.db): Promise<boolean> {
    const row = await this.row(cameraId, day, ex);
    return !!row?.wrapped_key;
  }

  /** Destroys the day's key; returns whether it was live. */
  async destroy(cameraId: string, day: string, ex: Executor = this.db): Promise<boolean> {
    this.cache.delete(dayKeyName(cameraId, day));
    const result = await ex
      .updateTable('recording_day_keys')
      .set({ wrapped_key: null, destroyed_at: this.clock.now().toISOString() })
      .where('camera_id', '=', cameraId)
      .where('day', '=', day)
      .where('destroyed_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Live keys of days before the given day (candidates for destruction), oldest first. */
  async liveBefore(day: string, limit = 10_000): Promise<{ cameraId: string; day: string }[]> {
    const rows = await this.db
      .selectFrom('recording_day_keys')
      .select(['camera_id', 'day'])
      .where('destroyed_at', 'is', null)
      .where('day', '<', day)
      .orderBy('day')
      .orderBy('camera_id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ cameraId: r.camera_id, day: r.day }));
  }

  private row(cameraId: string, day: string, ex: Executor = this.db) {
    return ex.selectFrom('recording_day_keys').selectAll().where('camera_id', '=', cameraId).where('day', '=', day).executeTakeFirst();
  }

  private open(name: string, row: { wrapped_key: string | null; destroyed_at: string | null } | undefined): Buffer {
    if (!row) throw new FootageKeyError('day_key_missing', `no day key ${name}`);
    if (!row.wrapped_key) throw new FootageKeyError('day_key_destroyed', `the day key ${name} was destroyed (footage past retention)`);
    const key = unwrapKey(this.master.key, row.wrapped_key, name);
    if (this.cache.size >= DayKeys.cacheSize) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(name, key);
    return key;
  }
}
