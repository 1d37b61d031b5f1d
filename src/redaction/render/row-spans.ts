import type { FramePlan } from './frame-plan.js';

/**
 * Per-row spans of redacted pixels (pure). A frame's redaction is a handful of rectangles plus the
 * camera's static privacy mask, so each row is a short sorted list of [x0, x1) spans: the pixel
 * loops then work on spans (native fills) instead of testing every pixel. Scratch arrays are reused
 * from row to row and frame to frame; nothing is allocated per pixel.
 */

/** A static mask (1 = masked) as per-row spans: row y's spans are data[rowStart[y] .. rowStart[y+1]) in pairs. */
export interface MaskSpans {
  readonly width: number;
  readonly height: number;
  readonly rowStart: Int32Array;
  readonly data: Int32Array;
}

export function maskToSpans(mask: Uint8Array, width: number, height: number): MaskSpans {
  if (mask.length !== width * height) throw new Error('mask size does not match the frame');
  const rowStart = new Int32Array(height + 1);
  const pairs: number[] = [];
  for (let y = 0; y < height; y++) {
    rowStart[y] = pairs.length;
    const row = y * width;
    let x = 0;
    while (x < width) {
      if (mask[row + x] === 0) {
        x++;
        continue;
      }
      const from = x;
      while (x < width && mask[row + x] !== 0) x++;
      pairs.push(from, x);
    }
  }
  rowStart[height] = pairs.length;
  return { width, height, rowStart, data: Int32Array.from(pairs) };
}

export const emptyMask = (width: number, height: number): MaskSpans => ({ width, height, rowStart: new Int32Array(height + 1), data: new Int32Array(0) });

export class RowSpanner {
  private scratch: Int32Array = new Int32Array(64);
  /** The merged spans of the last computed row, pairs [x0, x1) sorted by x0, `count` of them. */
  out: Int32Array = new Int32Array(64);
  count = 0;

  constructor(
    private readonly width: number,
    private readonly mask: MaskSpans,
  ) {
    if (mask.width !== width) throw new Error('mask width does not match the frame');
  }

  /** Computes the redacted spans of row y into `out`; returns their count. */
  row(plan: FramePlan, y: number): number {
    let n = 0;
    if (plan.redactAll) {
      // The complement of the kept rectangles on this row (kept pairs gathered in `out`, free until the merge).
      let k = 0;
      for (const r of plan.keep) {
        if (y >= r.y0 && y < r.y1) {
          if (this.out.length < 2 * (k + 1)) this.out = grow(this.out, 2 * (k + 1));
          this.out[2 * k] = r.x0;
          this.out[2 * k + 1] = r.x1;
          k++;
        }
      }
      sortPairs(this.out, k);
      let cursor = 0;
      for (let i = 0; i < k; i++) {
        const a = this.out[2 * i]!;
        const b = this.out[2 * i + 1]!;
        if (a > cursor) {
          this.ensure(2 * (n + 1));
          this.scratch[2 * n] = cursor;
          this.scratch[2 * n + 1] = a;
          n++;
        }
        cursor = Math.max(cursor, b);
      }
      if (cursor < this.width) {
        this.ensure(2 * (n + 1));
        this.scratch[2 * n] = cursor;
        this.scratch[2 * n + 1] = this.width;
        n++;
      }
    }
    for (const r of plan.redact) {
      if (y >= r.y0 && y < r.y1) {
        this.ensure(2 * (n + 1));
        this.scratch[2 * n] = r.x0;
        this.scratch[2 * n + 1] = r.x1;
        n++;
      }
    }
    const from = this.mask.rowStart[y]!;
    const to = this.mask.rowStart[y + 1]!;
    if (to > from) {
      this.ensure(2 * n + (to - from));
      for (let i = from; i < to; i++) this.scratch[2 * n + (i - from)] = this.mask.data[i]!;
      n += (to - from) / 2;
    }
    sortPairs(this.scratch, n);
    // Merge overlapping and touching spans.
    if (this.out.length < 2 * n) this.out = grow(this.out, 2 * n);
    let m = 0;
    for (let i = 0; i < n; i++) {
      const a = this.scratch[2 * i]!;
      const b = this.scratch[2 * i + 1]!;
      if (m > 0 && a <= this.out[2 * m - 1]!) {
        if (b > this.out[2 * m - 1]!) this.out[2 * m - 1] = b;
      } else {
        this.out[2 * m] = a;
        this.out[2 * m + 1] = b;
        m++;
      }
    }
    this.count = m;
    return m;
  }

  private ensure(length: number): void {
    if (this.scratch.length < length) this.scratch = grow(this.scratch, length);
  }
}

function grow(array: Int32Array, length: number): Int32Array {
  const next = new Int32Array(Math.max(length, array.length * 2));
  next.set(array);
  return next;
}

/** Insertion sort of n [a, b) pairs by a (n is small: a few boxes and mask edges per row). */
function sortPairs(pairs: Int32Array, n: number): void {
  for (let i = 1; i < n; i++) {
    const a = pairs[2 * i]!;
    const b = pairs[2 * i + 1]!;
    let j = i - 1;
    while (j >= 0 && pairs[2 * j]! > a) {
      pairs[2 * j + 2] = pairs[2 * j]!;
      pairs[2 * j + 3] = pairs[2 * j + 1]!;
      j--;
    }
    pairs[2 * j + 2] = a;
    pairs[2 * j + 3] = b;
  }
}
