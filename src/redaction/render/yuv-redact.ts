import type { RedactionStyle } from '../track.js';
import type { FramePlan } from './frame-plan.js';
import { RowSpanner, type MaskSpans } from './row-spans.js';

/**
 * Applies a frame plan to one yuv420p frame, in place (issue 9 item 3). Fill paints the redacted
 * pixels black (Y 16, U/V 128); pixelate replaces them by the average of their block on a grid fixed
 * to the frame, blocks at least 1/40 of the frame width (48 px at 1080p: coarse, not a blur, and no
 * block's detail survives). Chroma is 2×2 subsampled: a chroma sample touched by any redacted luma
 * pixel is redacted too (rounded outwards). Work is per span with native fills; the only per-pixel
 * loop is the block sum for pixelation. Scratch buffers live in the redactor and are reused.
 */
export const fillColour = { y: 16, u: 128, v: 128 } as const;

/** The pixelation block: at least 1/40 of the width, even (so chroma blocks align), at least 8. */
export function pixelBlockSize(width: number): number {
  const b = Math.max(8, Math.ceil(width / 40));
  return b + (b % 2);
}

export function yuv420pSize(width: number, height: number): number {
  return width * height + 2 * ((width + 1) >> 1) * ((height + 1) >> 1);
}

export class FrameRedactor {
  private readonly spanner: RowSpanner;
  private readonly cw: number;
  private readonly ch: number;
  private readonly uOff: number;
  private readonly vOff: number;
  readonly block: number;
  private readonly cols: number;
  private readonly touched: Uint8Array;
  private readonly avgY: Uint8Array;
  private readonly avgU: Uint8Array;
  private readonly avgV: Uint8Array;
  /** The spans of the current band of rows (pixelate), pairs per row from bandStart[row]. */
  private band: Int32Array = new Int32Array(1024);
  private readonly bandStart: Int32Array;
  private readonly maskEmpty: boolean;

  constructor(
    readonly width: number,
    readonly height: number,
    mask: MaskSpans,
  ) {
    if (mask.height !== height) throw new Error('mask height does not match the frame');
    this.spanner = new RowSpanner(width, mask);
    this.maskEmpty = mask.data.length === 0;
    this.cw = (width + 1) >> 1;
    this.ch = (height + 1) >> 1;
    this.uOff = width * height;
    this.vOff = this.uOff + this.cw * this.ch;
    this.block = pixelBlockSize(width);
    this.cols = Math.ceil(width / this.block);
    this.touched = new Uint8Array(this.cols);
    this.avgY = new Uint8Array(this.cols);
    this.avgU = new Uint8Array(this.cols);
    this.avgV = new Uint8Array(this.cols);
    this.bandStart = new Int32Array(this.block + 1);
  }

  apply(frame: Uint8Array, plan: FramePlan, style: RedactionStyle): void {
    if (frame.length < yuv420pSize(this.width, this.height)) throw new Error('frame buffer too small');
    if (!plan.redactAll && plan.redact.length === 0 && this.maskEmpty) return;
    if (style === 'fill') this.fill(frame, plan);
    else this.pixelate(frame, plan);
  }

  private fill(frame: Uint8Array, plan: FramePlan): void {
    const { width, cw, uOff, vOff } = this;
    for (let y = 0; y < this.height; y++) {
      const n = this.spanner.row(plan, y);
      const spans = this.spanner.out;
      const row = y * width;
      const crow = (y >> 1) * cw;
      for (let i = 0; i < n; i++) {
        const a = spans[2 * i]!;
        const b = spans[2 * i + 1]!;
        frame.fill(fillColour.y, row + a, row + b);
        frame.fill(fillColour.u, uOff + crow + (a >> 1), uOff + crow + ((b + 1) >> 1));
        frame.fill(fillColour.v, vOff + crow + (a >> 1), vOff + crow + ((b + 1) >> 1));
      }
    }
  }

  private pixelate(frame: Uint8Array, plan: FramePlan): void {
    const { width, height, cw, ch, uOff, vOff, block: B, cols } = this;
    const CB = B >> 1;
    for (let y0 = 0; y0 < height; y0 += B) {
      const y1 = Math.min(height, y0 + B);
      // Pass 1: the band's spans, and which blocks they touch.
      this.touched.fill(0);
      let used = 0;
      for (let y = y0; y < y1; y++) {
        this.bandStart[y - y0] = used;
        const n = this.spanner.row(plan, y);
        if (this.band.length < used + 2 * n) {
          const next = new Int32Array(Math.max(this.band.length * 2, used + 2 * n));
          next.set(this.band);
          this.band = next;
        }
        const spans = this.spanner.out;
        for (let i = 0; i < 2 * n; i += 2) {
          const a = spans[i]!;
          const b = spans[i + 1]!;
          this.band[used++] = a;
          this.band[used++] = b;
          for (let c = (a / B) | 0, last = ((b - 1) / B) | 0; c <= last; c++) this.touched[c] = 1;
        }
      }
      this.bandStart[y1 - y0] = used;
      if (used === 0) continue;
      // The touched blocks' averages (luma over the block, chroma over its 2×2-subsampled block).
      const cy0 = y0 >> 1;
      const cy1 = Math.min(ch, (y1 + 1) >> 1);
      for (let c = 0; c < cols; c++) {
        if (this.touched[c] === 0) continue;
        const x0 = c * B;
        const x1 = Math.min(width, x0 + B);
        let sum = 0;
        for (let y = y0; y < y1; y++) {
          for (let p = y * width + x0, end = y * width + x1; p < end; p++) sum += frame[p]!;
        }
        this.avgY[c] = Math.round(sum / ((y1 - y0) * (x1 - x0)));
        const cx0 = c * CB;
        const cx1 = Math.min(cw, cx0 + CB);
        let su = 0;
        let sv = 0;
        for (let y = cy0; y < cy1; y++) {
          for (let p = y * cw + cx0, end = y * cw + cx1; p < end; p++) {
            su += frame[uOff + p]!;
            sv += frame[vOff + p]!;
          }
        }
        const count = (cy1 - cy0) * (cx1 - cx0);
        this.avgU[c] = Math.round(su / count);
        this.avgV[c] = Math.round(sv / count);
      }
      // Pass 2: write the averages over the spans, block by block.
      for (let y = y0; y < y1; y++) {
        const row = y * width;
        const crow = (y >> 1) * cw;
        for (let i = this.bandStart[y - y0]!, end = this.bandStart[y - y0 + 1]!; i < end; i += 2) {
          const a = this.band[i]!;
          const b = this.band[i + 1]!;
          for (let x = a; x < b; ) {
            const c = (x / B) | 0;
            const next = Math.min(b, (c + 1) * B);
            frame.fill(this.avgY[c]!, row + x, row + next);
            x = next;
          }
          const ca = a >> 1;
          const cb = (b + 1) >> 1;
          for (let x = ca; x < cb; ) {
            const c = (x / CB) | 0;
            const next = Math.min(cb, (c + 1) * CB);
            frame.fill(this.avgU[c]!, uOff + crow + x, uOff + crow + next);
            frame.fill(this.avgV[c]!, vOff + crow + x, vOff + crow + next);
            x = next;
          }
        }
      }
    }
  }
}
