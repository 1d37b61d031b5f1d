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
 *
 * Each wrapped key records the id of the master key that wrapped it. Master-key rotation
 * (`rotate`) re-wraps every live day key under a new master key in one transaction; until it has
 * committed the old key keeps working (other processes see the old wrapping), and keys wrapped by
 * a previous master key that is still configured (`previous`) open as well.
 */
export class DayKeys {
  private readonly cache = new Map<string, Buffer>();
  private static readonly cacheSize = 512;

  private master: MasterKey;
  private previous: MasterKey[];

  constructor(
    private readonly db: Kysely<Schema>,
    master: MasterKey,
    private readonly clock: Clock,
    previous: MasterKey[] = [],
  ) {
    this.master = master;
    this.previous = previous.filter((p) => p.id !== master.id);
  }

  /** The id of the master key new day keys are wrapped with. */
  get masterKeyId(): string {
    return this.master.id;
  }

  /**
   * Re-wraps every live day key under `next` in one transaction (the data keys themselves do not
   * change, so no footage is rewritten). Keys wrapped by the current or a previous master key are
   * accepted; one that opens with none of them aborts the whole rotation (nothing changes). On
   * PostgreSQL the table is locked against writers for the duration, so no day key can be created
   * under the old master key behind the rotation's back; SQLite serialises writers anyway.
   * Afterwards this instance wraps with `next` and still accepts the old key.
   */
  async rotate(next: MasterKey): Promise<{ rewrapped: number; already: number }> {
    const result = await this.db.transaction().execute(async (trx) => {
      if (dialectOf(this.db as unknown as Kysely<unknown>) === 'postgres') await sql`LOCK TABLE recording_day_keys IN SHARE ROW EXCLUSIVE MODE`.execute(trx);
      const rows = await trx.selectFrom('recording_day_keys').select(['camera_id', 'day', 'wrapped_key', 'master_key_id']).where('wrapped_key', 'is not', null).execute();
      let rewrapped = 0;
      let already = 0;
      for (const row of rows) {
        if (row.master_key_id === next.id) {
          already++;
          continue;
        }
        const name = dayKeyName(row.camera_id, row.day);
        const dataKey = unwrapKey(this.keyFor(row.master_key_id).key, row.wrapped_key!, name);
        await trx
          .updateTable('recording_day_keys')
          .set({ wrapped_key: wrapKey(next.key, dataKey, name), master_key_id: next.id })
          .where('camera_id', '=', row.camera_id)
          .where('day', '=', row.day)
          .where('wrapped_key', 'is not', null)
          .execute();
        rewrapped++;
      }
      return { rewrapped, already };
    });
    this.previous = [this.master, ...this.previous].filter((p) => p.id !== next.id);
    this.master = next;
    return result;
  }

  /** How many live day keys each master key id wraps (to see whether a rotation is complete). */
  async wrappedBy(): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom('recording_day_keys')
      .select(['master_key_id', (eb) => eb.fn.countAll<string>().as('n')])
      .where('wrapped_key', 'is not', null)
      .groupBy('master_key_id')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.master_key_id, Number(r.n)]));
  }

  private keyFor(id: string): MasterKey {
    if (id === this.master.id) return this.master;
    return this.previous.find((p) => p.id === id) ?? this.master;
  }

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

  private open(name: string, row: { wrapped_key: string | null; destroyed_at: string | null; master_key_id: string } | undefined): Buffer {
    if (!row) throw new FootageKeyError('day_key_missing', `no day key ${name}`);
    if (!row.wrapped_key) throw new FootageKeyError('day_key_destroyed', `the day key ${name} was destroyed (footage past retention)`);
    const key = unwrapKey(this.keyFor(row.master_key_id).key, row.wrapped_key, name);
    if (this.cache.size >= DayKeys.cacheSize) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(name, key);
    return key;
  }
}
