/**
 * bench/viewing: time from "play camera C at time T" to the first decodable segment, over random
 * seeks with N segments indexed (default 1 million: 100 cameras × 10 000 segments of 10 s).
 *
 *   npx tsx bench/viewing/viewing.bench.ts [--n 1000000] [--seeks 200] [--dialects sqlite,postgres] [--write]
 *
 * One seek is what the server does for the player: ViewingService.playback() (index read, retention
 * and hold check, token), playlist() (the window's segments, a token per URL), then the first
 * segment's init and media parts (store read, day key, AES-GCM decrypt, split) — in process, without
 * HTTP. The footage object of the segment a seek will land on is written (encrypted, a real 2 s fMP4)
 * before the timer starts; every other index row has no object.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql, type Kysely } from 'kysely';
import { loadConfig } from '../../src/platform/config.js';
import { ManualClock } from '../../src/platform/clock.js';
import type { Dialect } from '../../src/platform/db/database.js';
import type { Schema } from '../../src/platform/db/schema.js';
import { createLogger } from '../../src/platform/logger.js';
import { CheckpointKey } from '../../src/logbook/checkpoint-key.js';
import { Logbook } from '../../src/logbook/logbook.service.js';
import { encryptSegment } from '../../src/recording/footage-crypto.js';
import { LocalFootageStore } from '../../src/recording/local-store.js';
import { createRecording } from '../../src/recording/recording.module.js';
import { staticTargets } from '../../src/recording/targets.js';
import { StaticProfile } from '../../src/protocol/active-profile.js';
import { getProfile } from '../../src/protocol/profiles/index.js';
import type { Cases } from '../../src/cases/cases.module.js';
import { ViewSessionRepository } from '../../src/viewing/view-session.repository.js';
import { ViewingService } from '../../src/viewing/viewing.service.js';
import { makeSpoolRun, segmentFiles } from '../../test/recording/media.js';
import { openBenchDatabase } from '../logbook/bench-support.js';
import { machine, recordSection } from '../retention/results.js';

const { values } = parseArgs({
  options: { n: { type: 'string', default: '1000000' }, seeks: { type: 'string', default: '200' }, dialects: { type: 'string', default: 'sqlite' }, write: { type: 'boolean', default: false } },
});
const total = Number(values.n);
const cameras = 100;
const perCamera = Math.floor(total / cameras);
const base = Date.parse('2026-03-01T00:00:00Z');
const dataEnd = base + perCamera * 10_000;
const camId = (c: number) => `bench-cam-${String(c).padStart(3, '0')}`;

async function seed(db: Kysely<Schema>, dialect: Dialect): Promise<void> {
  for (let c = 0; c < cameras; c++) {
    const cam = camId(c);
    if (dialect === 'sqlite') {
      await sql`
        with recursive n(i) as (select 0 union all select i + 1 from n where i + 1 < ${perCamera})
        insert into recording_segments (camera_id, day, start_at, end_at, duration_ms, bytes, stored_bytes, motion, storage_key, run_id, codec, width, height, indexed_at)
        select ${cam}, strftime('%Y-%m-%d', ${base / 1000} + i * 10, 'unixepoch'),
          strftime('%Y-%m-%dT%H:%M:%fZ', ${base / 1000} + i * 10, 'unixepoch'), strftime('%Y-%m-%dT%H:%M:%fZ', ${base / 1000} + i * 10 + 10, 'unixepoch'),
          10000, 5000000, 5000034, 0.05, ${cam} || '/' || strftime('%Y-%m-%d', ${base / 1000} + i * 10, 'unixepoch') || '/bench-' || i || '.seg', 'bench', 'h264', 1920, 1080,
          '2026-03-01T00:00:00.000Z'
        from n`.execute(db);
    } else {
      await sql`
        insert into recording_segments (camera_id, day, start_at, end_at, duration_ms, bytes, stored_bytes, motion, storage_key, run_id, codec, width, height, indexed_at)
        select ${cam}, to_char(t, 'YYYY-MM-DD'), to_char(t, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), to_char(t + interval '10 seconds', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          10000, 5000000, 5000034, 0.05, ${cam} || '/' || to_char(t, 'YYYY-MM-DD') || '/bench-' || i || '.seg', 'bench', 'h264', 1920, 1080, '2026-03-01T00:00:00.000Z'
        from (select i, (timestamp '2026-03-01 00:00:00' + i * interval '10 seconds') as t from generate_series(0, ${perCamera - 1}) as i) s`.execute(db);
    }
  }
  await sql`analyze`.execute(db);
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

async function runDialect(dialect: Dialect, sample: Buffer) {
  const bench = await openBenchDatabase(dialect);
  const db = bench.db;
  const footage = fs.mkdtempSync(path.join(fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir(), 'toezicht-bench-footage-'));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-bench-data-'));
  const clock = new ManualClock(new Date(dataEnd));
  const logbook = new Logbook(db, clock, CheckpointKey.generate());
  const config = loadConfig({}, { dataDir, logLevel: 'silent', footageMinFreeMb: 0, footageDir: footage, masterKey: crypto.randomBytes(32).toString('base64') });
  const store = new LocalFootageStore(footage);
  const recording = await createRecording({ db, config, logbook, clock, logger: createLogger('silent'), targets: staticTargets([]), defaultRetentionDays: () => 28, store });
  const views = new ViewSessionRepository(db);
  const viewing = new ViewingService({ views, logbook, clock, profile: new StaticProfile(getProfile('domijn')!), recording, cases: {} as Pick<Cases, 'deps' | 'cameras'> });
  try {
    let t = performance.now();
    await seed(db, dialect);
    const seedSeconds = (performance.now() - t) / 1000;
    for (let c = 0; c < cameras; c++) await recording.cameras.upsert({ cameraId: camId(c), name: camId(c), retentionDays: 28, mode: 'continuous' }, clock.now());
    const actor = { id: 'bench-user', username: 'bench', displayName: 'Bench', role: 'wijkbeheerder' as const };
    const now = clock.now().toISOString();
    await views.insert({
      id: crypto.randomUUID(), auth_session_id: 'bench-session', user_id: actor.id, username: actor.username, display_name: actor.displayName, role: actor.role, scope: 'recordings',
      camera_ids: JSON.stringify(Array.from({ length: 16 }, (_, c) => camId(c))), reason_kind: 'incident', case_ref: null, reason_text: null, identification: null, rule: 'DOM-3',
      started_at: now, last_seen_at: now, ended_at: null, logbook_seq: 0,
    });
    const sessionId = (await db.selectFrom('view_sessions').select('id').executeTakeFirstOrThrow()).id;
    const times: number[] = [];
    for (let i = 0; i < Number(values.seeks); i++) {
      const cameraId = camId(Math.floor(Math.random() * 16));
      const at = new Date(base + Math.floor(Math.random() * (dataEnd - base - 60_000)));
      const [first] = await recording.segments.between(cameraId, new Date(at.getTime() - 30_000), new Date(at.getTime() + 1));
      await store.put(first!.storageKey, encryptSegment(await recording.keys.forWriting(cameraId, first!.day), sample, first!.storageKey));
      t = performance.now();
      const playback = await viewing.playback(actor, 'bench-session', sessionId, cameraId, at.toISOString());
      const query = new URL(playback.playlistUrl, 'http://x').searchParams;
      const m3u8 = await viewing.playlist(actor, 'bench-session', sessionId, cameraId, { from: query.get('from')!, to: query.get('to')!, t: query.get('t')! });
      const mapLine = /#EXT-X-MAP:URI="segments\/(\d+)\/init\.mp4\?t=([^"]+)"/.exec(m3u8)!;
      const segmentId = Number(mapLine[1]);
      const init = await viewing.segmentPart(actor, 'bench-session', sessionId, cameraId, segmentId, 'init', mapLine[2]!);
      const media = await viewing.segmentPart(actor, 'bench-session', sessionId, cameraId, segmentId, 'media', mapLine[2]!);
      times.push(performance.now() - t);
      if (!init.length || !media.length) throw new Error('empty segment part');
    }
    times.sort((a, b) => a - b);
    return { dialect, seedSeconds, p50: quantile(times, 0.5), p95: quantile(times, 0.95), max: times[times.length - 1]! };
  } finally {
    await recording.stop();
    await bench.drop();
    fs.rmSync(footage, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const sampleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-bench-sample-'));
makeSpoolRun(sampleDir, { seconds: 2, segmentSeconds: 2, motionSecondsPerMinute: 60, width: 1280, height: 720 });
const sample = fs.readFileSync(segmentFiles(sampleDir)[0]!);
fs.rmSync(sampleDir, { recursive: true, force: true });
const rows = [];
for (const dialect of values.dialects.split(',') as Dialect[]) {
  const r = await runDialect(dialect, sample);
  console.log(`${dialect}: ${total.toLocaleString('en')} segments (seeded in ${r.seedSeconds.toFixed(1)} s); play-at-T → first decodable segment over ${values.seeks} random seeks: p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, max ${r.max.toFixed(1)} ms`);
  rows.push(`| ${dialect} | ${total.toLocaleString('en')} | ${values.seeks} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.max.toFixed(1)} |`);
}
if (values.write) {
  recordSection(path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'RESULTS.md'), '## Viewing: play at T → first decodable segment (bench/viewing)', [
    `Machine: ${machine()}. In process (no HTTP): playback() + playlist() + the first segment's init and media parts (store read on tmpfs, AES-GCM decrypt of a ${(sample.length / 1024).toFixed(0)} KiB 720p fMP4, split). Target p95 < 300 ms.`,
    '',
    '| database | segments indexed | seeks | p50 ms | p95 ms | max ms |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    'Live latency: see "Viewing: live latency" (bench/viewing/live-latency.bench.ts).',
  ].join('\n'));
}
