import { muxedOutput, runChild } from '../recording/ffmpeg-run.js';
import type { FfmpegBinaries } from '../recording/media-tools.js';
import { clipMuxArgs, type ClipMetadata, type ExactTrim } from './export-args.js';

/**
 * Exact trim (issue 8, item 1): a clip cut to the window to the frame, of which only the partial
 * first GOP (window start → next keyframe) and the partial last GOP (last keyframe → window end)
 * are re-encoded; every GOP wholly inside the window is stream-copied, its packets byte for byte.
 *
 * Every piece is one short ffmpeg run on one decrypted segment (fragmented MP4 on stdin) writing
 * MPEG-TS, shifted to its place in the clip, into the muxer's stdin (the pipe's descriptor is handed
 * to the child), like the copy path. MPEG-TS carries the parameter sets in band: each copied GOP
 * starts with the camera's SPS/PPS (h264_mp4toannexb), each re-encoded piece with libx264's, which
 * uses parameter-set id 1 (`sps-id`) so that it never redefines the camera's (id 0 in practice)
 * and both stay valid in a decoder. The muxer copies the joined stream into a fragmented MP4 whose
 * sample entry is `avc3` (parameter sets may change in band, ISO/IEC 14496-15), so a player reads the
 * set each switch brings. The re-encode keeps resolution and timestamps (passthrough, no B-frames)
 * and takes the source's H.264 profile and level.
 *
 * Keyframes are found only in the first and the last segment of the window (ffprobe on stdin): the
 * recorder's segments start on a keyframe, so every segment in between is copied whole.
 *
 * Limitation: footage with B-frames (packets out of presentation order; the recorder's encoder and
 * most surveillance cameras send none) is re-encoded whole, segment by segment, still cut exactly. A
 * re-encoded head without reordering would end at a later decoding time than the copied keyframe after
 * it (its DTS lies before its PTS), which an MP4 cannot hold; matching the source's reorder delay in
 * the re-encode is not attempted.
 */

/** Seconds: a keyframe this close to the window's edge counts as on it; cuts in copied pieces keep this margin off the keyframe. */
export const EPSILON = 0.001;

export interface TrimPiece {
  kind: 'copy' | 'encode';
  /** Seconds into the segment (its first frame = 0) where the piece begins; 0 = from the start. */
  from: number;
  /** Seconds into the segment where the piece ends (exclusive); null = to the segment's end. */
  to: number | null;
  /** Where the piece begins in the trimmed clip (seconds after the window start; -EPSILON for a copy that begins the clip). */
  at: number;
}

/** Which segments the window [start, end) touches: the first (holding start) and the last (holding the end), by their offsets in the clip. */
export function trimSegments(offsets: readonly number[], start: number, end: number): { first: number; last: number } {
  if (!offsets.length) throw new Error('no footage to trim');
  if (!(end > start)) throw new Error('an exact trim needs a positive duration');
  let first = 0;
  let last = 0;
  for (const [i, o] of offsets.entries()) {
    if (o <= start + EPSILON) first = i;
    if (o < end - EPSILON) last = i;
  }
  return { first, last: Math.max(first, last) };
}

/**
 * The pieces one segment contributes to the window [start, end) (clip seconds). `offset` is the
 * segment's place in the clip, `keys` its keyframes (seconds into the segment, 0 first; only needed
 * for the first and last segment — any other is copied whole).
 */
