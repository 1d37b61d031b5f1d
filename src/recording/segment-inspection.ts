/**
 * In-process inspection of a finished segment (pure): walks the fragmented-MP4 boxes that ffmpeg's
 * segment muxer writes (ftyp, moov, then one moof/mdat pair per keyframe; see ffmpeg-args.ts) and
 * checks that they are whole and consistent — instead of starting ffprobe for every segment.
 *
 * A segment is usable when its header (ftyp, moov with a video track: handler, timescale, sample
 * description) is complete and at least one fragment is complete: a moof whose track run points
 * inside the mdat that follows it, with a size and a duration for every sample. A file cut short by
 * a kill keeps its complete fragments (the duration counts only those); a file with none, or with a
 * garbled box, is refused with a reason (the ingester quarantines it).
 *
 * The same walk yields the sample sizes and keyframe flags from which motion.ts derives the motion
 * score in the compressed domain, so a segment is read once and no child process is started.
 */

export interface SegmentSample {
  size: number;
  key: boolean;
}

export type SegmentInspection =
  | {
      ok: true;
      /** ffprobe's codec names: h264, hevc, or the sample entry's four-character code. */
      codec: string;
      width: number | null;
      height: number | null;
      /** Sum of the complete fragments' sample durations. */
      durationMs: number;
      fragments: number;
      /** False when the file ends inside a box (a run cut short); only complete fragments count. */
      complete: boolean;
      /** Every sample of the complete fragments, in decoding order. */
      samples: SegmentSample[];
    }
  | { ok: false; reason: string };

interface Box {
  type: string;
  /** Offset of the box header. */
  start: number;
  /** Offset of the payload. */
  body: number;
  /** Offset after the box. */
  end: number;
}

class Garbled extends Error {}

const containerChildren = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl', 'mvex', 'moof', 'traf', 'edts', 'dinf']);
const codecNames: Record<string, string> = { avc1: 'h264', avc3: 'h264', hvc1: 'hevc', hev1: 'hevc', mp4v: 'mpeg4', av01: 'av1', vp09: 'vp9' };
const nonSyncFlag = 0x0001_0000;

/** The boxes directly inside [from, to); a box that runs past `to` ends the list (truncated: true). */
function boxesIn(data: ByteSource, from: number, to: number): { boxes: Box[]; truncated: boolean } {
  const boxes: Box[] = [];
  let offset = from;
  while (offset < to) {
    if (offset + 8 > to) return { boxes, truncated: true };
    let size = data.readUInt32BE(offset);
    const type = data.toString('latin1', offset + 4, offset + 8);
    if (!/^[a-zA-Z0-9 ©_-]{4}$/.test(type)) throw new Garbled(`garbled box type at byte ${offset}`);
    let body = offset + 8;
    if (size === 1) {
      if (offset + 16 > to) return { boxes, truncated: true };
      const large = data.readBigUInt64BE(offset + 8);
      if (large > BigInt(Number.MAX_SAFE_INTEGER)) throw new Garbled(`box ${type} at byte ${offset} is impossibly large`);
      size = Number(large);
      body = offset + 16;
    } else if (size === 0) {
      size = to - offset; // "to the end of the file"
    }
    if (size < body - offset) throw new Garbled(`box ${type} at byte ${offset} has an impossible size ${size}`);
    if (offset + size > to) return { boxes, truncated: true };
    boxes.push({ type, start: offset, body, end: offset + size });
    offset += size;
  }
  return { boxes, truncated: false };
}

function children(data: ByteSource, box: Box): Box[] {
  const { boxes, truncated } = boxesIn(data, box.body, box.end);
  if (truncated) throw new Garbled(`box ${box.type} at byte ${box.start} holds a box that runs past its end`);
  return boxes;
}

function child(data: ByteSource, box: Box, type: string): Box | undefined {
  return children(data, box).find((b) => b.type === type);
}

function need(box: Box, bytes: number): void {
  if (box.end - box.body < bytes) throw new Garbled(`box ${box.type} at byte ${box.start} is too short`);
}

interface VideoTrack {
  trackId: number;
  timescale: number;
  codec: string;
  width: number | null;
  height: number | null;
  defaults: { duration: number; size: number; flags: number };
}

