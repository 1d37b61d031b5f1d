import type { Box, TrackKind } from '../track.js';

/**
 * A video frame handed to detectors: `channels` 3 = packed RGB24, 1 = 8-bit grey. Rows top-down,
 * no padding. Analysis decodes at reduced resolution (see analysis/decode-args.ts).
 */
export interface Frame {
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3;
  readonly data: Uint8Array;
  /** Time of the frame in ms from the clip's start, when known (detectors that run on a subset of frames use it). */
  readonly t?: number;
}

/** One detection: a box in normalised image coordinates (0..1 from the top-left), a score 0..1 and what it is. */
export interface Detection {
  readonly box: Box;
  readonly score: number;
  readonly kind: Exclude<TrackKind, 'manual'>;
}

/**
 * Frame in, boxes out. Detectors may keep state between frames of one clip (a background model);
 * `reset()` forgets it before the next clip. Several detectors can be combined (combined.ts).
 */
export interface Detector {
  readonly name: string;
  detect(frame: Frame): Promise<readonly Detection[]>;
  reset?(): void;
  close?(): Promise<void>;
}

/** Intersection over union of two boxes (0 when they do not overlap). */
export function iou(a: Box, b: Box): number {
  const x1 = Math.max(a.x, b.x);
  const y1 = Math.max(a.y, b.y);
  const x2 = Math.min(a.x + a.w, b.x + b.w);
  const y2 = Math.min(a.y + a.h, b.y + b.h);
  const inter = Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
  const union = a.w * a.h + b.w * b.h - inter;
  return union > 0 ? inter / union : 0;
}

/** Greedy non-maximum suppression: highest score first, drop boxes overlapping a kept one by more than `threshold`. */
export function nonMaxSuppression<T extends { box: Box; score: number }>(items: readonly T[], threshold: number): T[] {
  const kept: T[] = [];
  for (const item of [...items].sort((p, q) => q.score - p.score)) {
    if (kept.every((k) => iou(k.box, item.box) <= threshold)) kept.push(item);
  }
  return kept;
}

/** Clamps a box to the frame (0..1); returns null when nothing of it is left. */
export function clampBox(b: Box): Box | null {
  const x = Math.max(0, b.x);
  const y = Math.max(0, b.y);
  const w = Math.min(1, b.x + b.w) - x;
  const h = Math.min(1, b.y + b.h) - y;
  return w > 0 && h > 0 ? { x, y, w, h } : null;
}
