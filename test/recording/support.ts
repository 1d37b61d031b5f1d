import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/platform/config.js';
import { ManualClock, type Clock } from '../../src/platform/clock.js';
import type { Dialect } from '../../src/platform/db/database.js';
import { createLogger } from '../../src/platform/logger.js';
import { CheckpointKey } from '../../src/logbook/checkpoint-key.js';
import { Logbook } from '../../src/logbook/logbook.service.js';
import { encryptSegment } from '../../src/recording/footage-crypto.js';
import type { FootageStore } from '../../src/recording/footage-store.js';
import { createRecording, type Recording, type RecordingOptions } from '../../src/recording/recording.module.js';
import { storageKey, utcDay, type RecordingMode } from '../../src/recording/segment.js';
import { staticTargets, type RecordingTarget } from '../../src/recording/targets.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';

export interface RecordingFixture {
  recording: Recording;
  database: TestDatabase;
  logbook: Logbook;
  clock: Clock;
  config: Config;
  dataDir: string;
  targets: ReturnType<typeof staticTargets>;
  /** Indexes a synthetic encrypted segment (random bytes) as the ingester would; returns its id and plaintext. */
  addSegment(cameraId: string, start: Date | string, seconds?: number, extra?: { motion?: number | null; bytes?: number }): Promise<{ id: number; plaintext: Buffer; storageKey: string; day: string }>;
  /** Makes sure the recorder knows the camera (retention, mode). */
  camera(cameraId: string, retentionDays?: number, mode?: RecordingMode): Promise<void>;
  entries(action: string): Promise<{ subject: Record<string, unknown>; actor_name: string; reason: string | null; case_ref: string | null }[]>;
  close(): Promise<void>;
}

export async function createRecordingFixture(
  dialect: Dialect,
  opts: { clock?: Clock; store?: FootageStore; freeBytes?: RecordingOptions['freeBytes']; config?: Partial<Config>; targets?: RecordingTarget[] } & Partial<Pick<RecordingOptions, 'media' | 'binaries' | 'launcher'>> = {},
): Promise<RecordingFixture> {
  const database = await createTestDatabase(dialect);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-rec-'));
  const clock = opts.clock ?? new ManualClock('2026-03-30T12:00:00Z');
  const logbook = new Logbook(database.db, clock, CheckpointKey.generate());
  const config = loadConfig({}, { dataDir, logLevel: 'silent', masterKey: crypto.randomBytes(32).toString('base64'), footageMinFreeMb: 1, ...opts.config });
  const targets = staticTargets(opts.targets ?? []);
  const recording = await createRecording({
    db: database.db, config, logbook, clock, logger: createLogger(process.env.TOEZICHT_TEST_LOG ?? 'silent'), targets, defaultRetentionDays: () => 28,
    store: opts.store, freeBytes: opts.freeBytes, media: opts.media, binaries: opts.binaries, launcher: opts.launcher,
  });
  let run = 0;
  const fixture: RecordingFixture = {
    recording, database, logbook, clock, config, dataDir, targets,
    async camera(cameraId, retentionDays = 28, mode = 'continuous') {
      await recording.cameras.upsert({ cameraId, name: `Camera ${cameraId}`, retentionDays, mode }, clock.now());
    },
    async addSegment(cameraId, start, seconds = 10, extra = {}) {
      if (!(await recording.cameras.get(cameraId))) await fixture.camera(cameraId);
      const from = new Date(start);
      const to = new Date(from.getTime() + seconds * 1000);
      const day = utcDay(from);
      const key = storageKey(cameraId, day, `run-${++run}`, '20260101T000000.mp4');
      const plaintext = crypto.randomBytes(extra.bytes ?? 256);
      const blob = encryptSegment(await recording.keys.forWriting(cameraId, day), plaintext, key);
      await recording.store.put(key, blob);
      const ok = await database.db.transaction().execute(async (trx) => {
        const inserted = await recording.segments.insert(
          {
            camera_id: cameraId, day, start_at: from.toISOString(), end_at: to.toISOString(), duration_ms: seconds * 1000, bytes: plaintext.length,
            stored_bytes: blob.length, motion: extra.motion === undefined ? 0.5 : extra.motion, storage_key: key, run_id: `run-${run}`, codec: 'h264',
            width: 320, height: 240, indexed_at: clock.now().toISOString(),
          },
          trx,
        );
        if (inserted) await recording.cameras.addSegment(cameraId, blob.length, to, trx);
        return inserted;
      });
      if (!ok) throw new Error('segment not inserted');
      const row = await recording.segments.findByStorageKey(key);
      return { id: row!.id, plaintext, storageKey: key, day };
    },
    async entries(action) {
      const rows = await database.db.selectFrom('logbook_entries').selectAll().where('action', '=', action).orderBy('seq').execute();
      return rows.map((r) => ({ subject: JSON.parse(r.subject) as Record<string, unknown>, actor_name: r.actor_name, reason: r.reason, case_ref: r.case_ref }));
    },
    async close() {
      await recording.stop();
      await database.drop().catch(() => undefined);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return fixture;
}

export const someone = { id: 'u-priya', name: 'priya', role: 'privacy_officer' };
