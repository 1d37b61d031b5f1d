import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inspectSegmentFile } from './segment-file.js';
import { inspectSegment } from './segment-inspection.js';

/** A tiny fragmented-MP4 builder: the boxes ffmpeg's segment muxer writes, with made-up samples. */
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
};
const u16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
};
const box = (type: string, ...parts: Buffer[]) => {
  const body = Buffer.concat(parts);
  return Buffer.concat([u32(body.length + 8), Buffer.from(type, 'latin1'), body]);
};
const full = (type: string, version: number, flags: number, ...parts: Buffer[]) => box(type, u32((version << 24) | flags), ...parts);

interface Build {
  handler?: string;
  timescale?: number;
  entry?: string;
  trackId?: number;
  trexDuration?: number;
}

function header(o: Build = {}): Buffer {
  const trackId = o.trackId ?? 1;
  const sampleEntry = box(o.entry ?? 'avc1', Buffer.alloc(24), u16(1920), u16(1080), Buffer.alloc(50));
  const stbl = box('stbl', full('stsd', 0, 0, u32(1), sampleEntry));
  const mdia = box(
    'mdia',
    full('mdhd', 0, 0, u32(0), u32(0), u32(o.timescale ?? 90_000), u32(0), u32(0)),
    full('hdlr', 0, 0, u32(0), Buffer.from(o.handler ?? 'vide'), Buffer.alloc(13)),
    box('minf', stbl),
  );
  const trak = box('trak', full('tkhd', 0, 3, u32(0), u32(0), u32(trackId), u32(0), u32(0), Buffer.alloc(60)), mdia);
  const mvex = box('mvex', full('trex', 0, 0, u32(trackId), u32(1), u32(o.trexDuration ?? 0), u32(0), u32(0x0101_0000)));
  return Buffer.concat([box('ftyp', Buffer.from('isom'), u32(512)), box('moov', full('mvhd', 0, 0, Buffer.alloc(96)), trak, mvex)]);
}

/** One moof+mdat: samples of the given sizes (the first a keyframe), each `duration` ticks. */
function fragment(sizes: number[], o: { duration?: number; dataOffsetDelta?: number; mdatShort?: number; trackId?: number; perSampleDuration?: boolean } = {}): Buffer {
  const perSample = o.perSampleDuration ?? true;
  const trunFlags = 0x01 | 0x04 | 0x200 | (perSample ? 0x100 : 0);
  const entries = sizes.map((size) => (perSample ? Buffer.concat([u32(o.duration ?? 3600), u32(size)]) : u32(size)));
  const build = (dataOffset: number) => {
    const trun = full('trun', 0, trunFlags, u32(sizes.length), u32(dataOffset), u32(0x0200_0000), ...entries);
    const tfhd = full('tfhd', 0, 0x02_0000 | (perSample ? 0 : 0x08), u32(o.trackId ?? 1), ...(perSample ? [] : [u32(o.duration ?? 3600)]));
    const traf = box('traf', tfhd, full('tfdt', 1, 0, Buffer.alloc(8)), trun);
    return box('moof', full('mfhd', 0, 0, u32(1)), traf);
  };
  const moofLength = build(0).length;
  const moof = build(moofLength + 8 + (o.dataOffsetDelta ?? 0));
  const payload = Buffer.alloc(Math.max(0, sizes.reduce((a, b) => a + b, 0) - (o.mdatShort ?? 0)), 7);
  return Buffer.concat([moof, box('mdat', payload)]);
}

/** The first sample of each fragment is a keyframe (trun first_sample_flags); the rest take trex's default flags: non-sync. */
function segment(o: Build = {}, fragments: Buffer[] = [fragment([5000, 50, 60]), fragment([5200, 40, 300])]): Buffer {
  return Buffer.concat([header({ ...o }), ...fragments]);
}

