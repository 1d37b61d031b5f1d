import { describe, expect, it } from 'vitest';
import { defaultMotionThreshold, motionScore } from './motion.js';
import type { SegmentSample } from './segment-inspection.js';

/** A GOP: a keyframe of `key` bytes and predicted frames of the given sizes. */
const gop = (key: number, predicted: number[]): SegmentSample[] => [{ size: key, key: true }, ...predicted.map((size) => ({ size, key: false }))];
const repeat = (size: number, n: number) => Array.from({ length: n }, () => size);

describe('compressed-domain motion score', () => {
  it.each([
    // Sizes as the demo scene's encoder produces them (test/recording/motion-calibration.test.ts measures the real ones).
    { name: 'still scene: every predicted frame is an empty one', samples: [...gop(1600, repeat(24, 19)), ...gop(1600, repeat(24, 19))], score: 0 },
    { name: 'still scene with a burnt-in clock (one frame a second changes a little)', samples: gop(8000, [24, 24, 24, 24, 24, 24, 24, 24, 24, 60, ...repeat(24, 9)]), score: 0.0002 },
    { name: 'a person walking through one GOP of two', samples: [...gop(1600, repeat(24, 19)), ...gop(1600, repeat(190, 19))], score: 0.1038 },
    { name: 'motion throughout: no empty frame, the keyframe share caps the floor', samples: gop(1700, repeat(180, 19)), score: 0.0859 },
    { name: 'motion throughout, the empty frame known from a still moment earlier', samples: gop(1700, repeat(180, 19)), known: 24, score: 0.0918 },
    { name: 'steady sensor noise: predicted frames as large as the keyframe → scores as motion (documented)', samples: gop(90_000, repeat(88_000, 19)), score: 0.9578 },
    { name: 'a single keyframe: nothing to judge', samples: gop(1600, []), score: null },
    { name: 'no samples', samples: [], score: null },
  ])('$name → $score', ({ samples, score, known }) => {
    expect(motionScore(samples, known ?? null).score).toBe(score);
  });

  it('still scores below the threshold, motion above it', () => {
    expect(motionScore(gop(1600, repeat(24, 19))).score!).toBeLessThan(defaultMotionThreshold);
    expect(motionScore(gop(1600, repeat(190, 19))).score!).toBeGreaterThan(defaultMotionThreshold);
  });

  it('reports the smallest predicted frame for the caller to remember', () => {
    expect(motionScore([...gop(1600, [40, 30, 50]), ...gop(1600, [35])]).smallestPredicted).toBe(30);
  });

  it('a stream that starts with a predicted frame (no keyframe first) is judged against it as the GOP head', () => {
    expect(motionScore([{ size: 1000, key: false }, { size: 20, key: false }]).score).toBe(0);
  });
});
