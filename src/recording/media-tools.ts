import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { childEnv, ffmpegMajorFromVersion, motionArgs, probeArgs } from './ffmpeg-args.js';
import { splitFrames } from './motion.js';

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

export type ProbeResult =
  | { ok: true; durationMs: number; codec: string; width: number | null; height: number | null }
  | { ok: false; reason: string };

/** What the ingester needs from ffmpeg: a probe of a finished segment and its keyframes for the motion score. */
export interface MediaTools {
  probe(file: string): Promise<ProbeResult>;
  /** The segment's keyframes as 32×24 grey frames; throws when the file does not decode. */
  keyframes(file: string): Promise<Uint8Array[]>;
}

export class FfmpegMediaTools implements MediaTools {
  constructor(
    private readonly binaries: FfmpegBinaries,
    private readonly timeoutMs = 30_000,
  ) {}

  async probe(file: string): Promise<ProbeResult> {
    const result = await run(this.binaries.ffprobe, probeArgs(file), this.timeoutMs);
    if (result.code !== 0) return { ok: false, reason: `ffprobe exit ${result.code ?? result.signal}: ${firstLine(result.stderr)}` };
    return parseProbe(result.stdout.toString('utf8'));
  }

  async keyframes(file: string): Promise<Uint8Array[]> {
    const result = await run(this.binaries.ffmpeg, motionArgs(file, this.binaries.ffmpegMajor), this.timeoutMs);
    if (result.code !== 0) throw new Error(`ffmpeg keyframe decode failed (${result.code ?? result.signal}): ${firstLine(result.stderr)}`);
    return splitFrames(result.stdout);
  }
}

/** Reads ffprobe's JSON: a segment is usable when it has an H.264/H.265 (or other) video stream and a positive duration. */
export function parseProbe(json: string): ProbeResult {
  let data: { streams?: { codec_type?: string; codec_name?: string; width?: number; height?: number }[]; format?: { duration?: string } };
  try {
    data = JSON.parse(json) as typeof data;
  } catch {
    return { ok: false, reason: 'ffprobe output is not JSON' };
  }
  const video = data.streams?.find((s) => s.codec_type === 'video');
  if (!video?.codec_name) return { ok: false, reason: 'no video stream' };
  const duration = Number(data.format?.duration);
  if (!Number.isFinite(duration) || duration <= 0) return { ok: false, reason: 'no duration (empty or truncated before the first fragment)' };
  return { ok: true, durationMs: Math.round(duration * 1000), codec: video.codec_name, width: video.width ?? null, height: video.height ?? null };
}

function firstLine(buffer: Buffer): string {
  return buffer.toString('utf8').trim().split('\n')[0]?.slice(0, 300) ?? '';
}

interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: Buffer;
}

/** Runs a binary with arguments (never a shell), collecting its output; kills it after the timeout. */
function run(cmd: string, args: string[], timeoutMs: number): Promise<RunResult> {
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
