import { spawn } from 'node:child_process';
import { rasterizeMask, type Polygon } from '../../src/masks/polygon.js';

/** Runs ffmpeg with stdin bytes, collecting stdout; rejects with stderr on failure. */
export function ffmpegBytes(ffmpeg: string, args: string[], input?: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg, args, { stdio: [input ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (c: Buffer) => out.push(c));
    child.stderr!.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(out)) : reject(new Error(`ffmpeg ${code}: ${Buffer.concat(err).toString().slice(0, 400)}`))));
    if (input) {
      child.stdin!.on('error', () => undefined);
      child.stdin!.end(input);
    }
  });
}

/** A generated clip as a fragmented MP4 like the recorder's segments (lossless when asked, so decoded frames are exact). */
export function generatedClip(ffmpeg: string, graph: string, o: { lossless?: boolean } = {}): Promise<Buffer> {
  return ffmpegBytes(ffmpeg, [
    '-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', graph,
    '-c:v', 'libx264', '-preset', 'ultrafast', ...(o.lossless ? ['-qp', '0'] : ['-crf', '23']), '-g', '25', '-bf', '0', '-pix_fmt', 'yuv420p',
    '-movflags', 'frag_keyframe+empty_moov+default_base_moof', '-f', 'mp4', 'pipe:1',
  ]);
}

/** Every decoded frame as 8-bit luma (full range: black is 0). */
export async function grayFrames(ffmpeg: string, mp4: Buffer, width: number, height: number): Promise<Buffer[]> {
  const raw = await ffmpegBytes(ffmpeg, ['-hide_banner', '-loglevel', 'error', '-f', 'mp4', '-i', 'pipe:0', '-vf', `scale=${width}:${height}`, '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1'], mp4);
  const size = width * height;
  if (raw.length === 0 || raw.length % size !== 0) throw new Error(`decoded ${raw.length} bytes, not whole ${width}x${height} frames`);
  return Array.from({ length: raw.length / size }, (_, i) => raw.subarray(i * size, (i + 1) * size));
}

/** Masked pixels at least `inset` pixels from the mask's edge (compression may smear outside content over the edge). */
export function maskInterior(polygons: readonly Polygon[], width: number, height: number, inset: number): Uint8Array {
  const mask = rasterizeMask(polygons, width, height);
  const inner = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!mask[y * width + x]) continue;
      let inside = true;
      for (let dy = -inset; dy <= inset && inside; dy++) {
        for (let dx = -inset; dx <= inset && inside; dx++) {
          const X = x + dx;
          const Y = y + dy;
          if (X < 0 || Y < 0 || X >= width || Y >= height || !mask[Y * width + X]) inside = false;
        }
      }
      inner[y * width + x] = inside ? 1 : 0;
    }
  }
  return inner;
}

/** Pixels at least `inset` pixels away from any masked pixel. */
export function unmaskedArea(polygons: readonly Polygon[], width: number, height: number, inset: number): Uint8Array {
  const grown = maskInterior([[{ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 1, y: 1 }, { x: 0, y: 1 }]], width, height, 0);
  const mask = rasterizeMask(polygons, width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let far = true;
      for (let dy = -inset; dy <= inset && far; dy++) for (let dx = -inset; dx <= inset && far; dx++) if (mask[(Math.min(height - 1, Math.max(0, y + dy))) * width + Math.min(width - 1, Math.max(0, x + dx))]) far = false;
      grown[y * width + x] = far ? 1 : 0;
    }
  }
  return grown;
}

/** The largest luma value among the selected pixels, over all frames. */
export function maxIn(frames: readonly Buffer[], area: Uint8Array): number {
  let max = 0;
  for (const f of frames) for (let i = 0; i < area.length; i++) if (area[i] && f[i]! > max) max = f[i]!;
  return max;
}

/** Standard deviation of luma among the selected pixels of one frame: a flat fill is ~0, a picture is not. */
export function spread(frame: Buffer, area: Uint8Array): number {
  let n = 0;
  let sum = 0;
  let sq = 0;
  for (let i = 0; i < area.length; i++) {
    if (!area[i]) continue;
    n++;
    sum += frame[i]!;
    sq += frame[i]! * frame[i]!;
  }
  return n ? Math.sqrt(sq / n - (sum / n) ** 2) : 0;
}

/** Mean absolute difference of two frames among the selected pixels. */
export function meanDiff(a: Buffer, b: Buffer, area: Uint8Array): number {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < area.length; i++) if (area[i]) {
    n++;
    sum += Math.abs(a[i]! - b[i]!);
  }
  return n ? sum / n : 0;
}
