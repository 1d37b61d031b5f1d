import { metadataValue, type ClipMetadata } from './export-args.js';

/**
 * Stream-copy clip assembly without ffmpeg (issue 8, bench/export): the recorder's segments are
 * fragmented MP4 (ftyp, moov with an empty sample table, then moof+mdat fragments), so a clip is
 * one init — the first segment's ftyp and moov, with creation_time, the camera's name and the
 * comment written where ffmpeg's muxer writes them (mvhd/tkhd/mdhd times, the track's hdlr name,
 * udta/meta/ilst ©nam and ©cmt) — followed by every segment's moof+mdat pairs, the moof's mfhd
 * sequence numbers renumbered and each tfdt (baseMediaDecodeTime) moved to the segment's start
 * relative to the clip start. Gaps between segments stay gaps in the timeline. Sample data is
 * never touched: the mdat bytes are the recorded bytes.
 *
 * Only the layout the recorder writes is handled: one track, a tfdt in every traf, no absolute
 * base-data-offset. Segments must share the sample description (stsd, so avcC, byte for byte),
 * timescale, track id, trex defaults and edit list. A first segment outside that raises
 * NotConcatenable with `beforeOutput` true (the caller falls back to ffmpeg); a later segment
 * that differs raises it with `beforeOutput` false (the bytes so far are useless; the caller
 * starts over with ffmpeg). Pure apart from reading the sources; boxes are rewritten in place in
 * the decrypted segment buffers, which belong to this function.
 */

export class NotConcatenable extends Error {
  constructor(message: string, readonly beforeOutput: boolean) {
    super(message);
    this.name = 'NotConcatenable';
  }
}

export interface Box {
  type: string;
  start: number;
  /** Where the body starts (after size, type and any largesize). */
  body: number;
  end: number;
}

/** The boxes in buf[from, to). A box running past `to` ends the walk (`truncated`), as does a malformed size. */
export function boxesIn(buf: Buffer, from: number, to: number): { boxes: Box[]; truncated: boolean } {
  const boxes: Box[] = [];
  let at = from;
  while (at + 8 <= to) {
    let size = buf.readUInt32BE(at);
    let header = 8;
    if (size === 1) {
      if (at + 16 > to) return { boxes, truncated: true };
      size = Number(buf.readBigUInt64BE(at + 8));
      header = 16;
    } else if (size === 0) size = to - at;
    if (size < header) return { boxes, truncated: true };
    if (at + size > to) return { boxes, truncated: true };
    boxes.push({ type: buf.toString('latin1', at + 4, at + 8), start: at, body: at + header, end: at + size });
    at += size;
  }
  return { boxes, truncated: at !== to };
}

const child = (buf: Buffer, parent: Box, type: string, fullBox = false): Box | undefined =>
  boxesIn(buf, parent.body + (fullBox ? 4 : 0), parent.end).boxes.find((b) => b.type === type);
const children = (buf: Buffer, parent: Box, type: string): Box[] => boxesIn(buf, parent.body, parent.end).boxes.filter((b) => b.type === type);

export function box(type: string, ...parts: Buffer[]): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + parts.reduce((n, p) => n + p.length, 0), 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, ...parts]);
}

/** What a segment's init says, and where its fragments are. */
export interface SegmentLayout {
  ftyp: Box;
  moov: Box;
  trackId: number;
  timescale: number;
  /** Bytes that must be equal in every segment of one clip: stsd, timescale, track id, trex, edit list. */
  format: Buffer;
  /** Complete moof+mdat pairs, in order (an incomplete last fragment, as a crash leaves it, is left out). */
  fragments: { moof: Box; mdatEnd: number }[];
}

