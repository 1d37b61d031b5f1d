import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assembleClip } from '../../src/exports/clip-assembler.js';
import { childEnv } from '../../src/recording/ffmpeg-args.js';
import type { FfmpegBinaries } from '../../src/recording/media-tools.js';
import { ffmpegPath, ffprobePath, testBinaries } from '../recording/media.js';
import { verifyPackage } from '../../src/exports/verify.js';
import { Browsers } from '../support/browser.js';
import type { TestApp } from '../support/app.js';
import { closeExportApp, exportViaJob, openExportApp, recordFootage } from './support.js';

/**
 * Exact trim (issue 8, item 1) on real footage: 4 s fragmented-MP4 segments of a moving test scene
 * (ffmpeg lavfi, 25 fps, a keyframe every 2 s), trimmed to windows that start and end mid-GOP.
 * Checked against the source: every frame of the window is there once and in its place (timestamps,
 * and by picture: each output frame looks most like the source frame of its instant), the GOPs wholly
 * inside the window are the source's packets byte for byte (and decode to the same pixels), the
 * partial GOPs at the ends are re-encoded, and ffmpeg and ffprobe decode the file without a single error.
 */
const FPS = 25;
const GOP = 50;
const SEG_FRAMES = 100;
const W = 320;
const H = 240;
const FRAME_BYTES = W * H;
const anchor = new Date(Date.UTC(2026, 2, 30, 10, 0, 0));

interface Source {
  name: string;
  segments: Buffer[];
  /** Per source frame index n (segment i × 100 + frame): the packet hash without parameter sets/AUD, and the decoded picture (gray). */
  packets: Map<number, string>;
  pictures: Map<number, Buffer>;
  profile: string;
}

function ffmpeg(args: string[], input?: Buffer): Buffer {
  const r = spawnSync(ffmpegPath(), args, { env: childEnv(), input, maxBuffer: 512 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`ffmpeg ${args.join(' ')}: ${r.stderr.toString()}`);
  return r.stdout;
}

/** Packet hashes by presentation order (the bytes of every NAL unit except SPS, PPS and access-unit delimiters, which the join adds in band). */
function packetHashes(file: string): string[] {
  const text = ffmpeg(['-hide_banner', '-loglevel', 'error', '-i', file, '-map', '0:v:0', '-c', 'copy', '-bsf:v', 'filter_units=remove_types=7|8|9', '-f', 'framemd5', '-']).toString('utf8');
  const rows = text.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(',').map((c) => c.trim()));
  return rows.map((r) => ({ pts: Number(r[2]), hash: `${r[4]}:${r[5]}` })).sort((a, b) => a.pts - b.pts).map((r) => r.hash);
}

/** Decoded pictures (luma only) in presentation order. */
function pictures(file: string): Buffer[] {
  const raw = ffmpeg(['-hide_banner', '-loglevel', 'error', '-i', file, '-map', '0:v:0', '-vsync', 'passthrough', '-f', 'rawvideo', '-pix_fmt', 'gray', '-']);
  const out: Buffer[] = [];
  for (let o = 0; o + FRAME_BYTES <= raw.length; o += FRAME_BYTES) out.push(raw.subarray(o, o + FRAME_BYTES));
  return out;
}

function meanDiff(a: Buffer, b: Buffer): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

function probe(file: string) {
  const r = spawnSync(ffprobePath(), ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'format=duration:stream=codec_name,codec_tag_string,profile,width,height,nb_read_frames:packet=pts_time,flags', '-of', 'json', file], { env: childEnv(), encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr, info: JSON.parse(r.stdout || '{}') as { format: { duration: string }; streams: { codec_name: string; codec_tag_string: string; profile: string; width: number; height: number; nb_read_frames: string }[]; packets: { pts_time: string; flags: string }[] } };
}

function makeSource(dir: string, name: string, encoder: string[]): Source {
  const segments: Buffer[] = [];
  const packets = new Map<number, string>();
  const pics = new Map<number, Buffer>();
  for (let i = 0; i < 3; i++) {
    const file = path.join(dir, `${name}-${i}.mp4`);
    ffmpeg([
      '-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=${W}x${H}:rate=${FPS}`, '-ss', String(i * 4), '-t', '4',
      '-c:v', 'libx264', ...encoder, '-g', String(GOP), '-keyint_min', String(GOP), '-sc_threshold', '0', '-pix_fmt', 'yuv420p',
      '-movflags', '+frag_keyframe+empty_moov+default_base_moof', '-f', 'mp4', file,
    ]);
    segments.push(fs.readFileSync(file));
    packetHashes(file).forEach((h, f) => packets.set(i * SEG_FRAMES + f, h));
    pictures(file).forEach((p, f) => pics.set(i * SEG_FRAMES + f, p));
  }
  const profile = probe(path.join(dir, `${name}-0.mp4`)).info.streams[0]!.profile;
  return { name, segments, packets, pictures: pics, profile };
}

