/**
 * ffmpeg arguments for clip assembly (convention 8: pure, tested with tables). A clip is made by
 * remuxing each decrypted segment (fragmented MP4 on stdin) to MPEG-TS on stdout, shifted to its
 * offset in the clip, and feeding the concatenated TS into one muxer that writes a fragmented MP4
 * (plays in ordinary players, needs no seekable output) to stdout. Everything is stream copy, so
 * cuts fall on the segments' keyframes; no decrypted byte is written to disk.
 */

/** One decrypted segment → MPEG-TS on stdout, its timestamps moved `offsetSeconds` into the clip. */
export function segmentToTsArgs(offsetSeconds: number): string[] {
  if (!Number.isFinite(offsetSeconds) || offsetSeconds < 0) throw new Error('segment offset must be a non-negative number of seconds');
  return [
    '-hide_banner', '-nostdin', '-loglevel', 'error',
    '-f', 'mp4', '-i', 'pipe:0',
    '-map', '0:v:0', '-c', 'copy', '-bsf:v', 'h264_mp4toannexb',
    '-output_ts_offset', offsetSeconds.toFixed(3),
    '-f', 'mpegts', 'pipe:1',
  ];
}

export interface ClipMetadata {
  /** The instant the clip's first frame was recorded (UTC). */
  creationTime: Date;
  cameraName: string;
  cameraId: string;
  /** Free text, e.g. the case reference. */
  comment: string;
}

/** Metadata values are passed as separate arguments (never a shell), but keep them one printable line. */
export function metadataValue(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim().slice(0, 200);
}

/**
 * Exact trim: the clip starts `startSeconds` into the assembled footage and lasts `durationSeconds`.
 * Only the partial first and last GOP are re-encoded (exact-trim.ts); the muxer copies the joined
 * MPEG-TS into an `avc3` sample entry (parameter sets in band, as the re-encoded and copied parts differ).
 */
export interface ExactTrim {
  startSeconds: number;
  durationSeconds: number;
}

export function codecArgs(trim: ExactTrim | null): string[] {
  if (!trim) return ['-c', 'copy'];
  if (!(trim.startSeconds >= 0) || !(trim.durationSeconds > 0)) throw new Error('an exact trim needs a start ≥ 0 and a positive duration');
  return ['-c', 'copy', '-tag:v', 'avc3'];
}

/** The concatenated MPEG-TS on stdin → one fragmented MP4 on stdout, with creation_time and the camera's name. */
export function clipMuxArgs(meta: ClipMetadata, trim: ExactTrim | null = null): string[] {
  return [
    '-hide_banner', '-loglevel', 'error',
    '-f', 'mpegts', '-i', 'pipe:0',
    '-map', '0:v:0', ...codecArgs(trim),
    '-map_metadata', '-1',
    '-metadata', `creation_time=${meta.creationTime.toISOString()}`,
    '-metadata', `title=${metadataValue(meta.cameraName)}`,
    '-metadata', `comment=${metadataValue(meta.comment)}`,
    '-metadata:s:v:0', `handler_name=${metadataValue(`${meta.cameraName} (${meta.cameraId})`)}`,
    '-movflags', '+frag_keyframe+empty_moov+default_base_moof',
    '-f', 'mp4', 'pipe:1',
  ];
}
