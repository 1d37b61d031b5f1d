import { boxAt, type Box, type RedactionSettings, type Track } from '../track.js';

/**
 * What to redact in one frame (pure; issue 9 item 3). Rectangles are in pixels, half-open
 * [x0, x1) × [y0, y1), clamped to the frame. Redaction always wins over keeping: a manual box or a
 * privacy mask inside a kept track is still redacted.
 *
 * - keep-only (the fail-safe default for a data subject's copy): the whole frame is redacted except
 *   the kept tracks' boxes. Kept boxes are rounded inwards and get neither margin nor hold — keeping
 *   more than was detected would show more than the requester.
 * - redact-detected: every track that is not kept is redacted, grown by the margin, rounded outwards
 *   and held `holdFrames` frames before its first and after its last observation.
 * - manual tracks are always redacted (margin and hold as above), in both modes.
 */
export interface PixelRect {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export interface FramePlan {
  /** keep-only: everything is redacted except `keep`. */
  readonly redactAll: boolean;
  readonly keep: readonly PixelRect[];
  /** Always redacted (over `keep` too). */
  readonly redact: readonly PixelRect[];
}

export interface FrameGeometry {
  readonly width: number;
  readonly height: number;
  /** Milliseconds per frame (1000 / fps): the unit of the hold. */
  readonly frameMs: number;
}

/** The box of a track at t with the hold applied: before its first / after its last box, that box for holdMs. */
export function heldBoxAt(track: Track, t: number, holdMs: number): Box | undefined {
  const boxes = track.boxes;
  if (boxes.length === 0) return undefined;
  const first = boxes[0]!;
  const last = boxes[boxes.length - 1]!;
  if (t < first.t) return first.t - t <= holdMs ? first : undefined;
  if (t > last.t) return t - last.t <= holdMs ? last : undefined;
  return boxAt(track, t);
}

/** Snaps values within 1e-6 of a whole pixel to it (0.3 × 100 is 30.000000000000004). */
const snap = (v: number): number => {
  const r = Math.round(v);
  return Math.abs(v - r) < 1e-6 ? r : v;
};

/** A normalised box grown by `margin` of its size on every side, rounded outwards to whole pixels. */
export function outwardRect(box: Box, margin: number, width: number, height: number): PixelRect | null {
  const mx = box.w * margin;
  const my = box.h * margin;
  const x0 = Math.max(0, Math.floor(snap((box.x - mx) * width)));
  const y0 = Math.max(0, Math.floor(snap((box.y - my) * height)));
  const x1 = Math.min(width, Math.ceil(snap((box.x + box.w + mx) * width)));
  const y1 = Math.min(height, Math.ceil(snap((box.y + box.h + my) * height)));
  return x1 > x0 && y1 > y0 ? { x0, y0, x1, y1 } : null;
}

/** A normalised box rounded inwards to whole pixels (only pixels wholly inside it). */
export function inwardRect(box: Box, width: number, height: number): PixelRect | null {
  const x0 = Math.max(0, Math.ceil(snap(box.x * width)));
  const y0 = Math.max(0, Math.ceil(snap(box.y * height)));
  const x1 = Math.min(width, Math.floor(snap((box.x + box.w) * width)));
  const y1 = Math.min(height, Math.floor(snap((box.y + box.h) * height)));
  return x1 > x0 && y1 > y0 ? { x0, y0, x1, y1 } : null;
}

export function planFrame(tracks: readonly Track[], settings: RedactionSettings, t: number, g: FrameGeometry): FramePlan {
  const keepIds = new Set(settings.keep);
  const holdMs = settings.holdFrames * g.frameMs;
  const keep: PixelRect[] = [];
  const redact: PixelRect[] = [];
  for (const track of tracks) {
    const kept = track.kind !== 'manual' && keepIds.has(track.id);
    if (kept) {
      if (settings.mode !== 'keep-only') continue;
      const box = boxAt(track, t);
      const rect = box && inwardRect(box, g.width, g.height);
      if (rect) keep.push(rect);
      continue;
    }
    if (settings.mode === 'keep-only' && track.kind !== 'manual') continue; // redacted with the whole frame
    const box = heldBoxAt(track, t, holdMs);
    const rect = box && outwardRect(box, settings.margin, g.width, g.height);
    if (rect) redact.push(rect);
  }
  return { redactAll: settings.mode === 'keep-only', keep, redact };
}
