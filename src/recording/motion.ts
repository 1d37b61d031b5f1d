import { motionFrame } from './ffmpeg-args.js';

/**
 * The cheap per-segment motion score (pure). ffmpeg decodes only the keyframes, shrunk to 32×24
 * grey (area averaging smooths sensor noise); consecutive frames are compared cell by cell, and
 * the score is the largest share of cells that changed by more than `cellThreshold` grey levels.
 * A burnt-in clock changes a few cells (about 0.5 %); a person walking through changes many (5 % and more).
 */
export const defaultMotionThreshold = 0.01;
export const cellThreshold = 24;

export function splitFrames(raw: Uint8Array, width: number = motionFrame.width, height: number = motionFrame.height): Uint8Array[] {
  const size = width * height;
  const frames: Uint8Array[] = [];
  for (let offset = 0; offset + size <= raw.length; offset += size) frames.push(raw.subarray(offset, offset + size));
  return frames;
}

/** Share (0–1) of cells whose grey level differs by more than the threshold. */
export function changedShare(a: Uint8Array, b: Uint8Array, threshold = cellThreshold): number {
  if (a.length !== b.length || a.length === 0) throw new Error('frames of different sizes');
  let changed = 0;
  for (let i = 0; i < a.length; i++) if (Math.abs(a[i]! - b[i]!) > threshold) changed++;
  return changed / a.length;
}

/**
 * The segment's score: the largest change between consecutive keyframes, the first compared with
 * the previous segment's last keyframe when there is one. Null when there is nothing to compare.
 */
export function motionScore(frames: readonly Uint8Array[], previousLast: Uint8Array | null = null): number | null {
  const sequence = previousLast && frames.length && previousLast.length === frames[0]!.length ? [previousLast, ...frames] : [...frames];
  if (sequence.length < 2) return null;
  let score = 0;
  for (let i = 1; i < sequence.length; i++) score = Math.max(score, changedShare(sequence[i - 1]!, sequence[i]!));
  return Math.round(score * 10_000) / 10_000;
}