export function segmentLayout(buf: Buffer): SegmentLayout {
  const top = boxesIn(buf, 0, buf.length).boxes;
  const ftyp = top[0]?.type === 'ftyp' ? top[0] : undefined;
  const moov = top.find((b) => b.type === 'moov');
  if (!ftyp || !moov) throw new Error('not a fragmented MP4 segment (no ftyp and moov)');
  const traks = children(buf, moov, 'trak');
  if (traks.length !== 1) throw new Error(`${traks.length} tracks (one video track expected)`);
  const trak = traks[0]!;
  const tkhd = child(buf, trak, 'tkhd');
  const mdia = child(buf, trak, 'mdia');
  const mdhd = mdia && child(buf, mdia, 'mdhd');
  const stbl = mdia && (() => {
    const minf = child(buf, mdia, 'minf');
    return minf && child(buf, minf, 'stbl');
  })();
  const stsd = stbl && child(buf, stbl, 'stsd');
  const mvex = child(buf, moov, 'mvex');
  const trex = mvex && child(buf, mvex, 'trex');
  if (!tkhd || !mdhd || !stsd || !trex) throw new Error('the init has no tkhd, mdhd, stsd or trex');
  const trackId = buf.readUInt32BE(tkhd.body + 4 + (buf[tkhd.body] === 1 ? 16 : 8));
  const timescale = buf.readUInt32BE(mdhd.body + 4 + (buf[mdhd.body] === 1 ? 16 : 8));
  const edts = child(buf, trak, 'edts');
  const ts = Buffer.alloc(8);
  ts.writeUInt32BE(timescale, 0);
  ts.writeUInt32BE(trackId, 4);
  const format = Buffer.concat([ts, buf.subarray(stsd.start, stsd.end), buf.subarray(trex.start, trex.end), edts ? buf.subarray(edts.start, edts.end) : Buffer.alloc(0)]);
  const fragments: SegmentLayout['fragments'] = [];
  for (let i = 0; i < top.length; i++) {
    if (top[i]!.type !== 'moof') continue;
    const mdat = top[i + 1];
    if (!mdat) break; // the last fragment was cut short
    if (mdat.type !== 'mdat') throw new Error('a moof not followed by its mdat');
    fragments.push({ moof: top[i]!, mdatEnd: mdat.end });
  }
  if (fragments.length === 0) throw new Error('no complete fragment');
  return { ftyp, moov, trackId, timescale, format, fragments };
}

const isoEpochMs = Date.UTC(1904, 0, 1);

/** creation_time and modification_time of a mvhd/tkhd/mdhd (FullBox v0: 32-bit, v1: 64-bit seconds since 1904). */
function setTimes(buf: Buffer, b: Box, seconds: number): void {
  if (buf[b.body] === 1) {
    buf.writeBigUInt64BE(BigInt(seconds), b.body + 4);
    buf.writeBigUInt64BE(BigInt(seconds), b.body + 12);
  } else {
    buf.writeUInt32BE(seconds >>> 0, b.body + 4);
    buf.writeUInt32BE(seconds >>> 0, b.body + 8);
  }
}

const cstring = (s: string) => Buffer.concat([Buffer.from(s.replace(/\0/g, ''), 'utf8'), Buffer.from([0])]);
const fullBox = (version = 0, flags = 0) => Buffer.from([version, (flags >> 16) & 0xff, (flags >> 8) & 0xff, flags & 0xff]);

/** A hdlr box with this handler type and name (ISO/IEC 14496-12 8.4.3). */
export function hdlrBox(handlerType: string, name: string, manufacturer = ''): Buffer {
  const reserved = Buffer.alloc(12);
  reserved.write(manufacturer, 0, 'latin1');
  return box('hdlr', fullBox(), Buffer.alloc(4), Buffer.from(handlerType, 'latin1'), reserved, cstring(name));
}

/** iTunes-style metadata as ffmpeg writes it: udta/meta(hdlr mdir)/ilst with ©nam (title) and ©cmt (comment). */
export function metadataUdta(title: string, comment: string): Buffer {
  const item = (key: string, value: string) => box(key, box('data', Buffer.from([0, 0, 0, 1, 0, 0, 0, 0]), Buffer.from(value, 'utf8')));
  const ilst = box('ilst', item('\u00a9nam', title), item('\u00a9cmt', comment));
  return box('udta', box('meta', fullBox(), hdlrBox('mdir', '', 'appl'), ilst));
}

/** Rebuilds a container from its children, replacing, dropping or keeping each. */
function rebuild(buf: Buffer, parent: Box, edit: (b: Box) => Buffer | null, append: Buffer[] = []): Buffer {
  const parts: Buffer[] = [];
  for (const b of boxesIn(buf, parent.body, parent.end).boxes) {
    const out = edit(b);
    if (out) parts.push(out);
  }
  return box(parent.type, ...parts, ...append);
}