async function trimmed(binaries: FfmpegBinaries, source: Source, present: number[], start: number, end: number, file: string): Promise<void> {
  const sources = present.map((i) => ({ start: new Date(anchor.getTime() + i * 4000), read: async () => source.segments[i]! }));
  const clipStart = sources[0]!.start;
  const chunks: Buffer[] = [];
  const meta = { creationTime: anchor, cameraName: 'Entree', cameraId: 'cam-x', comment: 'Z-1' };
  const offset = (clipStart.getTime() - anchor.getTime()) / 1000;
  for await (const c of assembleClip(binaries, sources, clipStart, meta, { startSeconds: start - offset, durationSeconds: end - start })) chunks.push(c);
  fs.writeFileSync(file, Buffer.concat(chunks));
}

describe('exact trim re-encodes only the partial first and last GOP (issue 8, item 1)', () => {
  let dir: string;
  let binaries: FfmpegBinaries;
  const sources: Record<string, Source> = {};
  const encoders: Record<string, string[]> = {
    // The recorder's own encoder settings (Constrained Baseline, no B-frames), as many cameras send.
    baseline: ['-preset', 'ultrafast', '-bf', '0'],
    // Main profile with B-frames (reordered packets): re-encoded whole (exact-trim.ts, limitation), still exact.
    'main-bframes': ['-preset', 'veryfast', '-profile:v', 'main', '-bf', '2'],
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-exact-trim-'));
    binaries = await testBinaries();
    for (const [name, encoder] of Object.entries(encoders)) sources[name] = makeSource(dir, name, encoder);
  }, 120_000);
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  // [case, source encoder, segments present, window start, window end (seconds after the first segment's start)]
  it.each([
    ['mid-GOP to mid-GOP across three segments', 'baseline', [0, 1, 2], 1.3, 10.7],
    ['mid-GOP to mid-GOP, B-frames in the source: all re-encoded', 'main-bframes', [0, 1, 2], 1.3, 10.7],
    ['inside one GOP: just that piece re-encoded', 'baseline', [0, 1, 2], 4.5, 5.5],
    ['inside one GOP, B-frames', 'main-bframes', [0, 1, 2], 8.2, 9.1],
    ['starting on a keyframe: nothing re-encoded at the start', 'baseline', [0, 1, 2], 2, 7.3],
    ['across a gap in the footage (segment 4–8 s missing): the jump stays in the timeline', 'baseline', [0, 2], 1.3, 10.7],
  ])('%s (%s)', async (name, sourceName, present, start, end) => {
    const source = sources[sourceName]!;
    const file = path.join(dir, `${name.replace(/\W+/g, '-')}.mp4`);
    await trimmed(binaries, source, present as number[], start, end, file);

    // What the window holds in the source: frame n lies at n / 25 s.
    const expected = [...source.packets.keys()].filter((n) => present.includes(Math.floor(n / SEG_FRAMES)) && n / FPS >= start - 1e-9 && n / FPS < end - 1e-9).sort((a, b) => a - b);
    const n0 = expected[0]!;
    // A GOP lies wholly inside the window when its keyframe and the next one are inside: then it is copied (not with B-frames).
    const copied = (n: number) => sourceName === 'baseline' && Math.floor(n / GOP) * GOP >= start * FPS - 1e-6 && (Math.floor(n / GOP) + 1) * GOP <= end * FPS + 1e-6;

    // ffmpeg and ffprobe decode it without a single message.
    const decoded = spawnSync(ffmpegPath(), ['-v', 'error', '-i', file, '-f', 'null', '-'], { env: childEnv(), encoding: 'utf8' });
    expect(decoded.status).toBe(0);
    expect(decoded.stderr).toBe('');
    const { status, stderr, info } = probe(file);
    expect(status).toBe(0);
    expect(stderr).toBe('');
    expect(info.streams[0]).toMatchObject({ codec_name: 'h264', codec_tag_string: 'avc3', width: W, height: H, profile: source.profile });

    // Every frame of the window once; the first at the window start (within one frame); each at its own instant.
    expect(Number(info.streams[0]!.nb_read_frames)).toBe(expected.length);
    expect(n0 / FPS - start).toBeGreaterThanOrEqual(0);
    expect(n0 / FPS - start).toBeLessThan(1 / FPS);
    const times = info.packets.map((p) => Number(p.pts_time)).sort((a, b) => a - b);
    expect(times[0]).toBe(0);
    expect(times.map((t, j) => Math.abs(t - (expected[j]! - n0) / FPS) < 0.002)).not.toContain(false);
    // The duration equals the window within one frame.
    expect(Math.abs(Number(info.format.duration) - (end - start))).toBeLessThanOrEqual(1 / FPS + 0.001);

    // The GOPs wholly inside the window are the source's packets, byte for byte; the rest is re-encoded.
    const hashes = packetHashes(file);
    expect(hashes).toHaveLength(expected.length);
    const same = expected.map((n, j) => hashes[j] === source.packets.get(n));
    expect(same).toEqual(expected.map(copied));
    if (end - start > 4 && sourceName === 'baseline') expect(same.filter(Boolean).length).toBeGreaterThanOrEqual(GOP);

    // By picture: copied frames decode to exactly the source's pixels; every re-encoded one looks most like the source frame of its instant.
    const pics = pictures(file);
    expect(pics).toHaveLength(expected.length);
    for (const [j, n] of expected.entries()) {
      const here = meanDiff(pics[j]!, source.pictures.get(n)!);
      if (copied(n)) expect(here, `frame ${n}`).toBe(0);
      else {
        expect(here, `frame ${n} re-encoded close to the source`).toBeLessThan(3);
        for (const other of [n - 1, n + 1]) if (source.pictures.has(other)) expect(here, `frame ${n} vs ${other}`).toBeLessThan(meanDiff(pics[j]!, source.pictures.get(other)!));
      }
    }
  }, 60_000);

  it('Chromium plays the joined clip to the end, every frame decoded', async () => {
    const file = path.join(dir, 'play.mp4');
    await trimmed(binaries, sources.baseline!, [0, 1, 2], 1.3, 10.7, file);
    const browsers = new Browsers();
    try {
      const page = await browsers.newPage();
      await page.route('http://player.test/**', (route) => route.request().url().endsWith('/clip.mp4')
        ? route.fulfill({ status: 200, contentType: 'video/mp4', body: fs.readFileSync(file) })
        : route.fulfill({ status: 200, contentType: 'text/html', body: '<video id="v" muted></video>' }));
      await page.goto('http://player.test/');
      const played = await page.evaluate(() => new Promise<Record<string, unknown>>((resolve) => {
        const v = document.getElementById('v') as HTMLVideoElement;
        v.onerror = () => resolve({ error: v.error?.code, message: v.error?.message });
        v.onended = () => resolve({ ended: true, frames: v.getVideoPlaybackQuality().totalVideoFrames, width: v.videoWidth, duration: v.duration });
        v.src = '/clip.mp4';
        v.playbackRate = 4;
        v.play().catch((e: unknown) => resolve({ playError: String(e) }));
      }));
      expect(played).toMatchObject({ ended: true, frames: 235, width: W });
      expect(Math.abs((played.duration as number) - 9.4)).toBeLessThanOrEqual(1 / FPS + 0.001);
    } finally {
      await browsers.closeAll();
    }
  }, 60_000);
});

