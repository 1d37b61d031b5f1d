import { spawn, type ChildProcess } from 'node:child_process';
import { rasterizeMask, type Polygon } from '../../masks/polygon.js';
import { childEnv } from '../../recording/ffmpeg-args.js';
import type { FfmpegBinaries } from '../../recording/media-tools.js';
import type { RedactionSettings, Track } from '../track.js';
import { planFrame } from './frame-plan.js';
import { decodeArgs, encodeArgs, parseVideoProbe, videoProbeArgs, type VideoInfo } from './render-args.js';
import { emptyMask, maskToSpans } from './row-spans.js';
import { FrameRedactor, yuv420pSize } from './yuv-redact.js';

export interface RenderJob {
  /**
   * The original: a file (bench, tests), an MP4 in memory, or an MP4 streamed chunk by chunk (the
   * export's clip assembly: decrypted footage never touches the disk and is never all in memory).
   */
  source: { file: string } | { data: Buffer } | { stream: AsyncIterable<Buffer> };
  /** Size and frame rate of the original; probed from a file or buffer when left out (a stream cannot be probed). */
  video?: { width: number; height: number; fps: number };
  /** Seconds into the source where the analysis' time zero lies, and how long to render. */
  startSeconds?: number;
  durationSeconds?: number;
  /** Detected and manual tracks (manual ones have kind 'manual'). */
  tracks: readonly Track[];
  settings: RedactionSettings;
  /** The camera's privacy-mask polygons: always redacted. */
  masks: readonly Polygon[];
  /** Where the redacted MP4 is written (a file: +faststart needs a seekable output). */
  output: string;
  creationTime: Date;
  comment: string;
  onProgress?: (framesDone: number, framesExpected: number) => void;
  signal?: AbortSignal;
}

export interface RenderResult {
  frames: number;
  width: number;
  height: number;
  fps: number;
}

const POOL = 4;

/**
 * Decode → redact in place → encode (issue 9 item 3). Frames go through a pool of four buffers:
 * one being filled from the decoder while up to three wait in the encoder's pipe, so ffmpeg decodes,
 * Node redacts and x264 encodes at the same time. Both processes are spawned with argument arrays and
 * killed if anything fails or the job is aborted.
 */