function videoTrack(data: ByteSource, moov: Box): VideoTrack {
  const inMoov = children(data, moov);
  for (const trak of inMoov.filter((b) => b.type === 'trak')) {
    const mdia = child(data, trak, 'mdia');
    const hdlr = mdia && child(data, mdia, 'hdlr');
    if (!mdia || !hdlr) continue;
    need(hdlr, 12);
    if (data.toString('latin1', hdlr.body + 8, hdlr.body + 12) !== 'vide') continue;
    const tkhd = child(data, trak, 'tkhd');
    if (!tkhd) throw new Garbled('video track without a track header');
    need(tkhd, 24);
    const trackId = data.readUInt32BE(tkhd.body + (data.readUInt8(tkhd.body) === 1 ? 20 : 12));
    const mdhd = child(data, mdia, 'mdhd');
    if (!mdhd) throw new Garbled('video track without a media header');
    need(mdhd, 24);
    const timescale = data.readUInt32BE(mdhd.body + (data.readUInt8(mdhd.body) === 1 ? 20 : 12));
    if (timescale === 0) throw new Garbled('video track with timescale 0');
    const minf = child(data, mdia, 'minf');
    const stbl = minf && child(data, minf, 'stbl');
    const stsd = stbl && child(data, stbl, 'stsd');
    if (!stsd) throw new Garbled('video track without a sample description');
    need(stsd, 8);
    const entries = boxesIn(data, stsd.body + 8, stsd.end);
    const entry = entries.boxes[0];
    if (!entry || entries.truncated) throw new Garbled('video track without a sample entry');
    const sized = entry.end - entry.body >= 28;
    const width = sized ? data.readUInt16BE(entry.body + 24) : null;
    const height = sized ? data.readUInt16BE(entry.body + 26) : null;
    const mvex = inMoov.find((b) => b.type === 'mvex');
    const trex = mvex && children(data, mvex).find((b) => b.type === 'trex' && b.end - b.body >= 24 && data.readUInt32BE(b.body + 4) === trackId);
    const defaults = trex
      ? { duration: data.readUInt32BE(trex.body + 12), size: data.readUInt32BE(trex.body + 16), flags: data.readUInt32BE(trex.body + 20) }
      : { duration: 0, size: 0, flags: 0 };
    return { trackId, timescale, codec: codecNames[entry.type] ?? entry.type.trim(), width: width || null, height: height || null, defaults };
  }
  throw new Garbled('no video track');
}

/** One moof and the mdat after it: its samples (sizes, durations, key flags), checked against the mdat. */
function fragmentSamples(data: ByteSource, moof: Box, mdat: Box, track: VideoTrack): { samples: SegmentSample[]; ticks: number } {
  const samples: SegmentSample[] = [];
  let ticks = 0;
  let found = false;
  for (const traf of children(data, moof).filter((b) => b.type === 'traf')) {
    const inTraf = children(data, traf);
    const tfhd = inTraf.find((b) => b.type === 'tfhd');
    if (!tfhd) throw new Garbled(`track fragment at byte ${traf.start} without a header`);
    need(tfhd, 8);
    const tfFlags = data.readUInt32BE(tfhd.body) & 0xffffff;
    if (data.readUInt32BE(tfhd.body + 4) !== track.trackId) continue;
    found = true;
    let at = tfhd.body + 8;
    const optional = (flag: number, bytes: number): number | null => {
      if (!(tfFlags & flag)) return null;
      need(tfhd, at - tfhd.body + bytes);
      const value = bytes === 8 ? Number(data.readBigUInt64BE(at)) : data.readUInt32BE(at);
      at += bytes;
      return value;
    };
    const baseOffset = optional(0x01, 8);
    optional(0x02, 4);
    const defaultDuration = optional(0x08, 4) ?? track.defaults.duration;
    const defaultSize = optional(0x10, 4) ?? track.defaults.size;
    const defaultFlags = optional(0x20, 4) ?? track.defaults.flags;
    // default_base_moof (0x020000) or no explicit base: offsets count from the moof.
    const base = baseOffset ?? moof.start;
    let dataAt = base;
    for (const trun of inTraf.filter((b) => b.type === 'trun')) {
      need(trun, 8);
      const flags = data.readUInt32BE(trun.body) & 0xffffff;
      const count = data.readUInt32BE(trun.body + 4);
      let p = trun.body + 8;
      if (flags & 0x01) {
        need(trun, p - trun.body + 4);
        dataAt = base + data.readInt32BE(p);
        p += 4;
      }
      let firstFlags: number | null = null;
      if (flags & 0x04) {
        need(trun, p - trun.body + 4);
        firstFlags = data.readUInt32BE(p);
        p += 4;
      }
      const runStart = dataAt;
      const perSample = [0x100, 0x200, 0x400, 0x800].filter((f) => flags & f).length * 4;
      need(trun, p - trun.body + count * perSample);
      for (let i = 0; i < count; i++) {
        const duration = flags & 0x100 ? data.readUInt32BE((p += 4) - 4) : defaultDuration;
        const size = flags & 0x200 ? data.readUInt32BE((p += 4) - 4) : defaultSize;
        let sampleFlags = flags & 0x400 ? data.readUInt32BE((p += 4) - 4) : defaultFlags;
        if (flags & 0x800) p += 4;
        if (i === 0 && firstFlags !== null) sampleFlags = firstFlags;
        if (size === 0) throw new Garbled(`fragment at byte ${moof.start}: a sample without a size`);
        samples.push({ size, key: (sampleFlags & nonSyncFlag) === 0 });
        ticks += duration;
        dataAt += size;
      }
      if (runStart < mdat.body || dataAt > mdat.end) throw new Garbled(`fragment at byte ${moof.start}: its samples lie outside the mdat that follows`);
    }
  }
  if (!found || !samples.length) throw new Garbled(`fragment at byte ${moof.start} has no video samples`);
  if (ticks === 0) throw new Garbled(`fragment at byte ${moof.start}: samples without durations`);
  return { samples, ticks };
}

