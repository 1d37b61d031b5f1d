import type { Box } from '../../src/redaction/track.js';

/**
 * Synthetic CCTV-like frames for the evaluation sweep (always labelled synthetic): a still hall
 * (gradient wall, floor, door, window), sensor noise on every frame, a swaying plant (a distractor
 * for motion detection), and subjects composited at known boxes. A subject is a real face crop
 * (eval photos) on a figure: 'person' = whole body (face ≈ 14 % of the body's height) walking in
 * from outside the frame; 'face' = head and shoulders drifting slowly (close to the camera).
 * Frames are made directly at the analysed resolution: sizes are given in pixels of a 1920×1080
 * source and scaled, as decoding at reduced resolution would (area resampling of the face crop).
 */
export interface Rgb {
  width: number;
  height: number;
  data: Uint8Array;
}

export interface Subject {
  id: string;
  face: Rgb;
  /** Height of the face (sweep 'face') or of the whole body (sweep 'person') in 1080p pixels. */
  size: number;
  kind: 'face' | 'person';
  /** Lane 0..3: where in the frame it moves. */
  lane: number;
  colour: [number, number, number];
}

export const source = { width: 1920, height: 1080 };

/** Area-resamples an RGB image to width × height. */
export function resample(img: Rgb, width: number, height: number): Rgb {
  const out = new Uint8Array(width * height * 3);
  const sx = img.width / width;
  const sy = img.height / height;
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor(y * sy);
    const y1 = Math.max(y0 + 1, Math.floor((y + 1) * sy));
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor(x * sx);
      const x1 = Math.max(x0 + 1, Math.floor((x + 1) * sx));
      let r = 0, g = 0, b = 0, n = 0;
      for (let yy = y0; yy < y1 && yy < img.height; yy++) {
        for (let xx = x0; xx < x1 && xx < img.width; xx++) {
          const i = (yy * img.width + xx) * 3;
          r += img.data[i]!; g += img.data[i + 1]!; b += img.data[i + 2]!; n++;
        }
      }
      const o = (y * width + x) * 3;
      out[o] = r / n; out[o + 1] = g / n; out[o + 2] = b / n;
    }
  }
  return { width, height, data: out };
}

export function background(width: number, height: number): Uint8Array {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const floor = y > height * 0.75;
      const door = x > width * 0.08 && x < width * 0.2 && y > height * 0.3 && y <= height * 0.75;
      const window = x > width * 0.6 && x < width * 0.9 && y > height * 0.1 && y < height * 0.32;
      const base = floor ? [92, 80, 66] : door ? [120, 82, 50] : window ? [150, 180, 200] : [70 + (x / width) * 40, 78 + (y / height) * 30, 96];
      data[i] = base[0]!; data[i + 1] = base[1]!; data[i + 2] = base[2]!;
    }
  }
  return data;
}

function fill(frame: Rgb, b: { x0: number; y0: number; x1: number; y1: number }, c: readonly number[]): void {
  for (let y = Math.max(0, b.y0); y < Math.min(frame.height, b.y1); y++) {
    for (let x = Math.max(0, b.x0); x < Math.min(frame.width, b.x1); x++) {
      const i = (y * frame.width + x) * 3;
      frame.data[i] = c[0]!; frame.data[i + 1] = c[1]!; frame.data[i + 2] = c[2]!;
    }
  }
}

function paste(frame: Rgb, img: Rgb, x0: number, y0: number): void {
  for (let y = 0; y < img.height; y++) {
    const fy = y0 + y;
    if (fy < 0 || fy >= frame.height) continue;
    for (let x = 0; x < img.width; x++) {
      const fx = x0 + x;
      if (fx < 0 || fx >= frame.width) continue;
      const s = (y * img.width + x) * 3;
      const d = (fy * frame.width + fx) * 3;
      frame.data[d] = img.data[s]!; frame.data[d + 1] = img.data[s + 1]!; frame.data[d + 2] = img.data[s + 2]!;
    }
  }
}