/**
 * The clip's init: the segment's ftyp and moov with the clip's creation time in mvhd, tkhd and
 * mdhd, the track handler named after the camera, the metadata box replaced by title and comment,
 * and any mvex/mehd (a fragment duration of the segment, not the clip) left out.
 */
export function clipInit(segment: Buffer, layout: SegmentLayout, meta: ClipMetadata): Buffer {
  const buf = Buffer.from(segment.subarray(layout.ftyp.start, layout.moov.end)); // a copy: times are set in place
  const moov: Box = { ...layout.moov, start: layout.moov.start - layout.ftyp.start, body: layout.moov.body - layout.ftyp.start, end: layout.moov.end - layout.ftyp.start };
  const seconds = Math.max(0, Math.floor((meta.creationTime.getTime() - isoEpochMs) / 1000));
  const handlerName = metadataValue(`${meta.cameraName} (${meta.cameraId})`);
  const slice = (b: Box) => buf.subarray(b.start, b.end);
  const newMoov = rebuild(buf, moov, (b) => {
    if (b.type === 'mvhd') {
      setTimes(buf, b, seconds);
      return slice(b);
    }
    if (b.type === 'udta') return null;
    if (b.type === 'mvex') return rebuild(buf, b, (m) => (m.type === 'mehd' ? null : slice(m)));
    if (b.type === 'trak') {
      return rebuild(buf, b, (t) => {
        if (t.type === 'tkhd') {
          setTimes(buf, t, seconds);
          return slice(t);
        }
        if (t.type !== 'mdia') return slice(t);
        return rebuild(buf, t, (m) => {
          if (m.type === 'mdhd') {
            setTimes(buf, m, seconds);
            return slice(m);
          }
          if (m.type === 'hdlr') return hdlrBox(buf.toString('latin1', m.body + 8, m.body + 12), handlerName);
          return slice(m);
        });
      });
    }
    return slice(b);
  }, [metadataUdta(metadataValue(meta.cameraName), metadataValue(meta.comment))]);
  return Buffer.concat([buf.subarray(0, layout.ftyp.end - layout.ftyp.start), newMoov]);
}

/** The decode time a fragment covers: the trun sample durations, or the tfhd/trex default duration × samples. */
function fragmentDuration(buf: Buffer, traf: Box, tfhdDefault: number | null, trexDefault: number): number {
  let total = 0;
  for (const trun of children(buf, traf, 'trun')) {
    const flags = buf.readUIntBE(trun.body + 1, 3);
    const count = buf.readUInt32BE(trun.body + 4);
    let at = trun.body + 8 + (flags & 0x1 ? 4 : 0) + (flags & 0x4 ? 4 : 0);
    if (!(flags & 0x100)) {
      total += count * (tfhdDefault ?? trexDefault);
      continue;
    }
    const stride = 4 * [0x100, 0x200, 0x400, 0x800].filter((f) => flags & f).length;
    for (let i = 0; i < count; i++, at += stride) total += buf.readUInt32BE(at);
  }
  return total;
}

export interface FragmentTiming {
  /** The segment's offset in the clip, in track ticks. */
  offsetTicks: number;
  /** The first tfdt of the segment (its own time zero). */
  segmentBase: number;
  /** The clip's decode time reached so far: a segment never starts before it (no overlapping timestamps). */
  notBefore: number;
}

/**
 * Rewrites one fragment in place: mfhd sequence number, tfdt = offset + (tfdt − segment base),
 * never below `notBefore`; returns the decode time at the fragment's end.
 */
