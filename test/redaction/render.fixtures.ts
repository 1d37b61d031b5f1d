import { spawnSync } from 'node:child_process';
import type { Track } from '../../src/redaction/track.js';
import { ffmpegPath } from '../recording/media.js';

/**
 * A generated clip with two moving shapes (ffmpeg lavfi; never a committed binary) and the exact
 * tracks of both shapes, for render tests: shape A (red, "the requester") moves right 2 px per
 * frame, shape B (green, "a third party") moves left 2 px per frame. Positions are whole pixels per
 * frame, so the tracks' two end boxes interpolate exactly.
 */
export interface ShapesClip {
  width: number;
  height: number;
  fps: number;
  seconds: number;
  /** 'flat' is a plain blue-grey background; 'texture' is ffmpeg's testsrc pattern with noise (fine detail, for pixelation checks). */
  background: 'flat' | 'texture';
}

export interface ShapeGeometry {
  w: number;
  h: number;
  y: number;
  x: (frame: number) => number;
}

export function shapes(c: ShapesClip): { a: ShapeGeometry; b: ShapeGeometry } {
  const aw = Math.round(c.width * 0.15);
  const bw = Math.round(c.width * 0.12);
  return {
    a: { w: aw, h: Math.round(c.height * 0.4), y: Math.round(c.height * 0.3), x: (n) => Math.round(c.width * 0.05) + 2 * n },
    b: { w: bw, h: Math.round(c.height * 0.3), y: Math.round(c.height * 0.55), x: (n) => Math.round(c.width * 0.8) - 2 * n },
  };
}

/** Writes the clip as an MP4 (H.264, like the recorder's footage) to `file`. */
export function makeShapesClip(file: string, c: ShapesClip): void {
  const { a, b } = shapes(c);
  const bg = c.background === 'flat' ? `color=c=0x5a7a9a:s=${c.width}x${c.height}:r=${c.fps}:d=${c.seconds}` : `testsrc=s=${c.width}x${c.height}:r=${c.fps}:d=${c.seconds},noise=alls=40:allf=t+u`;
  const graph = [
    `${bg}[bg]`,
    `color=c=0xd02020:s=${a.w}x${a.h}:r=${c.fps}:d=${c.seconds}[a]`,
    `color=c=0x20c040:s=${b.w}x${b.h}:r=${c.fps}:d=${c.seconds}[b]`,
    `[bg][a]overlay=x=${a.x(0)}+2*n:y=${a.y}:eof_action=pass[ba]`,
    `[ba][b]overlay=x=${b.x(0)}-2*n:y=${b.y}:eof_action=pass`,
  ].join(';');
  const r = spawnSync(ffmpegPath(), ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', graph, '-t', String(c.seconds), '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-g', String(c.fps * 2), '-pix_fmt', 'yuv420p', '-movflags', '+faststart', '-y', file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ffmpeg failed: ${r.stderr}`);
}

/** The shapes' tracks as an analysis would report them: two boxes (first and last frame), interpolated between. */
export function shapeTracks(c: ShapesClip): Track[] {
  const { a, b } = shapes(c);
  const last = c.seconds * c.fps - 1;
  const frameMs = 1000 / c.fps;
  const track = (id: string, s: ShapeGeometry): Track => ({
    id, kind: 'person',
    boxes: [0, last].map((n) => ({ t: n * frameMs, x: s.x(n) / c.width, y: s.y / c.height, w: s.w / c.width, h: s.h / c.height, score: 0.9, interpolated: false })),
  });
  return [track('t1', a), track('t2', b)];
}

/** Decodes an MP4 to grey (luma) frames. */
export function decodeLuma(file: string, width: number, height: number): Uint8Array[] {
  const r = spawnSync(ffmpegPath(), ['-hide_banner', '-loglevel', 'error', '-i', file, '-vsync', 'passthrough', '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1'], { maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`ffmpeg decode failed: ${r.stderr.toString()}`);
  const size = width * height;
  const frames: Uint8Array[] = [];
  for (let o = 0; o + size <= r.stdout.length; o += size) frames.push(new Uint8Array(r.stdout.buffer, r.stdout.byteOffset + o, size));
  return frames;
}

export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** PSNR (dB) of two luma frames inside a rectangle. */
export function psnrIn(a: Uint8Array, b: Uint8Array, width: number, r: Rect): number {
  let se = 0;
  let n = 0;
  for (let y = r.y0; y < r.y1; y++) {
    for (let x = r.x0; x < r.x1; x++) {
      const d = a[y * width + x]! - b[y * width + x]!;
      se += d * d;
      n++;
    }
  }
  return se === 0 ? Infinity : 10 * Math.log10((255 * 255) / (se / n));
}

/** Share of luma pixels outside a rectangle that differ by more than `threshold`. */
export function differingOutside(a: Uint8Array, b: Uint8Array, width: number, height: number, r: Rect, threshold: number): number {
  let differ = 0;
  let n = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (x >= r.x0 && x < r.x1 && y >= r.y0 && y < r.y1) continue;
      n++;
      if (Math.abs(a[y * width + x]! - b[y * width + x]!) > threshold) differ++;
    }
  }
  return differ / n;
}