export function segmentPieces(o: { offset: number; isFirst: boolean; isLast: boolean; keys: readonly number[]; start: number; end: number; reencode?: boolean }): TrimPiece[] {
  const pieces: TrimPiece[] = [];
  // A copy that begins on the window's first keyframe starts EPSILON before it: `at` is then -EPSILON, which keeps the keyframe at 0.
  const at = (local: number) => o.offset + local - o.start;
  const encode = (from: number, to: number | null) => pieces.push({ kind: 'encode', from, to, at: at(from) });
  const copy = (from: number, to: number | null) => {
    // A copy starts just before its keyframe (so rounding never drops it) and ends just before the next cut.
    const cut = from > EPSILON ? from - EPSILON : 0;
    pieces.push({ kind: 'copy', from: cut, to: to === null ? null : to - EPSILON, at: at(cut) });
  };
  const ls = o.isFirst ? Math.max(0, o.start - o.offset) : 0;
  const le = o.isLast ? o.end - o.offset : null;
  if (le !== null && le <= ls + EPSILON) return pieces;
  if (o.reencode) {
    encode(ls, le);
    return pieces;
  }
  const keys = o.isFirst || o.isLast ? [...o.keys].sort((a, b) => a - b) : [0];
  const k1 = keys.find((k) => k >= ls - EPSILON);
  // No keyframe from the window start on (within the window): the whole piece is re-encoded.
  if (k1 === undefined || (le !== null && k1 >= le - EPSILON)) {
    encode(ls, le);
    return pieces;
  }
  if (k1 - ls > EPSILON) encode(ls, k1);
  if (le === null) {
    copy(k1, null);
    return pieces;
  }
  const k2 = keys.filter((k) => k <= le + EPSILON).at(-1)!;
  if (k2 - k1 > EPSILON) copy(k1, k2);
  if (le - k2 > EPSILON) encode(k2, le);
  return pieces;
}

/** What the re-encode copies from the source: H.264 profile and level (ffprobe's names and numbers). */
export interface SourceCoding {
  profile: string | null;
  level: number | null;
}

/** x264 profile for the source's: Baseline stays Baseline (no B-frames, no CABAC), Main stays Main, anything else High. */
export function x264Profile(profile: string | null): string {
  const p = (profile ?? '').toLowerCase();
  if (p.includes('baseline')) return 'baseline';
  if (p === 'main') return 'main';
  return 'high';
}

/** ffprobe's level_idc (31) as x264's level ("3.1"); null when unknown. */
export function x264Level(level: number | null): string | null {
  if (level === null || !Number.isInteger(level) || level < 9 || level > 62) return null;
  return (level / 10).toFixed(1);
}

/** ffmpeg arguments for one piece: a decrypted segment on stdin → MPEG-TS on stdout, placed `at` seconds into the clip. */
export function pieceArgs(piece: TrimPiece, coding: SourceCoding, ffmpegMajor: number): string[] {
  if (!Number.isFinite(piece.from) || piece.from < 0 || !Number.isFinite(piece.at) || piece.at < -2 * EPSILON) throw new Error('trim piece times must be non-negative numbers of seconds');
  if (piece.to !== null && !(piece.to > piece.from)) throw new Error('a trim piece must end after it begins');
  const window = [
    ...(piece.from > 0 ? ['-ss', piece.from.toFixed(6)] : []),
    ...(piece.to !== null ? ['-t', (piece.to - piece.from).toFixed(6)] : []),
  ];
  const level = x264Level(coding.level);
  const codec = piece.kind === 'copy'
    ? ['-c', 'copy', '-bsf:v', 'h264_mp4toannexb']
    : [
        '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-bf', '0', '-pix_fmt', 'yuv420p',
        '-profile:v', x264Profile(coding.profile), ...(level ? ['-level', level] : []), '-x264-params', 'sps-id=1',
        // Timestamps as they come, in the demuxer's time base (not rounded to 1/fps): frames stay where they were and -t cuts exactly.
        ...(ffmpegMajor >= 5 ? ['-fps_mode', 'passthrough'] : ['-vsync', 'passthrough']), '-enc_time_base', '-1',
      ];
  return [
    '-hide_banner', '-nostdin', '-loglevel', 'error',
    '-f', 'mp4', '-i', 'pipe:0',
    '-map', '0:v:0', ...window, ...codec,
    '-output_ts_offset', piece.at.toFixed(6),
    '-f', 'mpegts', 'pipe:1',
  ];
}

export const probeArgs = [
  '-v', 'error', '-f', 'mp4', '-i', 'pipe:0', '-select_streams', 'v:0',
  '-show_entries', 'format=start_time:stream=profile,level:packet=pts_time,dts_time,flags', '-of', 'json',
];

