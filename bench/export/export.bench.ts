/**
 * Export benchmark (issue 8): one hour (by default) of 4 Mbit/s 1080p footage in the recorder's
 * encrypted store, exported end to end — decrypt, assemble (stream copy: the fragments concatenated
 * in Node, src/exports/fmp4-concat.ts), seal, hash,
 * encrypt into the AES-256 ZIP, sign, write — against the floor: `sha256sum` plus
 * `openssl enc -aes-256-ctr` over the same number of bytes (the finished package), in the same run.
 *
 *   npx tsx bench/export/export.bench.ts [--minutes 60] [--segment-seconds 10] [--record] [--out FILE]
 *
 * The footage: one 1080p25 segment made once with ffmpeg lavfi (testsrc2 with noise, libx264 at
 * 4 Mbit/s, the recorder's fragmented-MP4 flags), ingested N times through the recorder's own
 * Ingester (ffprobe, motion score, per-day AES-256-GCM key, local store, segment index), so the
 * export reads real encrypted segments. Prints the "## Export" section for bench/RESULTS.md (and
 * writes it to --out); with --record it rewrites that section of bench/RESULTS.md itself.
 */
import { execSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '../../src/platform/clock.js';
import { createLogger } from '../../src/platform/logger.js';
import { childEnv } from '../../src/recording/ffmpeg-args.js';
import { Ingester } from '../../src/recording/ingester.js';
import { createTestApp } from '../../test/support/app.js';
import { ffmpegPath } from '../../test/recording/media.js';
import { cpuSeconds } from '../recorder/proc.js';
import { machine, recordSection } from '../retention/results.js';

const { values } = parseArgs({
  options: { minutes: { type: 'string', default: '60' }, 'segment-seconds': { type: 'string', default: '10' }, record: { type: 'boolean', default: false }, out: { type: 'string' } },
});
const minutes = Number(values.minutes);
const segmentSeconds = Number(values['segment-seconds']);
if (!(minutes > 0 && minutes <= 24 * 60) || !(segmentSeconds >= 2 && segmentSeconds <= 60)) throw new Error('--minutes 1..1440, --segment-seconds 2..60');
const segments = Math.round((minutes * 60) / segmentSeconds);

const t = await createTestApp('sqlite');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-export-bench-'));
const log = (line: string) => console.log(`[export-bench] ${line}`);
try {
  // 1. One segment, the recorder's container flags, ~4 Mbit/s (noise keeps libx264 at its rate).
  const clip = path.join(work, 'segment.mp4');
  const made = spawnSync(ffmpegPath(), [
    '-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', `testsrc2=size=1920x1080:rate=25,noise=alls=12:allf=t+u`, '-t', String(segmentSeconds),
    '-c:v', 'libx264', '-preset', 'ultrafast', '-b:v', '4M', '-maxrate', '4M', '-bufsize', '4M', '-g', '50', '-bf', '0', '-pix_fmt', 'yuv420p',
    '-movflags', '+frag_keyframe+empty_moov+default_base_moof', '-f', 'mp4', clip,
  ], { env: childEnv(), encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`ffmpeg: ${made.stderr}`);
  const segmentBytes = fs.statSync(clip).size;
  log(`segment: ${segmentSeconds} s, ${(segmentBytes / 1e6).toFixed(2)} MB (${((segmentBytes * 8) / segmentSeconds / 1e6).toFixed(2)} Mbit/s); ingesting ${segments}`);

  // 2. Ingest copies through the recorder's Ingester (encrypted store + index).
  const { recording } = t.toezicht;
  const cameraId = 'cam-bench';
  await recording.cameras.upsert({ cameraId, name: 'Bench 1080p', retentionDays: 28, mode: 'continuous' }, new Date());
  const ingester = new Ingester({
    db: t.database.db, segments: recording.segments, cameras: recording.cameras, store: recording.store, keys: recording.keys,
    logbook: t.toezicht.logbook, clock: systemClock, logger: createLogger('silent'), quarantineDir: path.join(work, 'q'),
  });
  const anchorMs = Math.floor(Date.now() / 1000) * 1000 - (minutes * 60 + 600) * 1000;
  const ingestStart = Date.now();
  for (let i = 0; i < segments; i++) {
    const spooled = path.join(work, `seg-${i}.mp4`);
    fs.copyFileSync(clip, spooled);
    const outcome = await ingester.ingest({ cameraId, runId: 'bench', file: `seg-${i}.mp4`, path: spooled, rawStartMs: anchorMs + i * segmentSeconds * 1000, listedDurationMs: segmentSeconds * 1000 }, 28);
    if (outcome.kind !== 'indexed') throw new Error(`segment ${i}: ${outcome.kind}`);
  }
  const footageBytes = segmentBytes * segments;
  log(`ingested ${(footageBytes / 1e9).toFixed(2)} GB in ${((Date.now() - ingestStart) / 1000).toFixed(1)} s`);

  // 3. An allowed police vordering for the window, then the export, timed (wall and CPU, ffmpeg children included).
  const actor = { id: 'u-bench', name: 'bench', role: 'wijkbeheerder' } as const;
  const from = new Date(anchorMs).toISOString();
  const to = new Date(anchorMs + segments * segmentSeconds * 1000).toISOString();
  const request = await t.toezicht.cases.requests.file({
    kind: 'police', channel: 'letter', requester: { category: 'police', name: 'Bench', contact: null, organisation: null },
    details: { window: { location: 'Bench', from, to }, officer: 'Bench', legalBasis: 'art. 126nd Sv' },
  } as never, actor as never);
  await t.toezicht.cases.requests.step(request.id, { type: 'decide', decision: 'allow', outcome: 'digital_medium' as never, reasons: 'Benchmark.' }, actor as never);
  // Warm-up (not timed): the first export creates the RSA-3072 signing key and resolves ffmpeg.
  await t.toezicht.exports.create({ requestId: request.id, windows: [{ cameraId, from, to: new Date(anchorMs + segmentSeconds * 1000).toISOString() }] }, actor);
  // Timed twice, the faster by wall kept (as the floor below: best of 2), both printed: the machine is shared, so one run can be slowed by others' work.
  const exportRun = async () => {
    if (global.gc) global.gc();
    const cpu0 = cpuSeconds();
    const usage0 = process.cpuUsage();
    const wall0 = process.hrtime.bigint();
    let peakRss = 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
    const created = await t.toezicht.exports.create({ requestId: request.id, windows: [{ cameraId, from, to }] }, actor);
    clearInterval(sampler);
    const wall = Number(process.hrtime.bigint() - wall0) / 1e9;
    const cpu1 = cpuSeconds();
    const usage = process.cpuUsage(usage0);
    const cpu = { self: cpu1.self - cpu0.self, children: cpu1.children - cpu0.children };
    const pkg = path.join(t.toezicht.config.dataDir, 'exports', `${created.export.id}.zip`);
    const bytes = fs.statSync(pkg).size;
    log(`export: ${wall.toFixed(2)} s wall, CPU node ${cpu.self.toFixed(2)} s (user ${(usage.user / 1e6).toFixed(2)} s, system ${(usage.system / 1e6).toFixed(2)} s) + ffmpeg ${cpu.children.toFixed(2)} s; package ${(bytes / 1e9).toFixed(3)} GB, peak RSS ${(peakRss / 1e6).toFixed(0)} MB`);
    return { wall, cpu, pkg, bytes, peakRss };
  };
  const runs = [await exportRun(), await exportRun()];
  const best = runs.reduce((a, b) => (a.wall <= b.wall ? a : b));
  const { wall: exportWall, cpu: exportCpu, pkg, bytes: pkgBytes } = best;
  const peakRss = Math.max(...runs.map((r) => r.peakRss));

  // 4. The floor over the same bytes (the package, just written, so as warm in the page cache as the footage was).
  const floorRun = () => {
    const c0 = cpuSeconds();
    const w0 = process.hrtime.bigint();
    const sha = spawnSync('sha256sum', [pkg], { encoding: 'utf8' });
    if (sha.status !== 0) throw new Error(`sha256sum: ${sha.stderr}`);
    const enc = spawnSync('openssl', ['enc', '-aes-256-ctr', '-K', crypto.randomBytes(32).toString('hex'), '-iv', crypto.randomBytes(16).toString('hex'), '-in', pkg, '-out', '/dev/null']);
    if (enc.status !== 0) throw new Error(`openssl: ${enc.stderr}`);
    const wall = Number(process.hrtime.bigint() - w0) / 1e9;
    return { wall, cpu: cpuSeconds().children - c0.children };
  };
  const floors = [floorRun(), floorRun()];
  const floor = floors.reduce((a, b) => (a.wall <= b.wall ? a : b));
  const exportMBs = footageBytes / 1e6 / exportWall;
  const floorMBs = pkgBytes / 1e6 / floor.wall;
  const ratio = exportMBs / floorMBs;
  const cpuRatio = (footageBytes / (exportCpu.self + exportCpu.children)) / (pkgBytes / floor.cpu);
  log(`floor: ${floor.wall.toFixed(2)} s wall (${floor.cpu.toFixed(2)} s CPU) → ${floorMBs.toFixed(0)} MB/s; export ${exportMBs.toFixed(0)} MB/s → ${ratio.toFixed(2)}× floor (CPU: ${cpuRatio.toFixed(2)}×)`);
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' / ');
  let who = '';
  try {
    who = execSync("ps -eo pcpu,comm --sort=-pcpu --no-headers | head -5 | awk '{printf \"%s %s%%, \", $2, $1}'", { encoding: 'utf8' }).replace(/, $/, '');
  } catch {
    who = '';
  }

  {
    const target = 0.7;
    const section = [
      `Measured ${new Date().toISOString().slice(0, 10)} on: ${machine()}.`,
      '',
      'Command:',
      '',
      '```',
      `npx tsx bench/export/export.bench.ts --minutes ${minutes}${segmentSeconds !== 10 ? ` --segment-seconds ${segmentSeconds}` : ''}`,
      '```',
      '',
      `${minutes} min of 1080p25 H.264 at ${((segmentBytes * 8) / segmentSeconds / 1e6).toFixed(2)} Mbit/s: ${segments} segments of ${segmentSeconds} s (${(segmentBytes / 1e6).toFixed(2)} MB each), ingested through the recorder's Ingester into the encrypted local store (AES-256-GCM per camera-day), SQLite index. One camera window, stream copy (keyframe boundaries).`,
      '',
      '| What | Bytes | Wall | Throughput | CPU (Node + children) |',
      '|---|---:|---:|---:|---:|',
      `| Export end to end (read + decrypt segments, fMP4 concatenation, seal, SHA-256, WinZip AES-256 + HMAC, ZIP signature, write + fsync) | ${(footageBytes / 1e9).toFixed(3)} GB footage → ${(pkgBytes / 1e9).toFixed(3)} GB package | ${exportWall.toFixed(2)} s (best of 2; other: ${runs.find((r) => r !== best)!.wall.toFixed(2)} s) | ${exportMBs.toFixed(0)} MB/s | ${exportCpu.self.toFixed(2)} s + ${exportCpu.children.toFixed(2)} s |`,
      `| Floor: \`sha256sum\` + \`openssl enc -aes-256-ctr\` over the package (best of 2) | ${(pkgBytes / 1e9).toFixed(3)} GB | ${floor.wall.toFixed(2)} s | ${floorMBs.toFixed(0)} MB/s | ${floor.cpu.toFixed(2)} s |`,
      '',
      `- Export throughput ÷ floor throughput (wall): **${ratio.toFixed(2)}×** — target ≥ ${target}×: **${ratio >= target ? 'met' : 'not met'}**. By CPU time: ${cpuRatio.toFixed(2)}×.`,
      `- Peak resident memory of the process during the export: ${(peakRss / 1e6).toFixed(0)} MB (the package is streamed to disk; no clip or package is held in memory).`,
      `- Load average (1/5/15 min) at the end: ${load}. Busiest processes then: ${who || 'n/a'}. The machine is shared with other engineers' work, so wall figures vary between runs; the floor ran in the same run, right after the export.`,
      '',
      'What is measured: `ExportService.create` from the moment the request is allowed to the committed `exports` row and logboek entry — segment reads from the store and AES-256-GCM decryption, the stream-copy assembly (src/exports/fmp4-concat.ts: one init from the first segment with creation_time and the camera name, then every segment\'s moof+mdat with mfhd renumbered and tfdt moved to the segment\'s offset in the clip — no ffmpeg process), SHA-256 of the clip while it streams, the ONVIF suep box and the seal box, WinZip AES-256 (AES-256-ECB over the little-endian counter blocks + XOR, HMAC-SHA1) into the ZIP, SHA-256 of every ZIP byte (the logged package hash, and what the RSASSA-PSS signature in the ZIP comment covers), README, receipt PDF, signed manifest, fsync and rename. The floor is the least any export of those bytes must do: hash them once and encrypt them once.',
      '',
      'How the work is split (src/exports/package-writer-thread.ts): the main thread reads and decrypts the segments, rewrites the fragment headers, and encrypts (AES-256-ECB over the counter blocks, XOR in 32-bit words) from one shared 1 MiB slot into another; a worker thread takes each pair of slots and does the plaintext SHA-256 (seal and manifest), the write at its position, the package SHA-256 and the HMAC-SHA1. Six reused slots of shared memory; the one copy is of the decrypted fragments into the plaintext slot (which also aligns them for the word-wise XOR), nothing is copied between the threads. The Node CPU figure is both threads together; the export does four hash/cipher passes plus GCM decryption against the floor\'s two, so the CPU ratio stays below the wall ratio.',
    ].join('\n');
    console.log(`\n## Export\n\n${section}\n`);
    if (values.out) fs.writeFileSync(values.out, `## Export\n\n${section}\n`);
    if (values.record) {
      recordSection(path.join(import.meta.dirname, '..', 'RESULTS.md'), '## Export', section);
      log('wrote the Export section of bench/RESULTS.md');
    }
  }
} finally {
  await t.close();
  fs.rmSync(work, { recursive: true, force: true });
}
