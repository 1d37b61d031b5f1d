import { spawn, type ChildProcess } from 'node:child_process';
import { segmentToTsArgs } from '../../exports/export-args.js';
import { childEnv } from '../../recording/ffmpeg-args.js';
import { runChild } from '../../recording/ffmpeg-run.js';
import type { Box } from '../track.js';
import type { Detection, Detector, Frame } from '../detectors/detector.js';
import { analysisDecodeArgs, outputSizeFromLog, thumbnailArgs } from './decode-args.js';
import { Tracker, type TrackerOptions, type TrackerResult } from './tracker.js';

/**
 * The analysis of one clip: decrypted segments → MPEG-TS → one ffmpeg decode at reduced resolution
 * (RGB frames on a pipe) → detectors on every sampled frame → tracker → one JPEG per track. The
 * footage is decoded once; nothing decrypted is written to disk. Cancelling (the signal) stops every
 * child with SIGTERM, then SIGKILL after a grace period, and rejects with AnalysisCancelled.
 */
export interface PipelineSource {
  start: Date;
  read(): Promise<Buffer>;
}

export interface PipelineInput {
  ffmpeg: string;
  sources: readonly PipelineSource[];
  /** The clip: [clipStart, clipEnd); t = 0 of every track box is clipStart. */
  clipStart: Date;
  clipEnd: Date;
  fps: number;
  width: number;
  detectors: readonly Detector[];
  tracker?: TrackerOptions;
  signal?: AbortSignal;
  onProgress?: (share: number) => void;
}

export interface PipelineResult extends TrackerResult {
  frames: number;
  size: { width: number; height: number };
  /** JPEG per track id (absent where it could not be made). */
  thumbnails: Map<string, Buffer>;
  /** Wall time spent in the detectors and in all (ms). */
  detectMs: number;
  totalMs: number;
}

export class AnalysisCancelled extends Error {
  constructor() {
    super('analysis cancelled');
  }
}

const graceMs = 2000;

function stop(child: ChildProcess): void {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); }, graceMs);
  timer.unref();
}

