import { describe, expect, it } from 'vitest';
import { changedShare, motionScore, splitFrames } from './motion.js';

const frame = (fill: number, patch?: { from: number; to: number; value: number }) => {
  const f = new Uint8Array(32 * 24).fill(fill);
  if (patch) f.fill(patch.value, patch.from, patch.to);
  return f;
};

describe('motion score', () => {
  it('splits raw output into whole frames', () => {
    expect(splitFrames(new Uint8Array(32 * 24 * 2 + 5))).toHaveLength(2);
  });
  it.each([
    { name: 'still scene', frames: [frame(80), frame(80), frame(82)], score: 0 },
    { name: 'sensor noise below the threshold', frames: [frame(80), frame(100)], score: 0 },
    { name: 'a clock: 4 cells change', frames: [frame(80), frame(80, { from: 0, to: 4, value: 250 })], score: 0.0052 },
    { name: 'a person: 60 cells change', frames: [frame(80), frame(80, { from: 100, to: 160, value: 200 }), frame(80)], score: 0.0781 },
    { name: 'lights switched on', frames: [frame(20), frame(200)], score: 1 },
    { name: 'a single keyframe: nothing to compare', frames: [frame(80)], score: null },
  ])('$name → $score', ({ frames, score }) => {
    expect(motionScore(frames)).toBe(score);
  });
  it("compares the first keyframe with the previous segment's last", () => {
    expect(motionScore([frame(80)], frame(80, { from: 0, to: 100, value: 0 }))).toBeCloseTo(100 / 768, 3);
  });
  it('refuses frames of different sizes', () => {
    expect(() => changedShare(new Uint8Array(4), new Uint8Array(5))).toThrow();
  });
});
