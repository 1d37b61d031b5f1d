/**
 * The floor: N bare ffmpeg processes doing what the recorder's children do (RTSP over TCP, stream
 * copy, segment muxer), nothing else. Prints one JSON line with their CPU seconds.
 *   node --import tsx bench/recorder/floor.ts --seconds 60 --dir /tmp/x rtsp://… rtsp://…
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { childEnv, recordArgs } from '../../src/recording/ffmpeg-args.js';
import { resolveBinaries } from '../../src/recording/media-tools.js';
import { stopProcess, SpawnLauncher } from '../../src/recording/process.js';
import { parseSegmentList } from '../../src/recording/segment.js';
import { cpuSeconds, descendants, liveCpuSeconds } from './proc.js';

const { values, positionals } = parseArgs({ options: { seconds: { type: 'string' }, dir: { type: 'string' }, warmup: { type: 'string', default: '15' } }, allowPositionals: true });
const binaries = await resolveBinaries();
const launcher = new SpawnLauncher();
const before = cpuSeconds();
const procs = positionals.map((url, i) => {
  const dir = path.join(values.dir!, `cam${i}`);
  fs.mkdirSync(dir, { recursive: true });
  // Exactly the recorder's ffmpeg arguments (no progress output there either).
  const args = recordArgs({ source: url, runDir: dir, segmentSeconds: 10, ffmpegMajor: binaries.ffmpegMajor, socketTimeoutSeconds: 10 });
  return launcher.start(binaries.ffmpeg, args, { env: childEnv() });
});
void spawn; // (spawned through SpawnLauncher: spawn(cmd, args), no shell)
const warmupMs = Math.min(Number(values.warmup) * 1000, Number(values.seconds) * 500);
await new Promise((resolve) => setTimeout(resolve, warmupMs));
const steadyFrom = liveCpuSeconds(descendants(process.pid));
await new Promise((resolve) => setTimeout(resolve, Number(values.seconds) * 1000 - warmupMs));
const steadyChildren = liveCpuSeconds(descendants(process.pid)) - steadyFrom;
await Promise.all(procs.map((p) => stopProcess(p, 5_000)));
const after = cpuSeconds();
let segments = 0;
let gaps = 0;
for (let i = 0; i < positionals.length; i++) {
  const list = parseSegmentList(fs.readFileSync(path.join(values.dir!, `cam${i}`, 'segments.csv'), 'utf8')).entries;
  segments += list.length;
  for (let j = 1; j < list.length; j++) if (list[j]!.start - list[j - 1]!.end > 0.1) gaps++;
}
console.log(JSON.stringify({ childrenCpu: after.children - before.children, selfCpu: after.self - before.self, steadyChildren, segments, gaps }));