export function rewriteFragment(buf: Buffer, moof: Box, sequence: number, trackId: number, trexDuration: number, timing: FragmentTiming): number {
  const parts = boxesIn(buf, moof.body, moof.end).boxes;
  const mfhd = parts.find((b) => b.type === 'mfhd');
  const trafs = parts.filter((b) => b.type === 'traf');
  if (!mfhd || trafs.length !== 1) throw new Error('a fragment without mfhd or with other than one traf');
  buf.writeUInt32BE(sequence >>> 0, mfhd.body + 4);
  const traf = trafs[0]!;
  const tfhd = child(buf, traf, 'tfhd');
  const tfdt = child(buf, traf, 'tfdt');
  if (!tfhd || !tfdt) throw new Error('a fragment without tfhd or tfdt');
  const flags = buf.readUIntBE(tfhd.body + 1, 3);
  if (flags & 0x1) throw new Error('absolute base data offsets (cannot be moved)');
  if (buf.readUInt32BE(tfhd.body + 4) !== trackId) throw new Error('a fragment of another track');
  const tfhdDuration = flags & 0x8 ? buf.readUInt32BE(tfhd.body + 8 + (flags & 0x2 ? 4 : 0)) : null;
  const v1 = buf[tfdt.body] === 1;
  const original = v1 ? Number(buf.readBigUInt64BE(tfdt.body + 4)) : buf.readUInt32BE(tfdt.body + 4);
  const base = Math.max(timing.notBefore, timing.offsetTicks + (original - timing.segmentBase));
  if (v1) buf.writeBigUInt64BE(BigInt(base), tfdt.body + 4);
  else if (base > 0xffff_ffff) throw new Error('the clip is too long for 32-bit fragment decode times');
  else buf.writeUInt32BE(base, tfdt.body + 4);
  return base + fragmentDuration(buf, traf, tfhdDuration, trexDuration);
}

export interface ConcatSource {
  start: Date;
  read(): Promise<Buffer>;
}

/**
 * The clip as chunks: the init, then each segment's fragments (rewritten in place, yielded as
 * views of the segment buffer). The next segment is read (decrypted) while the current one is
 * consumed, so at most two segments are in memory.
 */
export async function* concatFragments(sources: readonly ConcatSource[], clipStart: Date, meta: ClipMetadata): AsyncGenerator<Buffer> {
  if (sources.length === 0) throw new Error('no footage to assemble');
  const prefetch = (s: ConcatSource): Promise<Buffer> => {
    const read = s.read();
    read.catch(() => undefined); // awaited below
    return read;
  };
  let format: Buffer | null = null;
  let sequence = 1;
  let reached = 0;
  let next: Promise<Buffer> | null = prefetch(sources[0]!);
  try {
    for (let i = 0; next; i++) {
      const segment: Buffer = await next;
      next = i + 1 < sources.length ? prefetch(sources[i + 1]!) : null;
      let layout: SegmentLayout;
      try {
        layout = segmentLayout(segment);
      } catch (e) {
        throw new NotConcatenable(`segment ${i + 1}: ${(e as Error).message}`, format === null);
      }
      const trex = child(segment, child(segment, layout.moov, 'mvex')!, 'trex')!;
      const trexDuration = segment.readUInt32BE(trex.body + 12);
      const first = format === null;
      let init: Buffer | null = null;
      if (first) {
        format = layout.format;
        init = clipInit(segment, layout, meta);
      } else if (!format!.equals(layout.format)) {
        throw new NotConcatenable(`segment ${i + 1} has another sample description, timescale or track layout than the first`, false);
      }
      const offsetTicks = Math.round((Math.max(0, sources[i]!.start.getTime() - clipStart.getTime()) * layout.timescale) / 1000);
      const firstTfdt = child(segment, child(segment, layout.fragments[0]!.moof, 'traf')!, 'tfdt');
      const segmentBase = firstTfdt ? (segment[firstTfdt.body] === 1 ? Number(segment.readBigUInt64BE(firstTfdt.body + 4)) : segment.readUInt32BE(firstTfdt.body + 4)) : 0;
      let runStart = -1;
      let runEnd = -1;
      const runs: Buffer[] = [];
      for (const f of layout.fragments) {
        try {
          reached = rewriteFragment(segment, f.moof, sequence++, layout.trackId, trexDuration, { offsetTicks, segmentBase, notBefore: reached });
        } catch (e) {
          throw new NotConcatenable(`segment ${i + 1}: ${(e as Error).message}`, first);
        }
        if (f.moof.start !== runEnd) {
          if (runStart >= 0) runs.push(segment.subarray(runStart, runEnd));
          runStart = f.moof.start;
        }
        runEnd = f.mdatEnd;
      }
      runs.push(segment.subarray(runStart, runEnd));
      if (init) yield init; // only once the first segment's fragments were all rewritten: a failure before it leaves no output
      for (const r of runs) yield r;
    }
  } finally {
    next = null;
  }
}
