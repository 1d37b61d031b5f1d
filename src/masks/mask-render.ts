import { runChild } from '../recording/ffmpeg-run.js';
import type { FfmpegBinaries } from '../recording/media-tools.js';
import { maskedStillArgs, maskSegmentArgs } from './mask-args.js';
import { maskPng } from './mask-image.js';
import type { Polygon } from './polygon.js';

/**
 * Burns masks into one decrypted segment in memory: the fMP4 goes to ffmpeg's stdin, the masked
 * fMP4 comes from its stdout; nothing touches the disk. ffmpeg is spawned with an argument array
 * and killed after the timeout.
 */
export function maskSegment(ffmpeg: string, segment: Buffer, polygons: readonly Polygon[], timeoutMs = 120_000): Promise<Buffer> {
  return pipeThrough(ffmpeg, maskSegmentArgs(maskPng(polygons)), segment, timeoutMs);
}

/** The segment's first frame as a JPEG with the masks burnt in (none: the plain frame). */
export function maskedStill(ffmpeg: string, segment: Buffer, polygons: readonly Polygon[], timeoutMs = 30_000): Promise<Buffer> {
  return pipeThrough(ffmpeg, maskedStillArgs(polygons.length ? maskPng(polygons) : null), segment, timeoutMs);
}

function pipeThrough(ffmpeg: string, args: string[], input: Buffer, timeoutMs: number): Promise<Buffer> {
  return runChild(ffmpeg, args, input, { what: 'ffmpeg privacy mask', timeoutMs });
}

/**
 * Masked segments, kept in memory for a short while: a player asks for a segment's init and media
 * parts separately, and both must come from the same encode. Keyed by segment and mask version, so
 * a changed mask never serves an old picture; only masked output is kept (never an original).
 */
export class MaskedSegmentCache {
  private readonly entries = new Map<string, { at: number; value: Promise<Buffer> }>();

  constructor(
    private readonly binaries: () => Promise<FfmpegBinaries>,
    private readonly o: { maxEntries?: number; ttlMs?: number; now?: () => number } = {},
  ) {}

  async get(key: string, polygons: readonly Polygon[], read: () => Promise<Buffer>): Promise<Buffer> {
    const now = (this.o.now ?? Date.now)();
    const ttl = this.o.ttlMs ?? 120_000;
    for (const [k, e] of this.entries) if (now - e.at > ttl) this.entries.delete(k);
    const hit = this.entries.get(key);
    if (hit) return hit.value;
    const value = (async () => maskSegment((await this.binaries()).ffmpeg, await read(), polygons))();
    this.entries.set(key, { at: now, value });
    value.catch(() => this.entries.delete(key));
    while (this.entries.size > (this.o.maxEntries ?? 8)) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}
