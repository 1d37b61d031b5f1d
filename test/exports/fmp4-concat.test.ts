import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assembleClip } from '../../src/exports/clip-assembler.js';
import { boxesIn, clipInit, concatFragments, metadataUdta, NotConcatenable, rewriteFragment, segmentLayout, box } from '../../src/exports/fmp4-concat.js';
import { childEnv } from '../../src/recording/ffmpeg-args.js';
import { ffmpegPath, ffprobePath, testBinaries } from '../recording/media.js';

/**
 * Stream-copy assembly in Node (issue 8, bench/export): table tests of the box rewriting on tiny
 * synthetic boxes, and real segments made by ffmpeg with the recorder's fragmented-MP4 flags,
 * assembled with a gap, read back by ffprobe and decoded by ffmpeg without an error.
 */

const u32 = (v: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(v);
  return b;
};
const u64 = (v: number) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(v));
  return b;
};
const full = (version: number, flags: number) => Buffer.from([version, (flags >> 16) & 0xff, (flags >> 8) & 0xff, flags & 0xff]);

interface Frag { seq?: number; tfhdFlags?: number; defaultDuration?: number; tfdtVersion?: 0 | 1; tfdt?: number; durations?: number[] | null; samples?: number; trackId?: number }
function moof(o: Frag = {}): Buffer {
  const flags = o.tfhdFlags ?? 0x20000 | (o.defaultDuration !== undefined ? 0x8 : 0);
  const tfhd = box('tfhd', full(0, flags), u32(o.trackId ?? 1), ...(flags & 0x1 ? [u64(0)] : []), ...(flags & 0x8 ? [u32(o.defaultDuration ?? 0)] : []));
  const tfdt = box('tfdt', full(o.tfdtVersion ?? 1, 0), (o.tfdtVersion ?? 1) === 1 ? u64(o.tfdt ?? 0) : u32(o.tfdt ?? 0));
  const durations = o.durations === undefined ? [512, 512, 512] : o.durations;
  const trun = durations
    ? box('trun', full(0, 0x1 | 0x100 | 0x200), u32(durations.length), u32(0), ...durations.flatMap((d) => [u32(d), u32(100)]))
    : box('trun', full(0, 0x1 | 0x200), u32(o.samples ?? 2), u32(0), ...Array.from({ length: o.samples ?? 2 }, () => u32(100)));
  return box('moof', box('mfhd', full(0, 0), u32(o.seq ?? 7)), box('traf', tfhd, tfdt, trun));
}
const at = (buf: Buffer, type: string): number => buf.indexOf(Buffer.from(type, 'latin1')) - 4;

describe('rewriteFragment (synthetic boxes)', () => {
  const table: { name: string; frag: Frag; timing: { offsetTicks: number; segmentBase: number; notBefore: number }; tfdt: number; end: number }[] = [
    { name: 'segment time zero moves to its offset', frag: { tfdt: 0 }, timing: { offsetTicks: 51200, segmentBase: 0, notBefore: 0 }, tfdt: 51200, end: 51200 + 1536 },
    { name: 'a later fragment keeps its distance from the segment start', frag: { tfdt: 25600 }, timing: { offsetTicks: 51200, segmentBase: 0, notBefore: 0 }, tfdt: 76800, end: 76800 + 1536 },
    { name: 'a segment whose own times do not start at zero', frag: { tfdt: 900_000 }, timing: { offsetTicks: 1000, segmentBase: 900_000, notBefore: 0 }, tfdt: 1000, end: 2536 },
    { name: 'never before the end of what came before (no overlap)', frag: { tfdt: 0 }, timing: { offsetTicks: 100, segmentBase: 0, notBefore: 300 }, tfdt: 300, end: 1836 },
    { name: 'a 32-bit tfdt', frag: { tfdtVersion: 0, tfdt: 10 }, timing: { offsetTicks: 90_000, segmentBase: 10, notBefore: 0 }, tfdt: 90_000, end: 91_536 },
    { name: 'durations from the tfhd default', frag: { durations: null, samples: 4, defaultDuration: 40 }, timing: { offsetTicks: 0, segmentBase: 0, notBefore: 0 }, tfdt: 0, end: 160 },
    { name: 'durations from the trex default', frag: { durations: null, samples: 3 }, timing: { offsetTicks: 5, segmentBase: 0, notBefore: 0 }, tfdt: 5, end: 5 + 3 * 33 },
  ];
  for (const t of table) {
    it(t.name, () => {
      const buf = moof(t.frag);
      const end = rewriteFragment(buf, boxesIn(buf, 0, buf.length).boxes[0]!, 42, 1, 33, t.timing);
      expect(end).toBe(t.end);
      expect(buf.readUInt32BE(at(buf, 'mfhd') + 12)).toBe(42);
      const tfdt = at(buf, 'tfdt');
      expect(buf[tfdt + 8] === 1 ? Number(buf.readBigUInt64BE(tfdt + 12)) : buf.readUInt32BE(tfdt + 12)).toBe(t.tfdt);
      expect(buf.length).toBe(moof(t.frag).length); // rewritten in place: data offsets stay right
    });
  }
  const refusals: { name: string; frag: Frag; timing?: { offsetTicks: number; segmentBase: number; notBefore: number }; reason: RegExp }[] = [
    { name: 'an absolute base data offset', frag: { tfhdFlags: 0x1 }, reason: /absolute base data offsets/ },
    { name: 'another track', frag: { trackId: 2 }, reason: /another track/ },
    { name: 'a 32-bit tfdt that would overflow', frag: { tfdtVersion: 0 }, timing: { offsetTicks: 2 ** 32, segmentBase: 0, notBefore: 0 }, reason: /32-bit/ },
  ];
  for (const r of refusals) {
    it(`refuses ${r.name}`, () => {
      const buf = moof(r.frag);
      expect(() => rewriteFragment(buf, boxesIn(buf, 0, buf.length).boxes[0]!, 1, 1, 33, r.timing ?? { offsetTicks: 0, segmentBase: 0, notBefore: 0 })).toThrow(r.reason);
    });
  }
});

