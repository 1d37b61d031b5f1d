/**
 * The contract between redaction analysis (detect + track) and redaction review/render (issue 9).
 * Boxes are in normalised image coordinates (0..1 from the top-left) so analysis at reduced
 * resolution and rendering at full resolution share them. Times are milliseconds from the start
 * of the analysed clip (the clip is one camera × one time window of a case).
 */
export type TrackKind = 'person' | 'face' | 'manual';

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** One observation of a track: a detected box, or one the tracker interpolated between detections. */
export interface TrackBox extends Box {
  /** Milliseconds from the start of the clip. */
  readonly t: number;
  /** Detector confidence 0..1; interpolated and manual keyframe boxes carry the score they were made from (manual: 1). */
  readonly score: number;
  readonly interpolated: boolean;
}

export interface Track {
  /** Stable within one analysis, e.g. "t12"; manual tracks "m3". */
  readonly id: string;
  readonly kind: TrackKind;
  /** Ordered by t; between two boxes the box is linearly interpolated, outside [first.t, last.t] the track is absent. */
  readonly boxes: readonly TrackBox[];
  /** Storage key of a small JPEG of the track's best box, when one was made. */
  readonly thumbnail?: string;
}

/** keep-only: everything except the kept tracks is redacted (whole frame). redact-detected: every track except the kept ones is redacted. */
export type RedactionMode = 'keep-only' | 'redact-detected';

export type RedactionStyle = 'fill' | 'pixelate';

export interface RedactionSettings {
  readonly mode: RedactionMode;
  readonly style: RedactionStyle;
  /** Track ids the operator marked as the requester (kept visible). */
  readonly keep: readonly string[];
  /** Extra margin around each box, as a share of its width/height (e.g. 0.15). */
  readonly margin: number;
  /** Hold each box this many frames before its first and after its last observation. */
  readonly holdFrames: number;
}

/** The box of a track at time t (ms), linearly interpolated; undefined where the track is absent. */
export function boxAt(track: Track, t: number): Box | undefined {
  const boxes = track.boxes;
  if (boxes.length === 0 || t < boxes[0]!.t || t > boxes[boxes.length - 1]!.t) return undefined;
  let lo = 0;
  let hi = boxes.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (boxes[mid]!.t <= t) lo = mid;
    else hi = mid;
  }
  const a = boxes[lo]!;
  const b = boxes[hi]!;
  if (b.t === a.t || t <= a.t) return a;
  if (t >= b.t) return b;
  const f = (t - a.t) / (b.t - a.t);
  return { x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f, w: a.w + (b.w - a.w) * f, h: a.h + (b.h - a.h) * f };
}
