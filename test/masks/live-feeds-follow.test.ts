import { describe, expect, it } from 'vitest';
import { withPrivacyMask } from '../../src/masks/mask-args.js';
import { maskPng } from '../../src/masks/mask-image.js';
import type { LiveVariant } from '../../src/masks/masks.module.js';
import type { Polygon } from '../../src/masks/polygon.js';
import { createLogger } from '../../src/platform/logger.js';
import { resolveBinaries } from '../../src/recording/media-tools.js';
import { BoxStream } from '../../src/viewing/box-stream.js';
import { codecFamily, decodeTime, feedOutdated, feedShows, LiveFeeds, withDecodeTime, type LiveMaskState } from '../../src/viewing/live-feeds.js';
import { grayFrames, maskInterior, maxIn } from './frames.js';

/** A fragment as ffmpeg writes it: moof(mfhd, traf(tfhd, tfdt v0|v1)) + mdat. */
function fragment(version: 0 | 1, tfdt: bigint): Buffer {
  const sized = (type: string, body: Buffer) => {
    const b = Buffer.concat([Buffer.alloc(4), Buffer.from(type, 'latin1'), body]);
    b.writeUInt32BE(b.length, 0);
    return b;
  };
  const time = version === 1 ? Buffer.alloc(8) : Buffer.alloc(4);
  if (version === 1) time.writeBigUInt64BE(tfdt);
  else time.writeUInt32BE(Number(tfdt));
  const tfdtBox = sized('tfdt', Buffer.concat([Buffer.from([version, 0, 0, 0]), time]));
  const traf = sized('traf', Buffer.concat([sized('tfhd', Buffer.from([0, 2, 0, 0, 0, 0, 0, 1])), tfdtBox]));
  return Buffer.concat([sized('moof', Buffer.concat([sized('mfhd', Buffer.alloc(8)), traf])), sized('mdat', Buffer.from('picture'))]);
}

describe('live feed helpers (pure)', () => {
  it.each([
    [1, 0n, 1000n, 1000n],
    [1, 123_456_789_012n, 5n, 5n],
    [0, 90_000n, 180_000n, 180_000n],
    [0, 1n, 2n ** 33n, 0xffffffffn],
  ] as const)('rewrites a v%i decode time %s → %s', (version, from, to, stored) => {
    const f = fragment(version, from);
    expect(decodeTime(f)).toBe(from);
    const rewritten = withDecodeTime(f, () => to);
    expect(decodeTime(rewritten)).toBe(stored);
    expect(decodeTime(f), 'the original is not changed').toBe(from);
    expect(rewritten.length).toBe(f.length);
    expect(rewritten.subarray(rewritten.length - 7).toString()).toBe('picture');
  });

  const state = (version: number, masked: boolean, lifts: string[] = []): LiveMaskState => ({ version, masked, lifts });
  it.each([
    ['a masked feed, same version', 'cam:mask-v2', [], state(2, true, ['l1']), false],
    ['a masked feed, new version', 'cam:mask-v2', [], state(3, true), true],
    ['a masked feed, every mask removed', 'cam:mask-v2', [], state(3, false), true],
    ['a plain feed, still no mask', 'cam', [], state(4, false), false],
    ['a plain feed, a mask drawn', 'cam', [], state(1, true), true],
    ['a plain feed started with a stale variant, a mask saved meanwhile', 'cam', [], state(1, true), true],
    ['a lifted feed, its lift still open, a new version', 'cam:lifted', ['l1'], state(3, true, ['l1']), false],
    ['a lifted feed, another lift started', 'cam:lifted', ['l1'], state(2, true, ['l1', 'l2']), false],
    ['a lifted feed, its lift ended', 'cam:lifted', ['l1'], state(2, true, []), true],
    ['a lifted feed, one of two lifts ended', 'cam:lifted', ['l1', 'l2'], state(2, true, ['l2']), true],
    ['a lifted feed whose lift ended while it started', 'cam:lifted', [], state(2, true, []), true],
  ] as const)('%s → outdated %s', (_what, key, lifts, now, outdated) => {
    expect(feedOutdated({ shows: feedShows(key, lifts) }, now)).toBe(outdated);
  });

  it('a feed whose masks are not followed is never outdated', () => {
    expect(feedOutdated({ shows: null }, state(9, true))).toBe(false);
  });

  it('codec families', () => {
    expect(codecFamily('avc1.64001f')).toBe(codecFamily('avc1.42e01e'));
    expect(codecFamily('avc1.64001f')).not.toBe(codecFamily('hvc1.1.6.L93.B0'));
  });
});

/**
 * The polling path (an edit made by another process, a lift that expires: nothing tells this
 * process): a feed of the demo camera, a mask source whose state changes behind the feeds' back,
 * and the viewer's stream carries the masked picture within a few seconds.
 */
describe('live feeds poll the masks', () => {
  it('a plain feed becomes masked when the mask state changes, without being told', async () => {
    const ff = await resolveBinaries();
    const area: Polygon = [{ x: 0.6, y: 0.1 }, { x: 0.93, y: 0.1 }, { x: 0.93, y: 0.37 }, { x: 0.6, y: 0.37 }];
    let current: { state: LiveMaskState; variant: LiveVariant | null } = { state: { version: 0, masked: false, lifts: [] }, variant: null };
    const png = maskPng([area]);
    const feeds = new LiveFeeds({
      targets: { list: async () => [{ cameraId: 'cam-demo', name: 'Demo', url: 'demo:lobby', mode: 'continuous', retentionDays: 7 }] },
      binaries: async () => ff, logger: createLogger('silent'), maskCheckMs: 200,
      masks: { state: async () => current.state, variant: async () => current.variant },
    });
    const received: { at: number; bytes: Buffer }[] = [];
    let closed = false;
    try {
      const sub = await feeds.subscribe('cam-demo', { fragment: (bytes) => received.push({ at: Date.now(), bytes }), close: () => (closed = true) });
      received.unshift({ at: Date.now(), bytes: sub.head });
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      current = { state: { version: 1, masked: true, lifts: [] }, variant: { key: 'cam-demo:mask-v1', args: (args) => withPrivacyMask(args, png) } };
      const changedAt = Date.now();
      const deadline = Date.now() + 15_000;
      const initAt = () => received.findIndex((r, i) => i > 0 && r.bytes.toString('latin1', 4, 8) === 'ftyp');
      while (initAt() < 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      const i = initAt();
      expect(i, 'a new init part reached the viewer').toBeGreaterThan(0);
      expect(received[i]!.at - changedAt).toBeLessThan(6_000);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(closed).toBe(false);
      const after = Buffer.concat(received.slice(i).map((r) => r.bytes));
      const before = Buffer.concat(received.slice(0, i).map((r) => r.bytes));
      const inner = maskInterior([area], 320, 240, 3);
      expect(maxIn(await grayFrames(ff.ffmpeg, before, 320, 240), inner), 'visible before').toBeGreaterThan(120);
      const masked = await grayFrames(ff.ffmpeg, after, 320, 240);
      expect(masked.length).toBeGreaterThan(5);
      expect(maxIn(masked, inner)).toBeLessThanOrEqual(8);
      // Fragments after the switch continue the timeline.
      const split = new BoxStream();
      const times = split.push(after).map((f) => Number(decodeTime(f)));
      for (let k = 1; k < times.length; k++) expect(times[k]!).toBeGreaterThan(times[k - 1]!);
      sub.unsubscribe();
    } finally {
      await feeds.stopAll();
    }
  }, 60_000);
});