describe('boxesIn and the metadata box', () => {
  it.each([
    { name: 'two whole boxes', data: Buffer.concat([box('free', Buffer.alloc(4)), box('skip')]), types: ['free', 'skip'], truncated: false },
    { name: 'the second cut short', data: Buffer.concat([box('free', Buffer.alloc(4)), box('mdat', Buffer.alloc(10))]).subarray(0, 20), types: ['free'], truncated: true },
    { name: 'a 64-bit size', data: Buffer.concat([u32(1), Buffer.from('mdat'), u64(20), Buffer.alloc(4)]), types: ['mdat'], truncated: false },
    { name: 'a size below its header', data: Buffer.concat([u32(4), Buffer.from('free')]), types: [], truncated: true },
  ])('$name', ({ data, types, truncated }) => {
    const r = boxesIn(data, 0, data.length);
    expect(r.boxes.map((b) => b.type)).toEqual(types);
    expect(r.truncated).toBe(truncated);
  });

  it('writes title and comment as ffmpeg does (udta/meta/hdlr mdir/ilst ©nam ©cmt)', () => {
    const udta = metadataUdta('Entree', 'Z-1 / export');
    const text = udta.toString('latin1');
    for (const s of ['udta', 'meta', 'mdirappl', 'ilst', '\u00a9nam', 'Entree', '\u00a9cmt', 'Z-1 / export']) expect(text).toContain(s);
    expect(udta.readUInt32BE(0)).toBe(udta.length);
  });
});

