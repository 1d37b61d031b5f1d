import { describe, expect, it } from 'vitest';
import { rasterizeMask } from '../../masks/polygon.js';
import type { FramePlan } from './frame-plan.js';
import { emptyMask, maskToSpans, RowSpanner } from './row-spans.js';
import { fillColour, FrameRedactor, pixelBlockSize, yuv420pSize } from './yuv-redact.js';

const W = 16;
const H = 8;
const plan = (p: Partial<FramePlan>): FramePlan => ({ redactAll: false, keep: [], redact: [], ...p });
/** A frame whose luma is a gradient (x + 16·y) and chroma 60 / 200, so every pixel differs from the fill. */
function frame(w = W, h = H): Uint8Array {
  const f = new Uint8Array(yuv420pSize(w, h));
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) f[y * w + x] = 32 + ((x + 16 * y) % 200);
  const c = ((w + 1) >> 1) * ((h + 1) >> 1);
  f.fill(60, w * h, w * h + c);
  f.fill(200, w * h + c);
  return f;
}
const lumaRows = (f: Uint8Array, w = W, h = H) => Array.from({ length: h }, (_, y) => Array.from(f.subarray(y * w, y * w + w)));
const redactedMap = (before: Uint8Array, after: Uint8Array) => lumaRows(after).map((row, y) => row.map((v, x) => (v === before[y * W + x] ? '.' : '#')).join(''));

describe('RowSpanner: the redacted spans of a row', () => {
  const mask = maskToSpans(rasterizeMask([[{ x: 0, y: 0 }, { x: 0.25, y: 0 }, { x: 0.25, y: 1 }, { x: 0, y: 1 }]], W, H), W, H);
  it.each([
    { name: 'nothing', p: plan({}), m: emptyMask(W, H), y: 0, want: [] },
    { name: 'whole row', p: plan({ redactAll: true }), m: emptyMask(W, H), y: 3, want: [0, 16] },
    { name: 'whole row minus two kept boxes', p: plan({ redactAll: true, keep: [{ x0: 10, y0: 0, x1: 12, y1: 4 }, { x0: 2, y0: 2, x1: 5, y1: 8 }] }), m: emptyMask(W, H), y: 3, want: [0, 2, 5, 10, 12, 16] },
    { name: 'a redact box over a kept box wins', p: plan({ redactAll: true, keep: [{ x0: 2, y0: 0, x1: 12, y1: 8 }], redact: [{ x0: 4, y0: 0, x1: 6, y1: 8 }] }), m: emptyMask(W, H), y: 0, want: [0, 2, 4, 6, 12, 16] },
    { name: 'overlapping boxes merge', p: plan({ redact: [{ x0: 4, y0: 0, x1: 8, y1: 8 }, { x0: 6, y0: 0, x1: 10, y1: 8 }, { x0: 12, y0: 0, x1: 13, y1: 1 }] }), m: emptyMask(W, H), y: 5, want: [4, 10] },
    { name: 'the privacy mask is always redacted', p: plan({}), m: mask, y: 5, want: [0, 4] },
    { name: 'mask inside a kept box', p: plan({ redactAll: true, keep: [{ x0: 0, y0: 0, x1: 16, y1: 8 }] }), m: mask, y: 7, want: [0, 4] },
  ])('$name', ({ p, m, y, want }) => {
    const s = new RowSpanner(W, m);
    const n = s.row(p, y);
    expect(Array.from(s.out.subarray(0, 2 * n))).toEqual(want);
  });
});

describe('FrameRedactor.fill', () => {
  it('keep-only paints everything but the kept box, luma and chroma, in place', () => {
    const before = frame();
    const f = frame();
    new FrameRedactor(W, H, emptyMask(W, H)).apply(f, plan({ redactAll: true, keep: [{ x0: 4, y0: 2, x1: 8, y1: 6 }] }), 'fill');
    expect(redactedMap(before, f)).toEqual([
      '################',
      '################',
      '####....########',
      '####....########',
      '####....########',
      '####....########',
      '################',
      '################',
    ]);
    expect(f[0]).toBe(fillColour.y);
    // Chroma (8×4): the kept box's 2×2 chroma block stays, everything else is neutral.
    const u = Array.from(f.subarray(W * H, W * H + 32));
    expect(u.filter((v) => v === 60).length).toBe(4);
    expect(u.filter((v) => v === fillColour.u).length).toBe(28);
  });

  it('an odd box edge redacts the chroma sample it touches (rounded outwards)', () => {
    const f = frame();
    new FrameRedactor(W, H, emptyMask(W, H)).apply(f, plan({ redact: [{ x0: 3, y0: 1, x1: 5, y1: 2 }] }), 'fill');
    const u = Array.from(f.subarray(W * H, W * H + 8));
    expect(u).toEqual([60, 128, 128, 60, 60, 60, 60, 60]);
  });

  it('nothing to redact leaves the frame untouched', () => {
    const f = frame();
    new FrameRedactor(W, H, emptyMask(W, H)).apply(f, plan({}), 'fill');
    expect(f).toEqual(frame());
  });
});

describe('FrameRedactor.pixelate', () => {
  it.each([
    { width: 16, block: 8 },
    { width: 640, block: 16 },
    { width: 1280, block: 32 },
    { width: 1920, block: 48 },
    { width: 1000, block: 26 },
  ])('block size for width $width is $block (≥ 1/40 of the width, even)', ({ width, block }) => {
    expect(pixelBlockSize(width)).toBe(block);
    expect(block).toBeGreaterThanOrEqual(width / 40);
  });

  it('replaces each redacted pixel by its whole block average and keeps the rest', () => {
    const w = 32;
    const h = 16;
    const before = frame(w, h);
    const f = frame(w, h);
    new FrameRedactor(w, h, emptyMask(w, h)).apply(f, plan({ redact: [{ x0: 0, y0: 0, x1: 12, y1: 8 }] }), 'pixelate');
    const rows = lumaRows(f, w, h);
    const avg = (x0: number) => {
      let s = 0;
      for (let y = 0; y < 8; y++) for (let x = x0; x < x0 + 8; x++) s += before[y * w + x]!;
      return Math.round(s / 64);
    };
    for (let y = 0; y < 8; y++) {
      expect(rows[y]!.slice(0, 8)).toEqual(Array(8).fill(avg(0)));
      expect(rows[y]!.slice(8, 12)).toEqual(Array(4).fill(avg(8)));
      expect(rows[y]!.slice(12)).toEqual(Array.from(before.subarray(y * w + 12, y * w + w)));
    }
    for (let y = 8; y < h; y++) expect(rows[y]).toEqual(Array.from(before.subarray(y * w, y * w + w)));
  });
});