export async function runAnalysis(input: PipelineInput): Promise<PipelineResult> {
  const began = performance.now();
  if (input.sources.length === 0) throw new Error('no footage to analyse');
  const streamStart = input.sources[0]!.start;
  const durationSeconds = (input.clipEnd.getTime() - input.clipStart.getTime()) / 1000;
  const args = analysisDecodeArgs({ fps: input.fps, width: input.width, trim: { startSeconds: Math.max(0, (input.clipStart.getTime() - streamStart.getTime()) / 1000), durationSeconds } });
  const children = new Set<ChildProcess>();
  const decoder = spawn(input.ffmpeg, args, { stdio: ['pipe', 'pipe', 'pipe'], env: childEnv() });
  children.add(decoder);
  let cancelled = false;
  const onAbort = () => {
    cancelled = true;
    for (const child of children) stop(child);
  };
  if (input.signal?.aborted) onAbort();
  input.signal?.addEventListener('abort', onAbort, { once: true });
  let log = '';
  decoder.stderr.setEncoding('utf8');
  decoder.stderr.on('data', (c: string) => { if (log.length < 64 * 1024) log += c; });
  decoder.stdin.on('error', () => undefined);
  const decoderExit = new Promise<number | null>((resolve) => {
    decoder.once('error', () => resolve(null));
    decoder.once('close', (code) => resolve(code));
  });

  // Feed the segments, each remuxed to MPEG-TS at its offset, into the decoder (respecting its pace).
  const feeding = (async () => {
    try {
      for (const source of input.sources) {
        if (cancelled) return;
        const ts = await remux(input.ffmpeg, await source.read(), segmentToTsArgs(Math.max(0, (source.start.getTime() - streamStart.getTime()) / 1000)), children);
        if (cancelled) return;
        if (!decoder.stdin.write(ts)) {
          await new Promise<void>((resolve) => {
            const done = () => {
              decoder.stdin.off('drain', done);
              resolve();
            };
            decoder.stdin.once('drain', done);
            void decoderExit.then(done);
          });
        }
      }
    } finally {
      decoder.stdin.end();
    }
  })();
  let feedError: unknown = null;
  feeding.catch((err: unknown) => {
    // A segment that cannot be read (e.g. its day key destroyed, INV-9) ends the analysis with that reason.
    feedError = err;
    stop(decoder);
  });

  for (const detector of input.detectors) detector.reset?.();
  const tracker = new Tracker(input.tracker);
  const crops = new Map<string, { width: number; height: number; data: Uint8Array }>();
  const expected = Math.max(1, Math.round(durationSeconds * input.fps));
  let size: { width: number; height: number } | null = null;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let frames = 0;
  let detectMs = 0;

  const handle = async (data: Uint8Array) => {
    const t = Math.round((frames * 1000) / input.fps);
    const frame: Frame = { width: size!.width, height: size!.height, channels: 3, data, t };
    const d0 = performance.now();
    const detections: Detection[] = [];
    for (const detector of input.detectors) detections.push(...(await detector.detect(frame)));
    detectMs += performance.now() - d0;
    const ids = tracker.update(t, detections);
    ids.forEach((id, i) => {
      const best = tracker.bestOf(id);
      if (best && best.t === t && best.box === detections[i]!.box) crops.set(id, crop(frame, best.box));
    });
    frames++;
    if (frames % 10 === 0) input.onProgress?.(Math.min(0.99, frames / expected));
  };

  const drain = async () => {
    size ??= outputSizeFromLog(log);
    if (!size) return;
    const frameBytes = size.width * size.height * 3;
    if (pendingBytes < frameBytes) return;
    const all = pending.length === 1 ? pending[0]! : Buffer.concat(pending);
    let offset = 0;
    while (all.length - offset >= frameBytes && !cancelled) {
      await handle(new Uint8Array(all.buffer, all.byteOffset + offset, frameBytes));
      offset += frameBytes;
    }
    pending = all.length > offset ? [Buffer.from(all.subarray(offset))] : [];
    pendingBytes = all.length - offset;
  };
  for await (const chunk of decoder.stdout as AsyncIterable<Buffer>) {
    if (cancelled) break;
    pending.push(chunk);
    pendingBytes += chunk.length;
    await drain();
  }
  const code = await decoderExit;
  if (!cancelled) await drain();
  await feeding.catch(() => undefined);
  input.signal?.removeEventListener('abort', onAbort);
  if (cancelled) throw new AnalysisCancelled();
  if (feedError) throw feedError instanceof Error ? feedError : new Error(String(feedError));
  if (code !== 0) throw new Error(`ffmpeg analysis decode failed (${code}): ${log.split('\n').filter((l) => /error|invalid/i.test(l)).slice(0, 3).join(' ').slice(0, 300)}`);
  const result = tracker.finish();
  const thumbnails = new Map<string, Buffer>();
  for (const [id, c] of crops) {
    try {
      thumbnails.set(id, await encodeThumbnail(input.ffmpeg, c));
    } catch {
      // A missing thumbnail is shown as such in the review; the track itself stays.
    }
  }
  input.onProgress?.(1);
  return { ...result, frames, size: size ?? { width: 0, height: 0 }, thumbnails, detectMs, totalMs: performance.now() - began };
}

/** The pixels of a box, grown by 20 % and at least 16 px a side, clamped to the frame. */
export function crop(frame: Frame, box: Box): { width: number; height: number; data: Uint8Array } {
  const grow = 0.2;
  let x0 = Math.floor((box.x - box.w * grow) * frame.width);
  let y0 = Math.floor((box.y - box.h * grow) * frame.height);
  let x1 = Math.ceil((box.x + box.w * (1 + grow)) * frame.width);
  let y1 = Math.ceil((box.y + box.h * (1 + grow)) * frame.height);
  if (x1 - x0 < 16) { const c = (x0 + x1) >> 1; x0 = c - 8; x1 = c + 8; }
  if (y1 - y0 < 16) { const c = (y0 + y1) >> 1; y0 = c - 8; y1 = c + 8; }
  x0 = Math.max(0, x0); y0 = Math.max(0, y0); x1 = Math.min(frame.width, x1); y1 = Math.min(frame.height, y1);
  const width = Math.max(1, x1 - x0);
  const height = Math.max(1, y1 - y0);
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const from = ((y0 + y) * frame.width + x0) * 3;
    data.set(frame.data.subarray(from, from + width * 3), y * width * 3);
  }
  return { width, height, data };
}

function remux(ffmpeg: string, segment: Buffer, args: string[], children: Set<ChildProcess>): Promise<Buffer> {
  return collect(ffmpeg, args, segment, children, 'segment remux');
}

export function encodeThumbnail(ffmpeg: string, c: { width: number; height: number; data: Uint8Array }): Promise<Buffer> {
  return collect(ffmpeg, thumbnailArgs(c), Buffer.from(c.data.buffer, c.data.byteOffset, c.data.byteLength), new Set(), 'thumbnail');
}

function collect(ffmpeg: string, args: string[], stdin: Buffer, children: Set<ChildProcess>, what: string): Promise<Buffer> {
  return runChild(ffmpeg, args, stdin, { what: `ffmpeg ${what}`, timeoutMs: 120_000, children });
}
