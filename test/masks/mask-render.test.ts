import { beforeAll, describe, expect, it } from 'vitest';
import { MaskedSegmentCache, maskSegment } from '../../src/masks/mask-render.js';
import { withPrivacyMask } from '../../src/masks/mask-args.js';
import { maskPng } from '../../src/masks/mask-image.js';
import type { Polygon } from '../../src/masks/polygon.js';
import { resolveBinaries, type FfmpegBinaries } from '../../src/recording/media-tools.js';
import { ffmpegBytes, generatedClip, grayFrames, maskInterior, maxIn, meanDiff, spread, unmaskedArea } from './frames.js';

const W = 320;
const H = 240;
/** A neighbour's window: a pentagon in the upper left (not a rectangle, so the polygon path is exercised). */
const window: Polygon = [{ x: 0.1, y: 0.1 }, { x: 0.45, y: 0.08 }, { x: 0.5, y: 0.4 }, { x: 0.3, y: 0.55 }, { x: 0.08, y: 0.35 }];
const scene = `testsrc2=size=${W}x${H}:rate=25:duration=2`;
/** The same scene with someone in the window: a white box well inside the pentagon. */
const sceneWithPerson = `${scene},drawbox=x=70:y=50:w=40:h=40:color=white:t=fill`;

let ff: FfmpegBinaries;
beforeAll(async () => {
  ff = await resolveBinaries();
});

describe('privacy masks burnt in by real ffmpeg (issue 9 item 4)', () => {
  it('a masked segment is flat black inside the mask in every frame and unchanged outside it', async () => {
    const original = await generatedClip(ff.ffmpeg, sceneWithPerson);
    const masked = await maskSegment(ff.ffmpeg, original, [window]);
    const before = await grayFrames(ff.ffmpeg, original, W, H);
    const after = await grayFrames(ff.ffmpeg, masked, W, H);
    expect(after).toHaveLength(50);
    expect(after.length).toBe(before.length);
    const inner = maskInterior([window], W, H, 3);
    const outside = unmaskedArea([window], W, H, 3);
    // The original shows the person inside the window; the masked copy shows black (0 in full-range luma).
    expect(maxIn(before, inner)).toBeGreaterThan(200);
    expect(maxIn(after, inner)).toBeLessThanOrEqual(8);
    for (const [i, frame] of after.entries()) {
      expect(spread(frame, inner)).toBeLessThan(1.5);
      // Outside the mask the picture is the original's (re-encoded: small differences only) and not flat.
      expect(spread(frame, outside)).toBeGreaterThan(20);
      expect(meanDiff(frame, before[i]!, outside)).toBeLessThan(4);
    }
  });

  it('nothing of what is behind the mask reaches the output, not even at its edge', async () => {
    // Two lossless clips that differ only inside the window: once masked, their decoded frames are identical.
    const empty = await maskSegment(ff.ffmpeg, await generatedClip(ff.ffmpeg, scene, { lossless: true }), [window]);
    const occupied = await maskSegment(ff.ffmpeg, await generatedClip(ff.ffmpeg, sceneWithPerson, { lossless: true }), [window]);
    const a = await grayFrames(ff.ffmpeg, empty, W, H);
    const b = await grayFrames(ff.ffmpeg, occupied, W, H);
    expect(a.length).toBe(50);
    expect(b.length).toBe(50);
    // Which frames differ, and where (once seen failing under a loaded full run; passes alone): say so if it happens again.
    const differing = a.flatMap((frame, i) => {
      if (frame.equals(b[i]!)) return [];
      const pixels = [...frame.keys()].filter((p) => frame[p] !== b[i]![p]);
      return [`frame ${i}: ${pixels.length} px, first at (${pixels[0]! % W}, ${Math.floor(pixels[0]! / W)})`];
    });
    expect(differing).toEqual([]);
    // ...while the unmasked originals do differ (the test can fail).
    const ra = await grayFrames(ff.ffmpeg, await generatedClip(ff.ffmpeg, scene, { lossless: true }), W, H);
    const rb = await grayFrames(ff.ffmpeg, await generatedClip(ff.ffmpeg, sceneWithPerson, { lossless: true }), W, H);
    expect(Buffer.concat(ra).equals(Buffer.concat(rb))).toBe(false);
  });

  it('the mask holds at another resolution than it was drawn at (scaled to the video)', async () => {
    const w = 176;
    const h = 144;
    const small = await generatedClip(ff.ffmpeg, `testsrc2=size=${w}x${h}:rate=25:duration=1,drawbox=x=30:y=25:w=30:h=20:color=white:t=fill`);
    const frames = await grayFrames(ff.ffmpeg, await maskSegment(ff.ffmpeg, small, [window]), w, h);
    expect(frames).toHaveLength(25);
    expect(maxIn(frames, maskInterior([window], w, h, 3))).toBeLessThanOrEqual(8);
    expect(spread(frames[0]!, unmaskedArea([window], w, h, 3))).toBeGreaterThan(20);
  });

  it('a copied live stream, once masked, is encoded with the mask in every frame', async () => {
    const camera = await generatedClip(ff.ffmpeg, sceneWithPerson);
    const live = ['-hide_banner', '-nostdin', '-loglevel', 'error', '-f', 'mp4', '-i', 'pipe:0', '-map', '0:v:0', '-c:v', 'copy', '-an', '-f', 'mp4', '-movflags', 'frag_keyframe+empty_moov+default_base_moof', 'pipe:1'];
    const copied = await grayFrames(ff.ffmpeg, await ffmpegBytes(ff.ffmpeg, live, camera), W, H);
    const masked = await grayFrames(ff.ffmpeg, await ffmpegBytes(ff.ffmpeg, withPrivacyMask(live, maskPng([window])), camera), W, H);
    const inner = maskInterior([window], W, H, 3);
    expect(maxIn(copied, inner)).toBeGreaterThan(200);
    expect(masked.length).toBe(copied.length);
    expect(maxIn(masked, inner)).toBeLessThanOrEqual(8);
  });

  it('encodes a segment once for its init and media requests, again for a new mask version or after its time, and retries after a failure', async () => {
    const clip = await generatedClip(ff.ffmpeg, `testsrc2=size=${W}x${H}:rate=25:duration=1`);
    let now = 0;
    const cache = new MaskedSegmentCache(async () => ff, { ttlMs: 1000, now: () => now });
    let reads = 0;
    const read = async () => {
      reads++;
      return clip;
    };
    const [a, b] = await Promise.all([cache.get('c:1:v1', [window], read), cache.get('c:1:v1', [window], read)]);
    expect(reads).toBe(1);
    expect(a).toBe(b);
    await cache.get('c:1:v2', [window], read);
    expect(reads).toBe(2);
    now = 2000; // past the time to live: encoded again
    await cache.get('c:1:v1', [window], read);
    expect(reads).toBe(3);
    // A segment that cannot be read is not remembered: the next request tries again.
    await expect(cache.get('c:2:v1', [window], async () => Promise.reject(new Error('day key destroyed')))).rejects.toThrow('day key destroyed');
    await cache.get('c:2:v1', [window], read);
    expect(reads).toBe(4);
  });
});