/** Where a subject is at time t (s) of a clip lasting `seconds`, in analysed pixels; null parts are outside the frame. */
export function layout(s: Subject, t: number, seconds: number, width: number): { face: { x: number; y: number; w: number; h: number }; body: { x: number; y: number; w: number; h: number } } {
  const scale = width / source.width;
  const height = Math.round((source.height * width) / source.width);
  const laneY = [0.22, 0.42, 0.62, 0.82][s.lane % 4]!;
  if (s.kind === 'person') {
    const bodyH = s.size * scale;
    const faceH = Math.max(1, bodyH * 0.14);
    const faceW = faceH * (s.face.width / s.face.height);
    const bodyW = Math.max(faceW * 2.2, bodyH * 0.3);
    const dir = s.lane % 2 === 0 ? 1 : -1;
    // Walks in from outside the frame across it, bottom of the body on the lane's line.
    const travel = width + bodyW * 2;
    const x = dir > 0 ? -bodyW + (t / seconds) * travel * 0.9 : width - (t / seconds) * travel * 0.9;
    const y = laneY * height - bodyH;
    return { body: { x, y, w: bodyW, h: bodyH }, face: { x: x + (bodyW - faceW) / 2, y: y + bodyH * 0.02, w: faceW, h: faceH } };
  }
  const faceH = s.size * scale;
  const faceW = faceH * (s.face.width / s.face.height);
  const cellX = (s.lane % 2) * 0.5 + 0.1;
  const x = (cellX + 0.2 * (t / seconds)) * width;
  const y = (s.lane < 2 ? 0.12 : 0.55) * height;
  return { face: { x, y, w: faceW, h: faceH }, body: { x: x - faceW * 0.6, y, w: faceW * 2.2, h: faceH * 2.2 } };
}

/** One frame with its subjects; returns the frame and each subject's face and body boxes (normalised) where visible. */
export function composeFrame(bg: Uint8Array, width: number, height: number, subjects: readonly Subject[], t: number, seconds: number, frameNo: number, faces: Map<string, Rgb>): {
  frame: Rgb; labels: { subject: string; face: Box; body: Box }[];
} {
  const frame: Rgb = { width, height, data: Uint8Array.from(bg) };
  // A plant in a pot that sways (±1.5 % of the width): motion that is not a person.
  const sway = Math.round(Math.sin(frameNo / 3) * width * 0.015);
  fill(frame, { x0: Math.round(width * 0.93) + sway, y0: Math.round(height * 0.45), x1: Math.round(width * 0.97) + sway, y1: Math.round(height * 0.72) }, [40, 90, 40]);
  const labels: { subject: string; face: Box; body: Box }[] = [];
  for (const s of subjects) {
    const l = layout(s, t, seconds, width);
    const b = l.body;
    if (s.kind === 'person') {
      fill(frame, { x0: Math.round(b.x), y0: Math.round(l.face.y + l.face.h), x1: Math.round(b.x + b.w), y1: Math.round(b.y + b.h * 0.55) }, s.colour);
      fill(frame, { x0: Math.round(b.x + b.w * 0.15), y0: Math.round(b.y + b.h * 0.55), x1: Math.round(b.x + b.w * 0.85), y1: Math.round(b.y + b.h) }, [40, 40, 60]);
    } else {
      fill(frame, { x0: Math.round(b.x), y0: Math.round(l.face.y + l.face.h * 0.95), x1: Math.round(b.x + b.w), y1: Math.round(b.y + b.h) }, s.colour);
    }
    const fw = Math.max(1, Math.round(l.face.w));
    const fh = Math.max(1, Math.round(l.face.h));
    const key = `${s.id}/${fw}x${fh}`;
    let img = faces.get(key);
    if (!img) { img = resample(s.face, fw, fh); faces.set(key, img); }
    paste(frame, img, Math.round(l.face.x), Math.round(l.face.y));
    const face = { x: Math.round(l.face.x) / width, y: Math.round(l.face.y) / height, w: fw / width, h: fh / height };
    const visible = face.x >= 0 && face.y >= 0 && face.x + face.w <= 1 && face.y + face.h <= 1;
    if (visible) labels.push({ subject: s.id, face, body: { x: b.x / width, y: b.y / height, w: b.w / width, h: b.h / height } });
  }
  // Sensor noise, ±6 grey levels, different in every frame.
  let seed = (frameNo + 1) * 2654435761;
  for (let i = 0; i < frame.data.length; i += 7) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const v = frame.data[i]! + ((seed >>> 16) % 13) - 6;
    frame.data[i] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
  return { frame, labels };
}
