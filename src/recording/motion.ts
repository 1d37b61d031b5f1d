import type { SegmentSample } from './segment-inspection.js';

/**
 * The per-segment motion score, in the compressed domain (pure): no frame is decoded.
 *
 * A fixed camera's encoder spends little on a frame in which nothing changed (a predicted frame of
 * skipped blocks) and more the more of the picture changes, while a keyframe codes the whole
 * picture. So per GOP (a keyframe and the predicted frames after it) the mean size of the predicted
 * frames above the cost of an empty one, relative to the keyframe's size, estimates the share of
 * the picture that changed. The cost of an empty frame is the smallest predicted frame of the
 * segment, but never more than `emptyFrameShare` of the keyframe: in a segment where something
 * moves all the time no frame is empty, and subtracting the smallest one would hide the motion.
 * The score is the largest GOP's value (0–1, four decimals); null when the segment has no
 * predicted frame to judge (a single keyframe).
 *
 * Calibrated on the lavfi demo scene (test/recording/motion-calibration.test.ts, docs/recorder.md)
 * against the earlier score (keyframes decoded to 32×24 grey, share of changed cells): a still scene
 * scores 0–0.002 once the encoder has settled, a person walking through 0.005–0.12 (the flat,
 * untextured demo figure is the hard case: moving it costs the encoder little). Known weaknesses:
 * a noisy low-light picture makes every predicted frame large and scores as motion (footage is
 * kept, not lost), and the first GOP after an encoder starts (a demo run's first segment) can
 * score up to ~0.04; a fixed threshold also depends on how much texture the moving object has.
 */
export const defaultMotionThreshold = 0.004;
export const emptyFrameShare = 0.02;

export interface MotionResult {
  /** 0–1, four decimals; null when there is no predicted frame to judge. */
  score: number | null;
  /** The smallest predicted frame of the segment (bytes): the caller keeps the camera's smallest as `knownEmptyBytes`. */
  smallestPredicted: number | null;
}

/**
 * `knownEmptyBytes`: the smallest predicted frame seen earlier from the same camera and stream
 * (a still moment), when known; it lets a segment with motion throughout be measured against a
 * truly empty frame.
 */
export function motionScore(samples: readonly SegmentSample[], knownEmptyBytes: number | null = null): MotionResult {
  const gops: { key: number; predicted: number[] }[] = [];
  for (const s of samples) {
    if (s.key || !gops.length) gops.push({ key: s.size, predicted: [] });
    else gops[gops.length - 1]!.predicted.push(s.size);
  }
  let smallest = Infinity;
  for (const gop of gops) for (const size of gop.predicted) smallest = Math.min(smallest, size);
  if (smallest === Infinity) return { score: null, smallestPredicted: null };
  const empty = Math.min(smallest, knownEmptyBytes ?? Infinity);
  let score = 0;
  for (const gop of gops) {
    if (!gop.predicted.length || gop.key <= 0) continue;
    const floor = Math.min(empty, emptyFrameShare * gop.key);
    let excess = 0;
    for (const size of gop.predicted) excess += Math.max(0, size - floor);
    score = Math.max(score, excess / gop.predicted.length / gop.key);
  }
  return { score: Math.round(Math.min(1, score) * 10_000) / 10_000, smallestPredicted: smallest };
}