describe('concatFragments on real segments (ffmpeg, recorder flags)', () => {
  let dir: string;
  const seg = (name: string, size = '320x240', seconds = 4) => {
    const file = path.join(dir, name);
    const r = spawnSync(ffmpegPath(), [
      '-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=25`, '-t', String(seconds),
      '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '50', '-pix_fmt', 'yuv420p', '-movflags', '+frag_keyframe+empty_moov+default_base_moof', '-f', 'mp4', file,
    ], { env: childEnv(), encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    return fs.readFileSync(file);
  };
  const t0 = new Date('2026-11-20T10:00:00.000Z');
  const meta = { creationTime: t0, cameraName: 'Entree west', cameraId: 'cam-w', comment: 'Z-2026-1 / export e1' };
  const src = (data: Buffer, offsetMs: number) => ({ start: new Date(t0.getTime() + offsetMs), read: async () => Buffer.from(data) });
  let a: Buffer;
  let other: Buffer;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-fmp4-'));
    a = seg('a.mp4');
    other = seg('b.mp4', '352x288');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const collect = async (it: AsyncIterable<Buffer>) => {
    const parts: Buffer[] = [];
    for await (const c of it) parts.push(Buffer.from(c));
    return Buffer.concat(parts);
  };
  const probe = (file: string, entries: string) => JSON.parse(spawnSync(ffprobePath(), ['-v', 'error', '-count_frames', '-show_entries', entries, '-of', 'json', file], { encoding: 'utf8' }).stdout) as Record<string, unknown>;

  it('three segments with a gap: ffprobe reads the duration, every frame, times and metadata; ffmpeg decodes without an error', async () => {
    const out = path.join(dir, 'clip.mp4');
    fs.writeFileSync(out, await collect(assembleClip(await testBinaries(), [src(a, 0), src(a, 4000), src(a, 12_000)], t0, meta)));
    const p = probe(out, 'format=duration:format_tags=creation_time,title,comment:stream=codec_name,nb_read_frames,width:stream_tags=handler_name') as { format: { duration: string; tags: Record<string, string> }; streams: { codec_name: string; nb_read_frames: string; tags: Record<string, string> }[] };
    expect(Number(p.format.duration)).toBeCloseTo(16, 1); // 3 × 4 s of footage, the 4 s gap kept
    expect(p.streams[0]!.codec_name).toBe('h264');
    expect(Number(p.streams[0]!.nb_read_frames)).toBe(300);
    expect(p.format.tags).toMatchObject({ creation_time: '2026-11-20T10:00:00.000000Z', title: 'Entree west', comment: 'Z-2026-1 / export e1' });
    expect(p.streams[0]!.tags.handler_name).toBe('Entree west (cam-w)');
    const packets = (probe(out, 'packet=pts_time') as { packets: { pts_time: string }[] }).packets.map((x) => Number(x.pts_time)).sort((x, y) => x - y);
    expect(packets[100]).toBeCloseTo(4, 2);
    expect(packets[200]).toBeCloseTo(12, 2); // after the gap
    const decode = spawnSync(ffmpegPath(), ['-v', 'error', '-i', out, '-f', 'null', '-'], { env: childEnv(), encoding: 'utf8' });
    expect(decode.status).toBe(0);
    expect(decode.stderr).toBe('');
    // mfhd sequence numbers run on across the segments.
    const bytes = fs.readFileSync(out);
    const seqs: number[] = [];
    for (let i = bytes.indexOf('mfhd'); i >= 0; i = bytes.indexOf('mfhd', i + 4)) seqs.push(bytes.readUInt32BE(i + 8));
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(seqs.length).toBe(3 * segmentLayout(a).fragments.length);
  });

  it('the init carries the creation time in mvhd and leaves no segment metadata behind', () => {
    const init = clipInit(a, segmentLayout(a), meta);
    const mvhd = init.indexOf('mvhd') - 4;
    expect(init.readUInt32BE(mvhd + 12)).toBe(Math.floor((t0.getTime() - Date.UTC(1904, 0, 1)) / 1000));
    expect(init.toString('latin1')).not.toContain('Lavf');
    expect(boxesIn(init, 0, init.length).boxes.map((b) => b.type)).toEqual(['ftyp', 'moov']);
  });

  it('a later segment of another format stops the clip (NotConcatenable, output already begun)', async () => {
    const err = await collect(concatFragments([src(a, 0), src(other, 4000)], t0, meta)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotConcatenable);
    expect((err as NotConcatenable).beforeOutput).toBe(false);
  });

  it('a first segment not in the recorder layout falls back to the ffmpeg remux, which still makes a playable clip', async () => {
    const plain = path.join(dir, 'plain.mp4');
    const r = spawnSync(ffmpegPath(), ['-hide_banner', '-loglevel', 'error', '-i', path.join(dir, 'a.mp4'), '-c', 'copy', '-movflags', '+faststart', plain], { env: childEnv(), encoding: 'utf8' });
    expect(r.status).toBe(0);
    const data = fs.readFileSync(plain);
    const direct = await collect(concatFragments([src(data, 0)], t0, meta)).catch((e: unknown) => e);
    expect(direct).toBeInstanceOf(NotConcatenable);
    expect((direct as NotConcatenable).beforeOutput).toBe(true);
    const out = path.join(dir, 'fallback.mp4');
    fs.writeFileSync(out, await collect(assembleClip(await testBinaries(), [src(data, 0)], t0, meta)));
    const p = probe(out, 'stream=nb_read_frames') as { streams: { nb_read_frames: string }[] };
    expect(Number(p.streams[0]!.nb_read_frames)).toBe(100);
  });
});
