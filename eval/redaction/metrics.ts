import type { Box } from '../../src/redaction/track.js';

/**
 * Redaction quality measures (issue 9 item 5), pure. Per analysed frame the redacted area is the
 * union of every track's box (grown by `margin` on each side, as the render does) rasterised at
 * the frame's size. For each labelled subject:
 *  - face coverage: the share of its face's pixels inside the redacted area;
 *  - a frame leaks when that share is below `fullShare` (a sliver of a face is not a face, rounding is);
 *  - a subject leaks when any of its frames leaks (the leak rate per track);
 * and per frame the false-positive area is the share of the frame redacted outside every subject's
 * body box.
 */
export interface SubjectFrame {
  subject: string;
  face: Box;
  body: Box;
}

export interface FrameScore {
  faceShares: Map<string, number>;
  falsePositiveShare: number;
}

export function grow(b: Box, margin: number): Box {
  return { x: b.x - b.w * margin, y: b.y - b.h * margin, w: b.w * (1 + 2 * margin), h: b.h * (1 + 2 * margin) };
}

/** Float noise (0.55 × 100 = 55.00000000000001) must not grow a box by a pixel. */
const eps = 1e-6;

/** Pixel rectangle [x0, x1) × [y0, y1) a normalised box covers at width × height, conservatively (any touched pixel). */
export function pixelRect(b: Box, width: number, height: number): { x0: number; y0: number; x1: number; y1: number } {
  return {
    x0: Math.max(0, Math.floor(b.x * width + eps)), y0: Math.max(0, Math.floor(b.y * height + eps)),
    x1: Math.min(width, Math.ceil((b.x + b.w) * width - eps)), y1: Math.min(height, Math.ceil((b.y + b.h) * height - eps)),
  };
}

/** Pixel rectangle of the pixels whose centres lie inside the box (what a label really covers). */
function innerRect(b: Box, width: number, height: number) {
  return {
    x0: Math.max(0, Math.round(b.x * width)), y0: Math.max(0, Math.round(b.y * height)),
    x1: Math.min(width, Math.round((b.x + b.w) * width)), y1: Math.min(height, Math.round((b.y + b.h) * height)),
  };
}

export function scoreFrame(redacted: readonly Box[], subjects: readonly SubjectFrame[], width: number, height: number, margin: number): FrameScore {
  const mask = new Uint8Array(width * height);
  for (const box of redacted) {
    const r = pixelRect(grow(box, margin), width, height);
    for (let y = r.y0; y < r.y1; y++) mask.fill(1, y * width + r.x0, y * width + r.x1);
  }
  const faceShares = new Map<string, number>();
  const bodies = new Uint8Array(width * height);
  for (const s of subjects) {
    const f = innerRect(s.face, width, height);
    let inside = 0;
    let all = 0;
    for (let y = f.y0; y < f.y1; y++) for (let x = f.x0; x < f.x1; x++) { all++; inside += mask[y * width + x]!; }
    faceShares.set(s.subject, all === 0 ? 1 : inside / all);
    const b = pixelRect(s.body, width, height);
    for (let y = b.y0; y < b.y1; y++) bodies.fill(1, y * width + b.x0, y * width + b.x1);
  }
  let outside = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i] && !bodies[i]) outside++;
  return { faceShares, falsePositiveShare: outside / mask.length };
}

export interface Summary {
  subjects: number;
  /** Share of subjects with at least one frame whose face was not fully covered. */
  leakRate: number;
  /** Mean share of face pixels covered, over all subject-frames. */
  faceCoverage: number;
  /** Mean share of the frame redacted outside every subject's body. */
  falsePositiveArea: number;
}

export function summarise(frames: readonly FrameScore[], fullShare = 0.99): Summary {
  const leaked = new Map<string, boolean>();
  let shareSum = 0;
  let shareCount = 0;
  let fp = 0;
  for (const frame of frames) {
    fp += frame.falsePositiveShare;
    for (const [subject, share] of frame.faceShares) {
      shareSum += share;
      shareCount++;
      leaked.set(subject, (leaked.get(subject) ?? false) || share < fullShare);
    }
  }
  const subjects = leaked.size;
  return {
    subjects,
    leakRate: subjects === 0 ? 0 : [...leaked.values()].filter(Boolean).length / subjects,
    faceCoverage: shareCount === 0 ? 1 : shareSum / shareCount,
    falsePositiveArea: frames.length === 0 ? 0 : fp / frames.length,
  };
}
