import { iou } from '../../../src/redaction/detectors/detector.js';
import type { FramePlan } from '../../../src/redaction/render/frame-plan.js';
import { boxAt, type Box, type Track } from '../../../src/redaction/track.js';
import { summarise, type FrameScore } from '../metrics.js';
import type { LabelledPerson, PixelBox } from './labels.js';

/**
 * What the render covers of hand-labelled persons (pure; issue 9 item 5). The render's own frame
 * plan (src/redaction/render/frame-plan.ts: margin, hold, keep-only) is rasterised at the source
 * size; each labelled box's pixels are looked up in it. A person leaks in a frame when less than
 * `fullShare` (99 %) of its head (or, separately, its body) is redacted; a person leaks when any of
 * its labelled frames leaks — the leak rate per person id. The false-positive area is the share of
 * the frame redacted outside every labelled body.
 */

/** The redacted pixels of one frame plan: 1 = redacted. */
export function planMask(plan: FramePlan, width: number, height: number): Uint8Array {
  const mask = new Uint8Array(width * height).fill(plan.redactAll ? 1 : 0);
  const paint = (r: { x0: number; y0: number; x1: number; y1: number }, v: 0 | 1) => {
    for (let y = r.y0; y < r.y1; y++) mask.fill(v, y * width + r.x0, y * width + r.x1);
  };
  for (const r of plan.keep) paint(r, 0);
  for (const r of plan.redact) paint(r, 1);
  return mask;
}

/** Share of a pixel box's pixels that are redacted. */
export function boxShare(mask: Uint8Array, width: number, b: PixelBox): number {
  const [x0, y0, w, h] = b;
  let inside = 0;
  for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) inside += mask[y * width + x]!;
  return w * h === 0 ? 1 : inside / (w * h);
}

export interface PersonScore {
  id: string;
  /** null: no head visible in this frame. */
  head: number | null;
  body: number;
}

export interface LabelledFrameScore {
  persons: PersonScore[];
  falsePositiveShare: number;
}

/** Scores one frame's mask against its labelled persons; `skip` (the kept requester) is scored by nobody but still counts as body for the false positives. */
export function scoreMask(mask: Uint8Array, width: number, height: number, persons: readonly LabelledPerson[], skip?: ReadonlySet<string>): LabelledFrameScore {
  const bodies = new Uint8Array(width * height);
  const scores: PersonScore[] = [];
  for (const p of persons) {
    const [x0, y0, w, h] = p.body;
    for (let y = y0; y < y0 + h; y++) bodies.fill(1, y * width + x0, y * width + x0 + w);
    if (skip?.has(p.id)) continue;
    scores.push({ id: p.id, head: p.head ? boxShare(mask, width, p.head) : null, body: boxShare(mask, width, p.body) });
  }
  let outside = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i] && !bodies[i]) outside++;
  return { persons: scores, falsePositiveShare: outside / mask.length };
}

export interface RealSummary {
  /** Person ids with a visible head in some labelled frame / with any labelled frame. */
  headPersons: number;
  persons: number;
  /** Share of persons with at least one labelled frame where < 99 % of the head (body) is redacted. */
  headLeakRate: number;
  bodyLeakRate: number;
  /** Mean share of head (body) pixels redacted over all labelled person-frames. */
  headCoverage: number;
  bodyCoverage: number;
  /** Mean share of the frame redacted outside every labelled body. */
  falsePositiveArea: number;
  /** Ids that leak a head, for the report. */
  headLeaks: string[];
}

/** Summarises frames with metrics.ts' measures, once for heads and once for bodies. */
export function summariseReal(frames: readonly LabelledFrameScore[], fullShare = 0.99): RealSummary {
  const asFrameScores = (part: 'head' | 'body'): FrameScore[] => frames.map((f) => ({
    faceShares: new Map(f.persons.filter((p) => p[part] !== null).map((p) => [p.id, p[part]!])),
    falsePositiveShare: f.falsePositiveShare,
  }));
  const heads = summarise(asFrameScores('head'), fullShare);
  const bodies = summarise(asFrameScores('body'), fullShare);
  const headLeaks = new Set<string>();
  for (const f of frames) for (const p of f.persons) if (p.head !== null && p.head < fullShare) headLeaks.add(p.id);
  return {
    headPersons: heads.subjects, persons: bodies.subjects,
    headLeakRate: heads.leakRate, bodyLeakRate: bodies.leakRate,
    headCoverage: heads.faceCoverage, bodyCoverage: bodies.faceCoverage,
    falsePositiveArea: bodies.falsePositiveArea,
    headLeaks: [...headLeaks].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)) || a.localeCompare(b)),
  };
}

/**
 * The tracks an operator would mark as the requester in keep-only mode: every track that, at one
 * of the requester's labelled frames, overlaps their body with IoU ≥ `minIou` or lies for at least
 * `minInside` of its area inside it (a face track). May be none (the requester was never detected).
 */
export function requesterTracks(tracks: readonly Track[], appearances: readonly { t: number; body: Box }[], minIou = 0.3, minInside = 0.8): string[] {
  const ids = new Set<string>();
  for (const { t, body } of appearances) {
    for (const track of tracks) {
      const b = boxAt(track, t);
      if (!b) continue;
      const ix = Math.max(0, Math.min(b.x + b.w, body.x + body.w) - Math.max(b.x, body.x));
      const iy = Math.max(0, Math.min(b.y + b.h, body.y + body.h) - Math.max(b.y, body.y));
      const inside = b.w * b.h > 0 ? (ix * iy) / (b.w * b.h) : 0;
      if (iou(b, body) >= minIou || inside >= minInside) ids.add(track.id);
    }
  }
  return [...ids];
}