/**
 * The bytes the walk reads, by absolute offset: a Buffer holding the whole file, or a view that reads
 * only the boxes' headers and the small boxes from the file (segment-file.ts) — the walk never looks
 * inside an mdat, so the ingester need not read the video data on the main thread at all. A read
 * outside the bytes throws a RangeError (refused as garbled).
 */
export interface ByteSource {
  readonly length: number;
  readUInt8(offset: number): number;
  readUInt16BE(offset: number): number;
  readUInt32BE(offset: number): number;
  readInt32BE(offset: number): number;
  readBigUInt64BE(offset: number): bigint;
  toString(encoding: 'latin1', start: number, end: number): string;
}

export function inspectSegment(data: ByteSource): SegmentInspection {
  try {
    const { boxes, truncated } = boxesIn(data, 0, data.length);
    if (boxes[0]?.type !== 'ftyp') return { ok: false, reason: boxes.length || truncated ? 'not an MP4 file (no ftyp box first)' : 'empty file' };
    const moov = boxes.find((b) => b.type === 'moov');
    if (!moov) return { ok: false, reason: 'no complete moov box (truncated before the header ended)' };
    const track = videoTrack(data, moov);
    const samples: SegmentSample[] = [];
    let ticks = 0;
    let fragments = 0;
    let complete = !truncated;
    for (let i = 0; i < boxes.length; i++) {
      const box = boxes[i]!;
      if (box.type !== 'moof') continue;
      const mdat = boxes[i + 1];
      if (!mdat) {
        // The moof is the last complete box: its mdat was cut off (a kill).
        complete = false;
        break;
      }
      if (mdat.type !== 'mdat') throw new Garbled(`moof at byte ${box.start} is not followed by its mdat`);
      const fragment = fragmentSamples(data, box, mdat, track);
      samples.push(...fragment.samples);
      ticks += fragment.ticks;
      fragments++;
    }
    if (!fragments) return { ok: false, reason: 'no complete fragment (empty, or truncated before the first fragment)' };
    return {
      ok: true, codec: track.codec, width: track.width, height: track.height, durationMs: Math.round((ticks * 1000) / track.timescale),
      fragments, complete, samples,
    };
  } catch (err) {
    if (err instanceof Garbled) return { ok: false, reason: err.message };
    if (err instanceof RangeError) return { ok: false, reason: `garbled boxes: ${err.message}` };
    throw err;
  }
}

/** How the ingester validates and measures a spooled file: the box walk above; tests may stand in. */
export interface SegmentInspector {
  inspect(data: Buffer): SegmentInspection;
}

export const boxInspector: SegmentInspector = { inspect: inspectSegment };
