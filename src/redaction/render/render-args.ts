/**
 * ffmpeg arguments for the redaction render (convention 8: pure, tested with tables). The original
 * is decoded at full resolution to raw yuv420p frames on stdout at a constant frame rate (so frame
 * i is at i / fps seconds, the time base of the analysis' tracks); Node redacts each frame in place
 * and pipes it to a second ffmpeg that encodes H.264 (libx264 veryfast, yuv420p) into an MP4 with
 * +faststart. Audio, subtitles, data streams and all metadata of the original are dropped; only our
 * own creation_time and comment are written.
 */
import { metadataValue } from '../../exports/export-args.js';

export interface DecodeOptions {
  /** A file path, or 'pipe:0' for an MP4 written to stdin. */
  input: string;
  fps: number;
  /** Seconds into the input where the rendered clip starts (the analysis' time zero). */
  startSeconds?: number;
  durationSeconds?: number;
}

export function decodeArgs(o: DecodeOptions): string[] {
  if (!(o.fps > 0 && o.fps <= 240)) throw new Error('fps must be between 0 and 240');
  if (o.startSeconds !== undefined && !(o.startSeconds >= 0)) throw new Error('startSeconds must be ≥ 0');
  if (o.durationSeconds !== undefined && !(o.durationSeconds > 0)) throw new Error('durationSeconds must be positive');
  return [
    '-hide_banner', '-nostdin', '-loglevel', 'error',
    ...(o.input === 'pipe:0' ? ['-f', 'mp4'] : []), '-i', o.input,
    ...(o.startSeconds ? ['-ss', o.startSeconds.toFixed(3)] : []),
    ...(o.durationSeconds ? ['-t', o.durationSeconds.toFixed(3)] : []),
    '-map', '0:v:0', '-an', '-sn', '-dn',
    '-vsync', 'cfr', '-r', fpsText(o.fps),
    '-f', 'rawvideo', '-pix_fmt', 'yuv420p', 'pipe:1',
  ];
}

export interface EncodeOptions {
  width: number;
  height: number;
  fps: number;
  output: string;
  /** The instant the clip's first frame was recorded. */
  creationTime: Date;
  comment: string;
}

export function encodeArgs(o: EncodeOptions): string[] {
  if (!(Number.isInteger(o.width) && Number.isInteger(o.height) && o.width >= 16 && o.height >= 16)) throw new Error('frame size must be whole pixels, at least 16×16');
  return [
    '-hide_banner', '-nostdin', '-loglevel', 'error',
    '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-s', `${o.width}x${o.height}`, '-r', fpsText(o.fps), '-i', 'pipe:0',
    '-an', '-sn', '-dn',
    '-map_metadata', '-1', '-fflags', '+bitexact',
    '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p',
    '-metadata', `creation_time=${o.creationTime.toISOString()}`,
    '-metadata', `comment=${metadataValue(o.comment)}`,
    '-movflags', '+faststart',
    '-f', 'mp4', '-y', o.output,
  ];
}

/** The floor a render is measured against (issue 9): ffmpeg decode + libx264 veryfast of the same clip, in one process. */
export function floorArgs(input: string, output: string): string[] {
  return ['-hide_banner', '-nostdin', '-loglevel', 'error', '-i', input, '-map', '0:v:0', '-an', '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-f', 'mp4', '-y', output];
}

/** ffprobe of the video stream: size, frame rate and duration (JSON). */
export function videoProbeArgs(input: string): string[] {
  return ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height,r_frame_rate,avg_frame_rate:format=duration', '-of', 'json', ...(input === 'pipe:0' ? ['-f', 'mp4'] : []), '-i', input];
}

export interface VideoInfo {
  width: number;
  height: number;
  fps: number;
  durationSeconds: number;
}

export function parseVideoProbe(json: string): VideoInfo {
  const data = JSON.parse(json) as { streams?: { width?: number; height?: number; r_frame_rate?: string; avg_frame_rate?: string }[]; format?: { duration?: string } };
  const s = data.streams?.[0];
  if (!s?.width || !s.height) throw new Error('no video stream');
  const fps = rate(s.avg_frame_rate) ?? rate(s.r_frame_rate);
  if (!fps) throw new Error('no frame rate');
  const durationSeconds = Number(data.format?.duration);
  return { width: s.width, height: s.height, fps, durationSeconds: Number.isFinite(durationSeconds) ? durationSeconds : 0 };
}

function rate(text: string | undefined): number | null {
  const m = /^(\d+)\/(\d+)$/.exec(text ?? '');
  if (!m || Number(m[2]) === 0) return null;
  const value = Number(m[1]) / Number(m[2]);
  return value > 0 && value <= 240 ? Math.round(value * 1000) / 1000 : null;
}

function fpsText(fps: number): string {
  return Number.isInteger(fps) ? String(fps) : fps.toFixed(3);
}

/** One frame of a segment (decrypted fMP4 on stdin) at `seconds` into it, as raw yuv420p at full resolution. */
export function stillArgs(seconds: number): string[] {
  if (!(seconds >= 0)) throw new Error('the still lies at or after the segment start');
  return ['-hide_banner', '-nostdin', '-loglevel', 'error', '-f', 'mp4', '-i', 'pipe:0', '-map', '0:v:0', '-ss', seconds.toFixed(3), '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'yuv420p', 'pipe:1'];
}

/** A raw yuv420p frame → one JPEG, at most `maxWidth` wide, without metadata. */
export function jpegArgs(width: number, height: number, maxWidth = 960): string[] {
  return [
    '-hide_banner', '-nostdin', '-loglevel', 'error',
    '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-s', `${width}x${height}`, '-i', 'pipe:0',
    '-vf', `scale=${Math.min(maxWidth, width)}:-2:flags=area,format=yuvj420p`,
    '-frames:v', '1', '-q:v', '4', '-map_metadata', '-1', '-f', 'mjpeg', 'pipe:1',
  ];
}
