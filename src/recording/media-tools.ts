import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { childEnv, ffmpegMajorFromVersion } from './ffmpeg-args.js';
import { inspectSegment, type SegmentInspection, type SegmentInspector } from './segment-inspection.js';

/**
 * The ffmpeg and ffprobe binaries: those shipped by the npm packages (@ffmpeg-installer/ffmpeg,
 * @ffprobe-installer/ffprobe) unless configured (TOEZICHT_FFMPEG / TOEZICHT_FFPROBE, e.g. a
 * system ffmpeg). The ffmpeg version decides a few option names (ffmpeg-args.ts).
 */
export interface FfmpegBinaries {
  ffmpeg: string;
  ffprobe: string;
  ffmpegMajor: number;
}

export async function resolveBinaries(configured: { ffmpegPath?: string; ffprobePath?: string } = {}): Promise<FfmpegBinaries> {
  const require = createRequire(import.meta.url);
  const ffmpeg = configured.ffmpegPath || (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
  const ffprobe = configured.ffprobePath || (require('@ffprobe-installer/ffprobe') as { path: string }).path;
  const version = await run(ffmpeg, ['-hide_banner', '-version'], 10_000);
  if (version.code !== 0) throw new Error(`${ffmpeg} -version failed: ${version.stderr.toString().slice(0, 200)}`);
  return { ffmpeg, ffprobe, ffmpegMajor: ffmpegMajorFromVersion(version.stdout.toString()) };
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: Buffer;
}

/** Runs a binary with arguments (never a shell), collecting its output; kills it after the timeout. */
/**
 * What the ingester used to get from ffprobe and a keyframe decode (two child processes per
 * segment) it now gets in process from the segment's fMP4 boxes (segment-inspection.ts, motion.ts).
 * This class is kept so that callers that pass `new FfmpegMediaTools(binaries)` keep working; it
 * starts no process.
 */
export class FfmpegMediaTools implements SegmentInspector {
  constructor(_binaries?: FfmpegBinaries, _timeoutMs?: number) {}

  inspect(data: Buffer): SegmentInspection {
    return inspectSegment(data);
  }
}

export function run(cmd: string, args: string[], timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: childEnv() });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: Buffer.concat(out), stderr: Buffer.concat(err) });
    });
  });
}
