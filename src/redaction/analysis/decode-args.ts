/**
 * ffmpeg arguments for the analysis decode (convention 8: pure, tested with tables). The decrypted
 * segments arrive as one MPEG-TS stream on stdin (the export's segment remux, shifted to their
 * offsets in the clip); the decoder trims to the clip (`trim`, seconds into the stream), samples
 * `fps` frames per second, scales to `width` (height keeps the aspect, even) and writes packed RGB24
 * frames to stdout. Nothing decrypted touches the disk. Log level `info` so the output stream's size
 * can be read from stderr (outputSizeFromLog).
 */
export interface AnalysisDecode {
  fps: number;
  width: number;
  trim: { startSeconds: number; durationSeconds: number };
}

export function analysisDecodeArgs(o: AnalysisDecode): string[] {
  if (!(o.fps > 0 && o.fps <= 30)) throw new Error('analysis fps must be in (0, 30]');
  if (!Number.isInteger(o.width) || o.width < 64 || o.width > 1920 || o.width % 2 !== 0) throw new Error('analysis width must be an even number of pixels from 64 to 1920');
  if (!(o.trim.startSeconds >= 0) || !(o.trim.durationSeconds > 0)) throw new Error('the clip needs a start ≥ 0 and a positive duration');
  return [
    '-hide_banner', '-nostdin', '-nostats', '-loglevel', 'info',
    '-f', 'mpegts', '-i', 'pipe:0',
    '-map', '0:v:0', '-an', '-sn', '-dn',
    // Trim inside the graph, before sampling: frame n is then exactly n / fps seconds after the clip's start.
    '-vf', `trim=start=${o.trim.startSeconds.toFixed(3)}:duration=${o.trim.durationSeconds.toFixed(3)},setpts=PTS-STARTPTS,fps=${o.fps},scale=${o.width}:-2:flags=area`,
    '-pix_fmt', 'rgb24', '-f', 'rawvideo', 'pipe:1',
  ];
}

/** The size of the raw output stream from ffmpeg's log ("Stream #0:0: Video: rawvideo ..., 640x360, ..."), once it appeared. */
export function outputSizeFromLog(log: string): { width: number; height: number } | null {
  const output = log.indexOf('Output #0');
  if (output < 0) return null;
  const match = /Stream #0:0[^\n]*Video: rawvideo[^\n]*?\b(\d{2,5})x(\d{2,5})\b/.exec(log.slice(output));
  return match ? { width: Number(match[1]), height: Number(match[2]) } : null;
}

/** A small JPEG of one crop: RGB24 on stdin → one MJPEG frame on stdout, scaled so its longer side is `side` pixels. */
export function thumbnailArgs(crop: { width: number; height: number }, side = 160): string[] {
  if (crop.width < 1 || crop.height < 1) throw new Error('empty crop');
  const landscape = crop.width >= crop.height;
  return [
    '-hide_banner', '-nostdin', '-loglevel', 'error',
    '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${crop.width}x${crop.height}`, '-i', 'pipe:0',
    '-vf', `scale=${landscape ? side : -2}:${landscape ? -2 : side}:flags=bicubic,format=yuvj420p`,
    '-frames:v', '1', '-q:v', '4', '-map_metadata', '-1', '-f', 'mjpeg', 'pipe:1',
  ];
}
