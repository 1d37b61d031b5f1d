import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { childEnv, demoSceneGraph, recordArgs } from '../../src/recording/ffmpeg-args.js';
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