/** Through the service: recorder footage (10 fps, a keyframe every 2 s, 4 s segments), an allowed vordering, `exact: true`. */
describe('an exactly trimmed export through the export service', () => {
  let t: TestApp;
  const anchorMs = Math.floor(Date.now() / 1000) * 1000 - 120_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  let requestId = '';
  let work = '';

  beforeAll(async () => {
    ({ t, work, requestId } = await openExportApp('toezicht-exact-export-', { fromMs: anchorMs, toMs: anchorMs + 12_000 }, (app) => recordFootage(app, 'cam-t', { anchorMs, seconds: 12 })));
  }, 60_000);
  afterAll(() => closeExportApp(t, work));

  it('cuts to the window mid-GOP at both ends, copies the GOPs between, and the package still verifies', async () => {
    const wijk = await t.loginAs('wijkbeheerder');
    const from = anchorMs + 1_350;
    const to = anchorMs + 9_650;
    const created = await exportViaJob(wijk, { requestId, exact: true, windows: [{ cameraId: 'cam-t', from: iso(from), to: iso(to) }] });
    expect(created.export.clips[0]).toMatchObject({ actualStart: iso(from), actualEnd: iso(to) });
    const zip = Buffer.from(await (await wijk.get(`/api/exports/${created.export.id}/download`)).arrayBuffer());
    const report = await verifyPackage(zip, created.password);
    expect(report.ok, JSON.stringify(report)).toBe(true);

    fs.writeFileSync(path.join(work, 'p.zip'), zip);
    expect(spawnSync('7z', ['x', '-y', `-p${created.password}`, `-o${work}`, path.join(work, 'p.zip')]).status).toBe(0);
    const file = path.join(work, created.export.clips[0]!.file);
    const decoded = spawnSync(ffmpegPath(), ['-v', 'error', '-i', file, '-f', 'null', '-'], { env: childEnv(), encoding: 'utf8' });
    expect(decoded.status).toBe(0);
    expect(decoded.stderr).toBe('');
    const { status, stderr, info } = probe(file);
    expect(status).toBe(0);
    expect(stderr).toBe('');
    // 10 fps: frames 1.4 s … 9.6 s of the recording, 83 of them; the first 50 ms after the window start.
    expect(info.streams[0]).toMatchObject({ codec_name: 'h264', codec_tag_string: 'avc3' });
    expect(Number(info.streams[0]!.nb_read_frames)).toBe(83);
    expect(Math.abs(Number(info.format.duration) - 8.3)).toBeLessThanOrEqual(0.1 + 0.001);
    // Keyframes: the re-encoded head's, then the recorder's every 2 s (copied: 2, 4, 6 s → 0.6, 2.6, 4.6 s), then the re-encoded tail's (8 s → 6.6 s).
    const keys = info.packets.filter((p) => p.flags.startsWith('K')).map((p) => Number(p.pts_time)).sort((a, b) => a - b);
    expect(keys.map((k) => Math.round(k * 10) / 10)).toEqual([0, 0.6, 2.6, 4.6, 6.6]);
  }, 120_000);
});
