/**
 * Toezicht's recorder as `serve` runs it (one supervised ffmpeg per camera, the ingester: in-process
 * fMP4 validation and motion score, AES-256-GCM, the local store with fsync, SQLite), for N cameras
 * over a fixed time. Prints one JSON line: CPU seconds (Node itself, its children; over the whole run
 * and over the steady state after the warm-up), segments, gaps, ingest latency.
 *   node --import tsx bench/recorder/toezicht-side.ts --seconds 60 --dir /tmp/x [--mode continuous|motion] rtsp://… …
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../src/platform/config.js';
import { systemClock } from '../../src/platform/clock.js';
import { openSqliteFile } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { createLogger } from '../../src/platform/logger.js';
import { CheckpointKey } from '../../src/logbook/checkpoint-key.js';
import { Logbook } from '../../src/logbook/logbook.service.js';
import { createRecording } from '../../src/recording/recording.module.js';
import { staticTargets } from '../../src/recording/targets.js';
import { cpuSeconds, descendants, liveCpuSeconds } from './proc.js';

const { values, positionals } = parseArgs({
  options: { seconds: { type: 'string' }, dir: { type: 'string' }, mode: { type: 'string', default: 'continuous' }, warmup: { type: 'string', default: '15' } },
  allowPositionals: true,
});
const dataDir = values.dir!;
const database = openSqliteFile(path.join(dataDir, 'toezicht.sqlite'));
await migrateToLatest(database.db);
const logbook = new Logbook(database.db, systemClock, CheckpointKey.generate());
const config = loadConfig({}, { dataDir, logLevel: 'warn', masterKey: crypto.randomBytes(32).toString('base64'), footageMinFreeMb: 0 });
const mode = values.mode === 'motion' ? 'motion' : 'continuous';
const targets = staticTargets(positionals.map((url, i) => ({ cameraId: `cam${i}`, name: `Camera ${i}`, url, mode, retentionDays: 28 })));
const recording = await createRecording({ db: database.db, config, logbook, clock: systemClock, logger: createLogger('warn'), targets, defaultRetentionDays: () => 28 });

const before = cpuSeconds();
const startedAt = Date.now();
await recording.startRecorder();
const started = cpuSeconds();
const startDoneAt = Date.now();
// The run lasts `seconds` from the start of the recorder (as the floor's: from its first spawn),
// however long starting the cameras took. The steady state: CPU between the end of a warm-up
// (ffmpeg children started, modules loaded) and the end of the run, from /proc for the live
// children (no child comes and goes per segment).
const warmupMs = Math.min(Number(values.warmup) * 1000, Number(values.seconds) * 500);
const until = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, startedAt + ms - Date.now())));
await until(warmupMs);
const steadyFrom = { self: cpuSeconds().self, children: liveCpuSeconds(descendants(process.pid)) };
await until(Number(values.seconds) * 1000);
const steadyTo = { self: cpuSeconds().self, children: liveCpuSeconds(descendants(process.pid)) };
const sealing = recording.sealing;
const pendingAtEnd = recording.recorder ? (await Promise.resolve(recording.recorder)).snapshots().length : 0;
await recording.stop();
const after = cpuSeconds();

const rows = await database.db.selectFrom('recording_segments').select(['camera_id', 'start_at', 'end_at', 'indexed_at', 'duration_ms']).orderBy('camera_id').orderBy('start_at').execute();
let gaps = 0;
let widestGapMs = 0;
const latencies: number[] = [];
for (let i = 0; i < rows.length; i++) {
  const row = rows[i]!;
  const prev = rows[i - 1];
  if (prev && prev.camera_id === row.camera_id) {
    const gap = Date.parse(row.start_at) - Date.parse(prev.end_at);
    if (gap > 100) gaps++;
    widestGapMs = Math.max(widestGapMs, gap);
  }
  // The ingest latency of segments closed while recording (not the last ones, flushed by the stop).
  if (Date.parse(row.end_at) < startedAt + Number(values.seconds) * 1000 - 1000) latencies.push(Date.parse(row.indexed_at) - Date.parse(row.end_at));
}
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? null;
const quarantined = Number((await database.db.selectFrom('logbook_entries').select((eb) => eb.fn.countAll().as('n')).where('action', '=', 'recording.segment_quarantined').executeTakeFirstOrThrow()).n);
const offline = Number((await database.db.selectFrom('logbook_entries').select((eb) => eb.fn.countAll().as('n')).where('action', '=', 'recording.camera_offline').executeTakeFirstOrThrow()).n);
const recordedMs = rows.reduce((sum, r) => sum + Number(r.duration_ms), 0);
console.log(
  JSON.stringify({
    selfCpu: after.self - before.self, childrenCpu: after.children - before.children, startSelf: started.self - before.self, startMs: startDoneAt - startedAt,
    steadySeconds: (Number(values.seconds) * 1000 - warmupMs) / 1000, steadySelf: steadyTo.self - steadyFrom.self, steadyChildren: steadyTo.children - steadyFrom.children, segments: rows.length, gaps, widestGapMs, quarantined, offline,
    recordedSeconds: recordedMs / 1000, latencyP50: pct(50), latencyP95: pct(95), latencyMax: latencies[latencies.length - 1] ?? null, cameras: pendingAtEnd,
    cipher: sealing?.cipher ?? null, write: sealing?.write ?? null,
  }),
);
await database.close();