export async function renderRedacted(binaries: FfmpegBinaries, job: RenderJob): Promise<RenderResult> {
  const input = 'file' in job.source ? job.source.file : 'pipe:0';
  const stdin = 'data' in job.source ? job.source.data : null;
  const stream = 'stream' in job.source ? job.source.stream : null;
  if (stream && !job.video) throw new Error('a streamed source needs its video size and frame rate');
  const info = job.video ? { ...job.video, durationSeconds: job.durationSeconds ?? 0 } : await probeVideo(binaries.ffprobe, input, stdin);
  const { width, height, fps } = info;
  const frameMs = 1000 / fps;
  const mask = job.masks.length ? maskToSpans(rasterizeMask(job.masks, width, height), width, height) : emptyMask(width, height);
  const redactor = new FrameRedactor(width, height, mask);
  const frameBytes = yuv420pSize(width, height);
  const expected = Math.max(1, Math.round((job.durationSeconds ?? Math.max(0, info.durationSeconds - (job.startSeconds ?? 0))) * fps));

  const encoder = spawn(binaries.ffmpeg, encodeArgs({ width, height, fps, output: job.output, creationTime: job.creationTime, comment: job.comment }), { stdio: ['pipe', 'ignore', 'pipe'], env: childEnv() });
  const decoder = spawn(binaries.ffmpeg, decodeArgs({ input, fps, startSeconds: job.startSeconds, durationSeconds: job.durationSeconds }), { stdio: ['pipe', 'pipe', 'pipe'], env: childEnv() });
  const encoderDone = exited(encoder, 'encoder');
  const decoderDone = exited(decoder, 'decoder');
  // Awaited below; a failure before that must not count as unhandled.
  encoderDone.catch(() => undefined);
  decoderDone.catch(() => undefined);
  const killAll = () => {
    decoder.kill('SIGKILL');
    encoder.kill('SIGKILL');
  };
  job.signal?.addEventListener('abort', killAll, { once: true });
  decoder.stdin!.on('error', () => undefined);
  encoder.stdin!.on('error', () => undefined);
  let feedError: unknown = null;
  const feeding = (async () => {
    if (stdin) decoder.stdin!.end(stdin);
    else if (!stream) decoder.stdin!.end();
    else {
      try {
        for await (const chunk of stream) {
          if (job.signal?.aborted || decoder.exitCode !== null) break;
          if (!decoder.stdin!.write(chunk)) await Promise.race([new Promise<void>((resolve) => decoder.stdin!.once('drain', resolve)), decoderDone.catch(() => undefined)]);
        }
      } catch (e) {
        feedError = e;
        decoder.kill('SIGKILL');
      } finally {
        decoder.stdin!.end();
      }
    }
  })();

  const free: Buffer[] = Array.from({ length: POOL }, () => Buffer.allocUnsafe(frameBytes));
  const waiting: (() => void)[] = [];
  const release = (buf: Buffer) => {
    free.push(buf);
    waiting.shift()?.();
  };
  const acquire = async (): Promise<Buffer> => {
    while (free.length === 0) await new Promise<void>((resolve) => waiting.push(resolve));
    return free.pop()!;
  };

  let frames = 0;
  try {
    let frame = await acquire();
    let filled = 0;
    for await (const chunk of decoder.stdout! as AsyncIterable<Buffer>) {
      let offset = 0;
      while (offset < chunk.length) {
        const n = Math.min(frameBytes - filled, chunk.length - offset);
        chunk.copy(frame, filled, offset, offset + n);
        filled += n;
        offset += n;
        if (filled < frameBytes) continue;
        redactor.apply(frame, planFrame(job.tracks, job.settings, frames * frameMs, { width, height, frameMs }), job.settings.style);
        const written = frame;
        encoder.stdin!.write(written, () => release(written));
        frames++;
        if (frames % 25 === 0) job.onProgress?.(frames, expected);
        frame = await acquire();
        filled = 0;
      }
    }
    if (job.signal?.aborted) throw new Error('render cancelled');
    await feeding;
    if (feedError) throw feedError;
    await decoderDone;
    if (filled !== 0) throw new Error(`decoder output ended inside a frame (${filled} of ${frameBytes} bytes)`);
    if (frames === 0) throw new Error('no frames decoded');
    encoder.stdin!.end();
    await encoderDone;
    job.onProgress?.(frames, Math.max(expected, frames));
    return { frames, width, height, fps };
  } catch (err) {
    killAll();
    await Promise.allSettled([encoderDone, decoderDone, feeding]);
    throw job.signal?.aborted ? new Error('render cancelled') : err;
  } finally {
    job.signal?.removeEventListener('abort', killAll);
  }
}

export async function probeVideo(ffprobe: string, input: string, stdin: Buffer | null = null): Promise<VideoInfo> {
  const child = spawn(ffprobe, videoProbeArgs(input), { stdio: ['pipe', 'pipe', 'pipe'], env: childEnv() });
  const out: Buffer[] = [];
  child.stdout!.on('data', (c: Buffer) => out.push(c));
  child.stdin!.on('error', () => undefined);
  child.stdin!.end(stdin ?? undefined);
  await exited(child, 'ffprobe');
  return parseVideoProbe(Buffer.concat(out).toString('utf8'));
}

function exited(child: ChildProcess, name: string): Promise<void> {
  const err: Buffer[] = [];
  child.stderr?.on('data', (c: Buffer) => err.push(c));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`ffmpeg ${name} failed (${code ?? signal}): ${Buffer.concat(err).toString('utf8').trim().slice(0, 300)}`));
    });
  });
}
