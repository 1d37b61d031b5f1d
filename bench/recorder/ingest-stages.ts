/**
 * Where the ingester's CPU goes, per stage, on real 10 s segments (the bench's 1080p 4 Mbit/s clip cut
 * by ffmpeg's segment muxer with the recorder's options). Each stage runs on its own (awaited), and
 * its CPU is process.cpuUsage() — every thread of the process, so the sealing worker's share is
 * counted too. Then the whole Ingester.ingest() per segment, as the recorder runs it.
 *
 *   node --import tsx bench/recorder/ingest-stages.ts [--segments 60] [--dir /tmp/x] [--spool /dev/shm]
 *
 * Throwaway-grade: a measuring tool, not part of the recorder.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../src/platform/config.js';
import { systemClock } from '../../src/platform/clock.js';
import { openSqliteFile } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { createLogger } from '../../src/platform/logger.js';
import { CheckpointKey } from '../../src/logbook/checkpoint-key.js';
import { Logbook } from '../../src/logbook/logbook.service.js';
import { childEnv } from '../../src/recording/ffmpeg-args.js';
import { Ingester } from '../../src/recording/ingester.js';
import { LocalFootageStore } from '../../src/recording/local-store.js';
import { resolveBinaries } from '../../src/recording/media-tools.js';
import { motionScore } from '../../src/recording/motion.js';
import { createRecording } from '../../src/recording/recording.module.js';
import { IngestIndex } from '../../src/recording/ingest-index.js';
import { Sealer } from '../../src/recording/sealer.js';
import { inspectSegmentFile } from '../../src/recording/segment-file.js';
import { staticTargets } from '../../src/recording/targets.js';

const { values } = parseArgs({ options: { segments: { type: 'string', default: '60' }, dir: { type: 'string' }, spool: { type: 'string' } } });
const count = Number(values.segments);
const work = values.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-stages-'));
const spoolRoot = fs.mkdtempSync(path.join(values.spool ?? work, 'spool-'));

// Real segments: the bench clip, cut like the recorder cuts.
const clip = fs.readdirSync(os.tmpdir()).filter((f) => /^toezicht-bench-1080p25-4M-\d+s\.mp4$/.test(f)).map((f) => path.join(os.tmpdir(), f))[0];
if (!clip) throw new Error('run bench/recorder/recorder.bench.ts once first (it encodes the clip)');
const cut = path.join(work, 'cut');
fs.mkdirSync(cut, { recursive: true });
const { ffmpeg } = await resolveBinaries();
spawnSync(ffmpeg, ['-v', 'error', '-i', clip, '-map', '0:v:0', '-c:v', 'copy', '-an', '-f', 'segment', '-segment_time', '10', '-segment_format', 'mp4',
  '-segment_format_options', 'movflags=+frag_keyframe+empty_moov+default_base_moof', '-reset_timestamps', '1', path.join(cut, '%06d.mp4')], { env: childEnv() });
const originals = fs.readdirSync(cut).sort().slice(0, -1).map((f) => fs.readFileSync(path.join(cut, f)));

const database = openSqliteFile(path.join(work, 'toezicht.sqlite'));
await migrateToLatest(database.db);
const logbook = new Logbook(database.db, systemClock, CheckpointKey.generate());
const config = loadConfig({}, { dataDir: work, logLevel: 'warn', masterKey: crypto.randomBytes(32).toString('base64'), footageMinFreeMb: 0 });
const recording = await createRecording({ db: database.db, config, logbook, clock: systemClock, logger: createLogger('warn'), targets: staticTargets([]), defaultRetentionDays: () => 28 });
await recording.cameras.upsert({ cameraId: 'cam0', name: 'cam0', retentionDays: 28, mode: 'continuous' }, systemClock.now());
const store = recording.store as LocalFootageStore;
const sealer = new Sealer();

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const totals = new Map<string, number>();
async function stage<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
  const from = cpu();
  const out = await fn();
  totals.set(name, (totals.get(name) ?? 0) + cpu() - from);
  return out;
}

/** Writes the spool files as ffmpeg would (outside the measurement). */
function spoolFiles(run: string): string[] {
  const dir = path.join(spoolRoot, run);
  fs.mkdirSync(dir, { recursive: true });
  return Array.from({ length: count }, (_, i) => {
    const file = path.join(dir, `${String(i).padStart(6, '0')}.mp4`);
    fs.writeFileSync(file, originals[i % originals.length]!);
    return file;
  });
}

// 1. Stage by stage, as Ingester.ingest runs them with the sealing worker (the recorder's case).
const files = spoolFiles('stages');
const dataKey = await recording.keys.forWriting('cam0', '2026-11-22');
const index = new IngestIndex(database.db);
await sealer.seal({ source: files[0]!, length: 1024, dataKey, storageKey: 'warm', temp: path.join(work, 'warm.tmp') }); // start the worker
for (const [i, file] of files.entries()) {
  const key = `cam0/2026-11-22/stages-${i}.seg`;
  const { inspection: probe, bytes } = await stage('fMP4 box walk (headers read from the file)', () => inspectSegmentFile(file));
  if (!probe.ok) throw new Error(probe.reason);
  await stage('motion score', () => motionScore(probe.samples, null));
  await stage('day key (cached)', () => recording.keys.forWriting('cam0', '2026-11-22'));
  const place = await stage('store.prepare', () => store.prepare(key));
  await stage('worker: read in chunks, AES-256-GCM, write, fsync, rename, fsync dir', () => sealer.seal({ source: file, length: bytes, dataKey, storageKey: key, ...place }));
  const start = new Date(Date.UTC(2026, 10, 22, 0, 0, 10 * i));
  await stage('index transaction (lock, key live, insert, totals)', () => index.commit({
    camera_id: 'cam0', day: '2026-11-22', start_at: start.toISOString(), end_at: new Date(start.getTime() + 10_000).toISOString(), duration_ms: 10_000,
    bytes, stored_bytes: bytes + 34, motion: 0.1, storage_key: key, run_id: 'stages', codec: 'h264', width: 1920, height: 1080, indexed_at: new Date().toISOString(),
  }));
  await stage('unlink spool file', () => fs.unlinkSync(file));
}
const total = [...totals.values()].reduce((a, b) => a + b, 0);
for (const [name, ms] of totals) console.log(`${(ms / count).toFixed(2).padStart(7)} ms  ${name}`);
console.log(`${(total / count).toFixed(2).padStart(7)} ms  sum of stages per segment (${(originals.reduce((a, b) => a + b.length, 0) / originals.length / 1e6).toFixed(1)} MB)`);

// 2. The whole ingest, as the recorder runs it.
const ingester = new Ingester({
  db: database.db, segments: recording.segments, cameras: recording.cameras, store, keys: recording.keys, sealer, logbook, clock: systemClock,
  logger: createLogger('warn'), quarantineDir: path.join(work, 'quarantine'),
});
const whole = spoolFiles('whole');
const from = cpu();
for (const [i, file] of whole.entries()) {
  const outcome = await ingester.ingest({ cameraId: 'cam0', runId: 'whole', file: path.basename(file), path: file, rawStartMs: Date.UTC(2026, 10, 22, 6, 0, 10 * i), listedDurationMs: 10_000 }, 28);
  if (outcome.kind !== 'indexed') throw new Error(outcome.kind);
}
console.log(`${((cpu() - from) / count).toFixed(2).padStart(7)} ms  Ingester.ingest per segment (whole)`);
await sealer.close();
await recording.stop();
await database.close();
fs.rmSync(spoolRoot, { recursive: true, force: true });
if (!values.dir) fs.rmSync(work, { recursive: true, force: true });
