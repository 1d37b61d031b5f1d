/**
 * bench/recorder: N simulated 1080p 4 Mbit/s RTSP cameras (GStreamer's RTSP server playing a
 * pre-encoded clip in real time on N mounts) recorded for a fixed time by Toezicht's recorder and,
 * in the same run on the same streams, by N bare `ffmpeg -c copy -f segment` processes (the floor).
 *
 *   npx tsx bench/recorder/recorder.bench.ts [--cameras 4,8,16,32] [--seconds 120] [--mode continuous|motion] [--write] [--cpu-prof DIR]
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { childEnv } from '../../src/recording/ffmpeg-args.js';
import { resolveBinaries } from '../../src/recording/media-tools.js';
import { RtspServer } from '../../test/recording/rtsp-server.js';
import { machine, recordSection } from '../retention/results.js';
import { cpuSeconds, descendants, rssMb } from './proc.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    cameras: { type: 'string', default: '4,8,16,32' }, seconds: { type: 'string', default: '120' }, mode: { type: 'string', default: 'continuous' },
    write: { type: 'boolean', default: false }, 'cpu-prof': { type: 'string' },
  },
});
const seconds = Number(values.seconds);
const counts = values.cameras!.split(',').map(Number);

/** A 1080p25 H.264 clip at 4 Mbit/s with motion everywhere (testsrc2), long enough for the run; cached in the temp directory. */
async function clip(): Promise<string> {
  const duration = seconds + 30;
  const file = path.join(os.tmpdir(), `toezicht-bench-1080p25-4M-${duration}s.mp4`);
  if (fs.existsSync(file)) return file;
  const { ffmpeg } = await resolveBinaries();
  console.log(`encoding ${file} …`);
  const r = spawnSync(ffmpeg, [
    '-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=1920x1080:rate=25', '-t', String(duration), '-c:v', 'libx264', '-preset', 'veryfast',
    '-b:v', '4M', '-maxrate', '4M', '-bufsize', '4M', '-g', '50', '-bf', '0', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', '-y', `${file}.tmp.mp4`,
  ], { env: childEnv(), stdio: 'inherit' });
  if (r.status !== 0) throw new Error('encoding the clip failed');
  fs.renameSync(`${file}.tmp.mp4`, file);
  return file;
}

function runSide(script: string, args: string[], nodeArgs: string[] = []): { child: ReturnType<typeof spawn>; done: Promise<Record<string, number>> } {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(here, script), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  const done = new Promise<Record<string, number>>((resolve, reject) =>
    child.once('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line) as Record<string, number>);
      } catch {
        reject(new Error(`${script} exited ${code}: ${out}`));
      }
    }),
  );
  return { child, done };
}

const file = await clip();
const rows: Record<string, unknown>[] = [];
for (const n of counts) {
  const server = await RtspServer.start({ mounts: Array.from({ length: n }, (_, i) => `/cam${i}`), file });
  const urls = Array.from({ length: n }, (_, i) => server.url(`/cam${i}`));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `toezicht-bench-rec-${n}-`));
  fs.mkdirSync(path.join(work, 'floor'));
  fs.mkdirSync(path.join(work, 'toezicht'));
  const serverPid = descendants(process.pid).find((pid) => fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('rtsp-server.py'));
  const serverBefore = serverPid ? cpuSeconds(serverPid).self : 0;
  const floor = runSide('floor.ts', ['--seconds', String(seconds), '--dir', path.join(work, 'floor'), ...urls]);
  const toezicht = runSide('toezicht-side.ts', ['--seconds', String(seconds), '--dir', path.join(work, 'toezicht'), '--mode', values.mode!, ...urls],
    // --cpu-prof DIR: a V8 CPU profile of Toezicht's process (to find where Node's share goes; it slows Node down).
    values['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', values['cpu-prof']] : []);
  const rss = { floor: [] as number[], toezicht: [] as number[] };
  const sampler = setInterval(() => {
    rss.floor.push(rssMb(descendants(floor.child.pid!)));
    rss.toezicht.push(rssMb([toezicht.child.pid!, ...descendants(toezicht.child.pid!)]));
  }, 2_000);
  const [f, t] = await Promise.all([floor.done, toezicht.done]);
  clearInterval(sampler);
  const serverCpu = serverPid ? cpuSeconds(serverPid).self - serverBefore : 0;
  await server.stop();
  fs.rmSync(work, { recursive: true, force: true });
  const toezichtCpu = t.selfCpu! + t.childrenCpu!;
  const row = {
    n, floorCpu: f.childrenCpu!, toezichtCpu, ffmpegAndProbes: t.childrenCpu!, node: t.selfCpu!, ratio: toezichtCpu / f.childrenCpu!,
    gaps: t.gaps!, widestGapMs: t.widestGapMs!, offline: t.offline!, quarantined: t.quarantined!, segments: t.segments!, floorSegments: f.segments!, floorGaps: f.gaps!,
    steadyFloor: f.steadyChildren!, steadyToezicht: t.steadySelf! + t.steadyChildren!, steadyNode: t.steadySelf!, steadyFfmpeg: t.steadyChildren!,
    steadyRatio: (t.steadySelf! + t.steadyChildren!) / f.steadyChildren!, steadySeconds: t.steadySeconds!,
    startSelf: t.startSelf!, startMs: t.startMs!,
    recorded: t.recordedSeconds!, p50: t.latencyP50!, p95: t.latencyP95!, max: t.latencyMax!, serverCpu,
    rssFloor: Math.max(...rss.floor), rssToezicht: Math.max(...rss.toezicht), cipher: t.cipher, write: t.write,
  };
  rows.push(row);
  console.log(JSON.stringify(row));
}

