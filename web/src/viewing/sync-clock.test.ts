import { describe, expect, it } from 'vitest';
import { follow, footageAt, mediaTimeAt, SharedClock, type PlaylistFragment } from './sync-clock';

const t0 = Date.UTC(2026, 2, 3, 20, 0, 0);
// Two 2-second segments, a 6-second gap, then one more: the player's media time runs on without the gap.
const fragments: PlaylistFragment[] = [
  { startS: 0, durationS: 2, dateMs: t0 },
  { startS: 2, durationS: 2, dateMs: t0 + 2000 },
  { startS: 4, durationS: 2, dateMs: t0 + 10_000 },
];

describe('synchronised playback clock', () => {
  it.each([
    [t0, 0],
    [t0 + 1500, 1.5],
    [t0 + 3000, 3],
    [t0 + 5000, null], // in the gap
    [t0 + 10_500, 4.5],
    [t0 - 1, null], // before the playlist
    [t0 + 12_000, null], // after it
  ])('maps footage instant %s to media time %s', (at, media) => {
    expect(mediaTimeAt(fragments, at)).toBe(media);
    if (media !== null) expect(footageAt(fragments, media)).toBe(at);
  });

  it.each([
    // actual, desired, rate → seek, playbackRate
    [10, 10, 1, null, 1],
    [10, 10.1, 1, null, 1.1],
    [10, 9.95, 2, null, 1.9],
    [10, 10.5, 1, 10.5, 1],
    [10, 9, 4, 9, 4],
  ])('a player at %s following %s at rate %s seeks to %s with rate %s', (actual, desired, rate, seekTo, playbackRate) => {
    const f = follow(actual, desired, rate);
    expect(f.seekTo).toBe(seekTo);
    expect(f.playbackRate).toBeCloseTo(playbackRate, 5);
  });

  it('runs at its rate, holds for the slowest player, and seeks', () => {
    let now = 1000;
    const clock = new SharedClock(t0, () => now);
    now += 500;
    expect(clock.footage()).toBe(t0); // not yet running
    clock.run();
    now += 1000;
    expect(clock.footage()).toBe(t0 + 1000);
    clock.setRate(2);
    now += 1000;
    expect(clock.footage()).toBe(t0 + 3000);
    clock.hold();
    now += 5000;
    expect(clock.footage()).toBe(t0 + 3000);
    clock.seek(t0 + 60_000);
    clock.run();
    now += 250;
    expect(clock.footage()).toBe(t0 + 60_500);
  });
});