describe('in-process segment inspection (fMP4 box walk)', () => {
  const whole = segment();

  it('a complete segment: codec, size, duration from the sample durations and timescale, samples with key flags', () => {
    const r = inspectSegment(whole);
    expect(r).toMatchObject({ ok: true, codec: 'h264', width: 1920, height: 1080, durationMs: 240, fragments: 2, complete: true });
    expect(r.ok && r.samples.map((s) => s.size)).toEqual([5000, 50, 60, 5200, 40, 300]);
    expect(r.ok && r.samples.map((s) => s.key)).toEqual([true, false, false, true, false, false]);
  });

  const usable = [
    { name: 'durations from the track fragment header default', data: segment({}, [fragment([100, 10], { perSampleDuration: false, duration: 9000 })]), durationMs: 200 },
    { name: 'another timescale', data: segment({ timescale: 1000 }, [fragment([100, 10, 10], { duration: 40 })]), durationMs: 120 },
    { name: 'H.265', data: segment({ entry: 'hvc1' }), codec: 'hevc' },
    { name: 'cut short in the second mdat (a kill): only the first fragment counts', data: whole.subarray(0, whole.length - 100), durationMs: 120, fragments: 1, complete: false },
    { name: 'cut short right after a moof', data: whole.subarray(0, whole.length - 5548), fragments: 1, complete: false },
    { name: 'cut short inside the header of the last mdat', data: whole.subarray(0, whole.length - 5544), fragments: 1, complete: false },
  ];
  it.each(usable)('usable: $name', ({ name: _name, data, ...expected }) => {
    expect(inspectSegment(data)).toMatchObject({ ok: true, ...expected });
  });

  const refused = [
    { name: 'an empty file', data: Buffer.alloc(0), reason: /empty file/ },
    { name: 'text', data: Buffer.from('this is not a video'), reason: /garbled box type|not an MP4/ },
    { name: 'header only (no fragment)', data: header(), reason: /no complete fragment/ },
    { name: 'cut short inside the header', data: whole.subarray(0, 200), reason: /no complete moov/ },
    { name: 'cut short inside the first mdat', data: whole.subarray(0, header().length + fragment([5000, 50, 60]).length - 10), reason: /no complete fragment/ },
    { name: 'a box of impossible size', data: Buffer.concat([whole.subarray(0, 24), u32(3), Buffer.from('free'), whole.subarray(32)]), reason: /impossible size/ },
    { name: 'no video track', data: segment({ handler: 'soun' }), reason: /no video track/ },
    { name: 'samples pointing past their mdat', data: segment({}, [fragment([100, 10], { dataOffsetDelta: 64 })]), reason: /outside the mdat/ },
    { name: 'an mdat shorter than its samples', data: segment({}, [fragment([100, 10], { mdatShort: 5 })]), reason: /outside the mdat/ },
    { name: 'samples without durations', data: segment({}, [fragment([100, 10], { duration: 0 })]), reason: /without durations/ },
    { name: 'a fragment of another track only', data: segment({}, [fragment([100, 10], { trackId: 2 })]), reason: /no video samples/ },
    { name: 'a moof followed by another moof', data: Buffer.concat([header(), fragment([100]).subarray(0, fragment([100]).length - 108), fragment([100])]), reason: /not followed by its mdat/ },
    { name: 'timescale 0', data: segment({ timescale: 0 }), reason: /timescale 0/ },
  ];
  it.each(refused)('refused: $name', ({ data, reason }) => {
    const r = inspectSegment(data);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('a 64-bit box size is read', () => {
    const [ftypEnd] = [header().indexOf(Buffer.from('moov')) - 4];
    const free = Buffer.concat([u32(1), Buffer.from('free'), Buffer.from([0, 0, 0, 0, 0, 0, 0, 20]), Buffer.alloc(4)]);
    const data = Buffer.concat([whole.subarray(0, ftypEnd), free, whole.subarray(ftypEnd)]);
    expect(inspectSegment(data)).toMatchObject({ ok: true, fragments: 2 });
  });

  // The ingester walks the file through SparseFile (only headers and small boxes read from disk):
  // the same answer as the walk over the whole file in memory, for every case above and for
  // boxes larger than its read window (a moof of 700 samples, mdats of 100 kB).
  const big = segment({}, [fragment([100_000, ...Array.from({ length: 699 }, () => 150)]), fragment([90_000, 20, 30])]);
  it.each([{ name: 'complete', data: whole }, { name: 'large boxes', data: big }, { name: 'large boxes, cut short', data: big.subarray(0, big.length - 50) }, ...usable, ...refused])(
    'read from the file, headers only: the same result ($name)',
    ({ data }) => {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-sparse-')), 'seg.mp4');
      fs.writeFileSync(file, data);
      try {
        const r = inspectSegmentFile(file);
        expect(r.inspection).toEqual(inspectSegment(data));
        expect(r.bytes).toBe(data.length);
        if (data === big) expect(r.bytesRead).toBeLessThan(30_000); // not the ~290 kB of video data
      } finally {
        fs.rmSync(path.dirname(file), { recursive: true, force: true });
      }
    },
  );
});