const pct = (cpu: number, over = seconds) => `${((100 * cpu) / over).toFixed(1)} %`;
const zeroGap = rows.filter((r) => r.gaps === 0 && r.offline === 0 && r.quarantined === 0).map((r) => r.n as number);
const n = (r: Record<string, unknown>, k: string) => r[k] as number;
const last = rows[rows.length - 1]!;
const perSeg = (cpu: number, segs: number) => `${((1000 * cpu) / segs).toFixed(1)} ms`;
const steadySegs = (r: Record<string, unknown>) => (n(r, 'segments') * n(r, 'steadySeconds')) / seconds;
const lines = [
  `Measured ${new Date().toISOString().slice(0, 10)} on: ${machine()}.`,
  '',
  'Command:',
  '',
  '```',
  `npx tsx bench/recorder/recorder.bench.ts --cameras ${values.cameras} --seconds ${seconds} --mode ${values.mode}`,
  '```',
  '',
  `Each camera is a mount of GStreamer's RTSP server (test/recording/rtsp-server.py --file) playing a 1080p25 H.264 clip at 4 Mbit/s`,
  `(libx264 veryfast, testsrc2: motion everywhere, keyframe every 2 s) in real time. For ${seconds} s, Toezicht's recorder (its own process:`,
  `one ffmpeg per camera; the ingester: in-process fMP4 validation from the box headers and compressed-domain motion score, AES-256-GCM, the local`,
  `store with fsync, SQLite; cameras in \`${values.mode}\` mode) and the floor (N bare ffmpeg processes with exactly the recorder's ffmpeg arguments:`,
  '`-rtsp_transport tcp -i … -c:v copy -an -f segment …`) record the same streams at the same time. CPU is user+system time of each',
  "side's processes as a share of one core: over the whole run (children from /proc/self/stat, spawning and module loading included) and",
  `over the steady state (from ${seconds - n(last, 'steadySeconds')} s after the start to the end, live processes from /proc).`,
  '',
  '| Cameras | Floor CPU | Toezicht CPU (ffmpeg / Node) | Toezicht ÷ floor | Steady state: floor / Toezicht (ffmpeg / Node) | Steady ÷ floor | Index gaps (widest) | Offline / quarantined | Segments (floor) | Ingest latency p50 / p95 / max | Peak RSS floor / Toezicht | RTSP server CPU |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map((r) => {
    const s = n(r, 'steadySeconds');
    return (
      `| ${r.n} | ${pct(n(r, 'floorCpu'))} | ${pct(n(r, 'toezichtCpu'))} (${pct(n(r, 'ffmpegAndProbes'))} / ${pct(n(r, 'node'))}) | ${n(r, 'ratio').toFixed(2)}× | ` +
      `${pct(n(r, 'steadyFloor'), s)} / ${pct(n(r, 'steadyToezicht'), s)} (${pct(n(r, 'steadyFfmpeg'), s)} / ${pct(n(r, 'steadyNode'), s)}) | ${n(r, 'steadyRatio').toFixed(2)}× | ` +
      `${r.gaps} (${Math.round(n(r, 'widestGapMs'))} ms) | ${r.offline} / ${r.quarantined} | ${r.segments} (${r.floorSegments}) | ` +
      `${r.p50} / ${r.p95} / ${r.max} ms | ${Math.round(n(r, 'rssFloor'))} / ${Math.round(n(r, 'rssToezicht'))} MB | ${pct(n(r, 'serverCpu'))} |`
    );
  }),
  '',
  `- Largest N tried with zero gaps (no gap > 100 ms in the index, no camera offline, nothing quarantined): **${zeroGap.length ? Math.max(...zeroGap) : 'none'}**.`,
  `- Target: 32 cameras with zero gaps at ≤ 1.25× the floor's CPU: **${rows.some((r) => r.n === 32 && r.gaps === 0 && r.offline === 0 && n(r, 'ratio') <= 1.25) ? 'met' : 'missed'}** over the whole run, ` +
    `**${rows.some((r) => r.n === 32 && r.gaps === 0 && r.offline === 0 && n(r, 'steadyRatio') <= 1.25) ? 'met' : 'missed'}** in the steady state.`,
  `- Per recorded segment over the whole run (the two sides can record a different number of segments when the machine is loaded): ` +
    `floor ${perSeg(n(last, 'floorCpu'), n(last, 'floorSegments'))}, Toezicht ${perSeg(n(last, 'toezichtCpu'), n(last, 'segments'))} ` +
    `(${((n(last, 'toezichtCpu') / n(last, 'segments')) / (n(last, 'floorCpu') / n(last, 'floorSegments'))).toFixed(2)}× at ${last.n} cameras); ` +
    `steady state ÷ floor at ${last.n} cameras to three decimals: ${n(last, 'steadyRatio').toFixed(3)}×.`,
  `- Load average (1/5/15 min) at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')} (the machine is shared).`,
  '',
  `Where the CPU goes, per 10 s segment (the ${last.n}-camera run, steady state): the copy itself (the floor's ffmpeg) ` +
    `${perSeg(n(last, 'steadyFloor'), steadySegs(last))}; Toezicht's ffmpegs ${perSeg(n(last, 'steadyFfmpeg'), steadySegs(last))} (the same arguments: the difference is noise ` +
    `and the machine's load); Node ${perSeg(n(last, 'steadyNode'), steadySegs(last))}. Starting the recorder (the register, the logboek, spawning the ${last.n} ffmpegs) ` +
    `took ${n(last, 'startSelf').toFixed(2)} s of Node's CPU and ${(n(last, 'startMs') / 1000).toFixed(1)} s; both sides record for ${seconds} s from their start, ` +
    `Toezicht ${last.segments} segments, the floor ${last.floorSegments}. Over the whole run Node took ${perSeg(n(last, 'node'), n(last, 'segments'))} per segment.`,
  '',
  `Sealing in this run: the ${last.cipher === 'native' ? 'native cipher (native/footage-cipher: AES-256-GCM in place, OpenSSL inside Node)' : 'node:crypto cipher (the native one was not built)'}, ` +
    `${last.write === 'direct' ? 'direct I/O (O_DIRECT)' : 'writes through the page cache'}.`,
  '',
  "Node's share is the bytes: per segment the main thread reads only the fMP4 box headers (about six 4 kB reads), writes one",
  'index transaction and removes the spool file; a worker thread reads the 5 MB spool file into one reused page-aligned buffer,',
  'encrypts it there (AES-256-GCM, no allocation) and writes it with direct I/O past the page cache, then fsyncs and renames it.',
  "Sampled with `perf record -e cpu-clock -g` on Toezicht's process for 25 s of a 32-camera run (shares of Node's CPU): AES-256-GCM 20 %,",
  'reading the spool file 10 %, removing it 7 % (freeing the page cache ffmpeg filled; the floor never removes its files), V8\'s',
  'optimising compiler 8 %, the direct write 4 %, fsync 3 %, cutting the padded last page 1 %, SQLite 2 %, garbage collection 2.5 %; the',
  'main thread about 35 %, the sealing worker 28 %. The floor does none of this: it neither encrypts nor writes a second copy nor',
  'flushes it to disk. (Before the native cipher, allocating and zero-filling node:crypto\'s output chunks and the garbage',
  'collections they set off cost more than the encryption; before direct I/O, writing the ciphertext into the page cache was 28 %.)',
  '',
];
if (values.write) recordSection(path.join(here, '..', 'RESULTS.md'), '## Recorder', lines.join('\n'));
console.log(lines.join('\n'));
