import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { childEnv, demoSceneGraph, motionArgs, motionFrame, probeArgs, recordArgs } from '../../src/recording/ffmpeg-args.js';
import { resolveBinaries, type FfmpegBinaries } from '../../src/recording/media-tools.js';

let binaries: Promise<FfmpegBinaries> | null = null;
/** The npm ffmpeg/ffprobe, resolved once per test file. */
export function testBinaries(): Promise<FfmpegBinaries> {
  binaries ??= resolveBinaries();
  return binaries;
}

export function ffmpegPath(): string {
  return (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;
}

/**
 * A finished spool run made the way the recorder makes one: the demo scene, encoded and cut by
 * ffmpeg's segment muxer with the recorder's own segment arguments (as fast as it can, not in
 * real time). motionSecondsPerMinute 0 is a still scene, 60 a person walking all the time.
 */
export function makeSpoolRun(
  dir: string,
  o: { seconds: number; segmentSeconds: number; motionSecondsPerMinute: number; width?: number; height?: number; anchorMs?: number },
): void {
  fs.mkdirSync(dir, { recursive: true });
  const demo = { width: o.width ?? 160, height: o.height ?? 120, fps: 10, fontFile: null, motionSecondsPerMinute: o.motionSecondsPerMinute };
  const args = recordArgs({ source: 'demo:test', runDir: dir, segmentSeconds: o.segmentSeconds, ffmpegMajor: 4, socketTimeoutSeconds: 5, demo })
    .filter((a) => a !== '-re')
    .filter((a, i, all) => !(a === '-progress' || all[i - 1] === '-progress'));
  const input = args.indexOf(demoSceneGraph('test', demo));
  args.splice(input + 1, 0, '-t', String(o.seconds));
  const result = spawnSync(ffmpegPath(), args, { env: childEnv(), encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`ffmpeg failed: ${result.stderr}`);
  const anchorMs = o.anchorMs ?? Date.now() - o.seconds * 1000;
  fs.writeFileSync(path.join(dir, 'run.json'), JSON.stringify({ pid: null, startedAt: new Date(anchorMs).toISOString(), anchorMs }));
}

export function segmentFiles(dir: string): string[] {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.mp4')).sort().map((f) => path.join(dir, f));
}

export function ffprobePath(): string {
  return (createRequire(import.meta.url)('@ffprobe-installer/ffprobe') as { path: string }).path;
}

export type FfprobeResult = { ok: true; durationMs: number; codec: string; width: number | null; height: number | null } | { ok: false; reason: string };

/** ffprobe's view of a file (an independent check of the in-process box walk): codec, size, container duration. */
export function ffprobe(file: string): FfprobeResult {
  const result = spawnSync(ffprobePath(), probeArgs(file), { env: childEnv(), encoding: 'utf8' });
  if (result.status !== 0) return { ok: false, reason: `ffprobe exit ${result.status ?? result.signal}: ${result.stderr.trim().split('\n')[0] ?? ''}` };
  const data = JSON.parse(result.stdout) as { streams?: { codec_type?: string; codec_name?: string; width?: number; height?: number }[]; format?: { duration?: string } };
  const video = data.streams?.find((s) => s.codec_type === 'video');
  const duration = Number(data.format?.duration);
  if (!video?.codec_name || !(duration > 0)) return { ok: false, reason: 'no video stream or no duration' };
  return { ok: true, durationMs: Math.round(duration * 1000), codec: video.codec_name, width: video.width ?? null, height: video.height ?? null };
}

/**
 * The earlier, decoding motion score (the reference the compressed-domain score is calibrated
 * against): ffmpeg decodes the keyframes to 32×24 grey; the score is the largest share of cells that
 * changed by more than 24 grey levels between consecutive keyframes.
 */
export function keyframeMotionScore(file: string): number | null {
  const result = spawnSync(ffmpegPath(), motionArgs(file, 4), { env: childEnv(), maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`keyframe decode failed: ${result.stderr.toString()}`);
  const size = motionFrame.width * motionFrame.height;
  const raw = result.stdout;
  const frames: Buffer[] = [];
  for (let offset = 0; offset + size <= raw.length; offset += size) frames.push(raw.subarray(offset, offset + size));
  if (frames.length < 2) return null;
  let score = 0;
  for (let i = 1; i < frames.length; i++) {
    let changed = 0;
    for (let j = 0; j < size; j++) if (Math.abs(frames[i]![j]! - frames[i - 1]![j]!) > 24) changed++;
    score = Math.max(score, changed / size);
  }
  return Math.round(score * 10_000) / 10_000;
}
