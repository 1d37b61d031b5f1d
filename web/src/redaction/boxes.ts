import type { Box, Keyframe, ManualBox, TrackSummary } from './api';

/** Pure helpers of the review screen (tested in boxes.test.ts). Boxes are normalised (0..1). */

/** A track's box at t (ms), linearly interpolated; null where the track is absent (as the server's boxAt). */
export function trackBoxAt(track: Pick<TrackSummary, 'boxes'>, t: number): Box | null {
  const boxes = track.boxes;
  if (boxes.length === 0 || t < boxes[0]!.t || t > boxes[boxes.length - 1]!.t) return null;
  let i = 0;
  while (i + 1 < boxes.length && boxes[i + 1]!.t <= t) i++;
  const a = boxes[i]!;
  const b = boxes[Math.min(i + 1, boxes.length - 1)]!;
  if (b.t === a.t) return a;
  const f = (t - a.t) / (b.t - a.t);
  return { x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f, w: a.w + (b.w - a.w) * f, h: a.h + (b.h - a.h) * f };
}

/** A manual box at t: interpolated between keyframes and held before the first and after the last (as the render does). */
export function manualBoxAt(m: Pick<ManualBox, 'keyframes'>, t: number): Box | null {
  const keys = [...m.keyframes].sort((a, b) => a.t - b.t);
  if (keys.length === 0) return null;
  if (t <= keys[0]!.t) return keys[0]!;
  if (t >= keys[keys.length - 1]!.t) return keys[keys.length - 1]!;
  return trackBoxAt({ boxes: keys.map((k) => ({ ...k, score: 1, interpolated: false })) }, t);
}

/** The rectangle between two points dragged on the image (normalised, clamped to the frame); null when too small. */
export function dragBox(a: { x: number; y: number }, b: { x: number; y: number }, min = 0.01): Box | null {
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  const x0 = clamp(Math.min(a.x, b.x));
  const y0 = clamp(Math.min(a.y, b.y));
  const x1 = clamp(Math.max(a.x, b.x));
  const y1 = clamp(Math.max(a.y, b.y));
  if (x1 - x0 < min || y1 - y0 < min) return null;
  const r = (v: number) => Math.round(v * 10_000) / 10_000;
  return { x: r(x0), y: r(y0), w: r(x1 - x0), h: r(y1 - y0) };
}

/** Sets (or replaces) the keyframe of a manual box at t, keeping keyframes in time order. */
export function withKeyframe(m: ManualBox, t: number, box: Box): ManualBox {
  const k: Keyframe = { t: Math.round(t), ...box };
  return { ...m, keyframes: [...m.keyframes.filter((x) => x.t !== k.t), k].sort((a, b) => a.t - b.t) };
}

/** The next free manual id: m1, m2, … */
export function nextManualId(manual: readonly ManualBox[]): string {
  const used = new Set(manual.map((m) => m.id));
  let n = 1;
  while (used.has(`m${n}`)) n++;
  return `m${n}`;
}

/** 83 500 ms → "1:23.5" */
export function clipTime(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  const m = Math.floor(s / 60);
  return `${m}:${(s - m * 60).toFixed(1).padStart(4, '0')}`;
}