/** Keyframes (seconds into the segment, as ffmpeg counts them: from the file's start time) and coding, from ffprobe's JSON. */
export function parseProbe(json: string): { keys: number[]; coding: SourceCoding; reordered: boolean } {
  const d = JSON.parse(json) as { format?: { start_time?: string }; streams?: { profile?: string; level?: number }[]; packets?: { pts_time?: string; dts_time?: string; flags?: string }[] };
  const packets = (d.packets ?? []).filter((p) => p.pts_time !== undefined && Number.isFinite(Number(p.pts_time)));
  const times = packets.map((p) => Number(p.pts_time));
  const zero = d.format?.start_time !== undefined && Number.isFinite(Number(d.format.start_time)) ? Number(d.format.start_time) : Math.min(...times);
  const keys = packets.filter((p) => p.flags?.includes('K')).map((p) => Math.max(0, Number(p.pts_time) - zero));
  if (!keys.length) throw new Error('segment without a keyframe');
  const s = d.streams?.[0];
  // B-frames: decoding order differs from presentation order (a packet's dts differs from its pts).
  const reordered = packets.some((p) => p.dts_time !== undefined && p.dts_time !== 'N/A' && Number(p.dts_time) !== Number(p.pts_time));
  return { keys: keys.sort((a, b) => a - b), coding: { profile: s?.profile ?? null, level: typeof s?.level === 'number' ? s.level : null }, reordered };
}

export interface TrimSource {
  start: Date;
  read(): Promise<Buffer>;
}

/**
 * Assembles the exactly trimmed clip as a stream of fragmented-MP4 chunks (what `assembleClip` yields).
 * `trim` counts from `clipStart`. At most two decrypted segments are in memory (the current one and the
 * next, read meanwhile); processes are killed on failure, early stop, or `idleMs` without progress.
 */
export async function* assembleExactClip(
  binaries: FfmpegBinaries, sources: readonly TrimSource[], clipStart: Date, meta: ClipMetadata, trim: ExactTrim, idleMs = 120_000,
): AsyncGenerator<Buffer> {
  if (!(trim.startSeconds >= 0) || !(trim.durationSeconds > 0)) throw new Error('an exact trim needs a start ≥ 0 and a positive duration');
  const start = trim.startSeconds;
  const end = trim.startSeconds + trim.durationSeconds;
  const offsets = sources.map((s) => (s.start.getTime() - clipStart.getTime()) / 1000);
  const { first, last } = trimSegments(offsets, start, end);

  const prefetch = (i: number): Promise<Buffer> => {
    const read = sources[i]!.read();
    read.catch(() => undefined); // awaited below
    return read;
  };
  yield* muxedOutput(binaries.ffmpeg, clipMuxArgs(meta, trim), 'ffmpeg exact-trim mux', idleMs, async (stdin, alive) => {
    let coding: SourceCoding = { profile: null, level: null };
    let reencode = false;
    let next: Promise<Buffer> | null = prefetch(first);
    for (let i = first; next; i++) {
      const segment: Buffer = await next;
      next = i + 1 <= last ? prefetch(i + 1) : null;
      const edge = i === first || i === last;
      let keys: number[] = [0];
      if (edge) {
        const probed = parseProbe((await runChild(binaries.ffprobe, probeArgs, segment, { what: 'ffprobe', timeoutMs: idleMs })).toString('utf8'));
        keys = probed.keys;
        if (i === first) {
          coding = probed.coding;
          reencode = probed.reordered;
        }
      }
      for (const piece of segmentPieces({ offset: offsets[i]!, isFirst: i === first, isLast: i === last, keys, start, end, reencode })) {
        await runChild(binaries.ffmpeg, pieceArgs(piece, coding, binaries.ffmpegMajor), segment, { what: 'ffmpeg trim piece', sink: stdin, timeoutMs: idleMs });
        alive();
      }
    }
  });
}
