import { describe, expect, it } from 'vitest';
import { analysisDecodeArgs, outputSizeFromLog, thumbnailArgs } from '../../src/redaction/analysis/decode-args.js';
import { Tracker } from '../../src/redaction/analysis/tracker.js';
import { analysisWindowProblem, settingsProblem } from '../../src/redaction/analysis/analysis.js';
import { iou, nonMaxSuppression, type Detection } from '../../src/redaction/detectors/detector.js';
import { MotionBlobDetector, components, dilate } from '../../src/redaction/detectors/motion-blobs.js';
import { executionProviderFromEnv } from '../../src/redaction/detectors/onnx-session.js';
import { boxAt } from '../../src/redaction/track.js';

/** Pure parts of the redaction analysis (issue 9 item 1): tables of cases, no I/O. */
const person = (x: number, y: number, w = 0.05, h = 0.2, score = 0.9): Detection => ({ box: { x, y, w, h }, score, kind: 'person' });
const face = (x: number, y: number): Detection => ({ box: { x, y, w: 0.02, h: 0.03 }, score: 0.8, kind: 'face' });

describe('tracker', () => {
  it('keeps two figures walking towards each other on separate rows as two tracks', () => {
    const tracker = new Tracker();
    for (let i = 0; i <= 40; i++) tracker.update(i * 100, [person(0.05 + i * 0.02, 0.1), person(0.9 - i * 0.02, 0.6)]);
    const { tracks } = tracker.finish();
    expect(tracks).toHaveLength(2);
    expect(tracks.map((t) => t.boxes.length)).toEqual([41, 41]);
    expect(boxAt(tracks[0]!, 2050)!.x).toBeCloseTo(0.05 + 20.5 * 0.02, 5);
  });

  it('keeps identities when two figures cross on the same row (velocity prediction)', () => {
    const tracker = new Tracker();
    for (let i = 0; i <= 40; i++) tracker.update(i * 100, [person(0.1 + i * 0.02, 0.3), person(0.9 - i * 0.02, 0.32)]);
    const { tracks } = tracker.finish();
    expect(tracks).toHaveLength(2);
    // The first track ends on the right, the second on the left: they passed through each other.
    expect(tracks[0]!.boxes.at(-1)!.x).toBeGreaterThan(0.8);
    expect(tracks[1]!.boxes.at(-1)!.x).toBeLessThan(0.2);
  });

  it('fills missed frames with interpolated boxes and closes a track after the gap limit', () => {
    const table: { missed: number[]; gapMs: number; tracks: number; interpolated: number }[] = [
      { missed: [], gapMs: 1500, tracks: 1, interpolated: 0 },
      { missed: [5, 6, 7], gapMs: 1500, tracks: 1, interpolated: 3 },
      { missed: [5, 6, 7], gapMs: 250, tracks: 2, interpolated: 0 },
    ];
    for (const row of table) {
      const tracker = new Tracker({ maxGapMs: row.gapMs });
      for (let i = 0; i < 12; i++) tracker.update(i * 100, row.missed.includes(i) ? [] : [person(0.1 + i * 0.01, 0.4)]);
      const { tracks } = tracker.finish();
      expect(tracks, JSON.stringify(row)).toHaveLength(row.tracks);
      expect(tracks.flatMap((t) => t.boxes).filter((b) => b.interpolated)).toHaveLength(row.interpolated);
      if (row.interpolated) {
        const mid = tracks[0]!.boxes.find((b) => b.t === 600)!;
        expect(mid.interpolated).toBe(true);
        expect(mid.x).toBeCloseTo(0.16, 5);
      }
    }
  });

  it('matches a small fast figure by centre distance when boxes no longer overlap, and never mixes kinds', () => {
    const tracker = new Tracker();
    for (let i = 0; i < 10; i++) tracker.update(i * 200, [{ box: { x: 0.1 + i * 0.015, y: 0.5, w: 0.01, h: 0.03 }, score: 0.7, kind: 'person' }, face(0.1 + i * 0.015, 0.5)]);
    const { tracks } = tracker.finish();
    expect(tracks.map((t) => t.kind).sort()).toEqual(['face', 'person']);
    expect(tracks.every((t) => t.boxes.length === 10)).toBe(true);
  });

  it('keeps every detection: a single sighting is a track of its own (fail-safe)', () => {
    const tracker = new Tracker();
    tracker.update(0, [person(0.5, 0.5)]);
    tracker.update(100, []);
    tracker.update(5000, [person(0.1, 0.1)]);
    expect(tracker.finish().tracks).toHaveLength(2);
  });
});

describe('boxes', () => {
  it.each([
    [{ x: 0, y: 0, w: 1, h: 1 }, { x: 0, y: 0, w: 1, h: 1 }, 1],
    [{ x: 0, y: 0, w: 0.5, h: 1 }, { x: 0.5, y: 0, w: 0.5, h: 1 }, 0],
    [{ x: 0, y: 0, w: 0.5, h: 0.5 }, { x: 0.25, y: 0, w: 0.5, h: 0.5 }, 1 / 3],
  ])('iou(%o, %o) = %d', (a, b, expected) => expect(iou(a, b)).toBeCloseTo(expected, 6));

  it('non-maximum suppression keeps the best of overlapping boxes', () => {
    const kept = nonMaxSuppression([{ box: { x: 0, y: 0, w: 0.2, h: 0.2 }, score: 0.5 }, { box: { x: 0.01, y: 0, w: 0.2, h: 0.2 }, score: 0.9 }, { box: { x: 0.6, y: 0.6, w: 0.1, h: 0.1 }, score: 0.3 }], 0.3);
    expect(kept.map((k) => k.score)).toEqual([0.9, 0.3]);
  });
});

describe('motion blobs', () => {
  const frame = (rects: { x: number; y: number; w: number; h: number }[], width = 80, height = 60) => {
    const data = new Uint8Array(width * height).fill(90);
    for (const r of rects) for (let y = r.y; y < r.y + r.h; y++) for (let x = r.x; x < r.x + r.w; x++) data[y * width + x] = 220;
    return { width, height, channels: 1 as const, data };
  };

  it('finds each moving figure as one box, after learning the empty scene', () => {
    const d = new MotionBlobDetector({ dilate: 1 });
    expect(d.detectSync(frame([]))).toEqual([]);
    const found = d.detectSync(frame([{ x: 10, y: 10, w: 6, h: 20 }, { x: 50, y: 30, w: 8, h: 16 }]));
    expect(found.map((f) => [Math.round(f.box.x * 80), Math.round(f.box.y * 60), Math.round(f.box.w * 80), Math.round(f.box.h * 60)])).toEqual([
      [9, 9, 8, 22],
      [49, 29, 10, 18],
    ]);
    expect(found.every((f) => f.kind === 'person')).toBe(true);
  });

  it('ignores specks below the minimum area and a still scene', () => {
    const d = new MotionBlobDetector({ dilate: 0, minArea: 0.002 });
    d.detectSync(frame([]));
    expect(d.detectSync(frame([{ x: 5, y: 5, w: 2, h: 2 }]))).toEqual([]);
    const still = new MotionBlobDetector();
    still.detectSync(frame([{ x: 10, y: 10, w: 6, h: 20 }]));
    expect(still.detectSync(frame([{ x: 10, y: 10, w: 6, h: 20 }]))).toEqual([]);
  });

  it('dilates and labels components (4-connected)', () => {
    const mask = new Uint8Array([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(Array.from(dilate(mask, 4, 3, 1))).toEqual([1, 1, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1]);
    expect(components(mask, 4, 3).map((c) => c.pixels)).toEqual([1, 1]);
  });
});

describe('decode arguments', () => {
  it('decodes once, trimmed, sampled and scaled, RGB on stdout', () => {
    expect(analysisDecodeArgs({ fps: 10, width: 640, trim: { startSeconds: 1.5, durationSeconds: 30 } })).toEqual([
      '-hide_banner', '-nostdin', '-nostats', '-loglevel', 'info', '-f', 'mpegts', '-i', 'pipe:0', '-map', '0:v:0', '-an', '-sn', '-dn',
      '-vf', 'trim=start=1.500:duration=30.000,setpts=PTS-STARTPTS,fps=10,scale=640:-2:flags=area', '-pix_fmt', 'rgb24', '-f', 'rawvideo', 'pipe:1',
    ]);
  });

  it.each([
    [{ fps: 0, width: 640, trim: { startSeconds: 0, durationSeconds: 1 } }, /fps/],
    [{ fps: 10, width: 641, trim: { startSeconds: 0, durationSeconds: 1 } }, /even/],
    [{ fps: 10, width: 640, trim: { startSeconds: -1, durationSeconds: 1 } }, /start/],
    [{ fps: 10, width: 640, trim: { startSeconds: 0, durationSeconds: 0 } }, /duration/],
  ])('refuses %o', (o, message) => expect(() => analysisDecodeArgs(o)).toThrow(message));

  it('reads the output size from the log, and only from the output section', () => {
    const log = 'Input #0, mpegts\n  Stream #0:0[0x100]: Video: h264, yuv420p, 1920x1080, 25 fps\nOutput #0, rawvideo, to \'pipe:1\':\n  Stream #0:0: Video: rawvideo (RGB[24] / 0x18424752), rgb24(pc, progressive), 640x360, q=2-31, 138240 kb/s, 10 fps\n';
    expect(outputSizeFromLog(log)).toEqual({ width: 640, height: 360 });
    expect(outputSizeFromLog(log.slice(0, log.indexOf('Output')))).toBeNull();
  });

  it('makes a thumbnail from a crop, longer side 160', () => {
    expect(thumbnailArgs({ width: 30, height: 80 })).toContain('scale=-2:160:flags=bicubic,format=yuvj420p');
    expect(thumbnailArgs({ width: 80, height: 30 })).toContain('scale=160:-2:flags=bicubic,format=yuvj420p');
  });
});

describe('analysis rules', () => {
  const at = (s: string) => new Date(s);
  it.each([
    [{ cameraId: 'cam-1', from: at('2026-01-01T10:00:00Z'), to: at('2026-01-01T10:05:00Z') }, null],
    [{ cameraId: 'cam 1', from: at('2026-01-01T10:00:00Z'), to: at('2026-01-01T10:05:00Z') }, /camera/],
    [{ cameraId: 'cam-1', from: at('2026-01-01T10:05:00Z'), to: at('2026-01-01T10:00:00Z') }, /ends after/],
    [{ cameraId: 'cam-1', from: at('2026-01-01T10:00:00Z'), to: at('2026-01-01T11:00:01Z') }, /one hour/],
  ])('window %o', (w, problem) => (problem ? expect(analysisWindowProblem(w)).toMatch(problem) : expect(analysisWindowProblem(w)).toBeNull()));

  it.each([
    [{ fps: 10, width: 640, detectors: ['motion'] }, null],
    [{ fps: 30, width: 640, detectors: ['motion'] }, /fps/],
    [{ fps: 10, width: 100, detectors: ['motion'] }, /width/],
    [{ fps: 10, width: 640, detectors: [] }, /at least one/],
    [{ fps: 10, width: 640, detectors: ['blazeface'] }, /unavailable detector\(s\): blazeface/],
  ])('settings %o', (s, problem) => (problem ? expect(settingsProblem(s, ['motion'])).toMatch(problem) : expect(settingsProblem(s, ['motion'])).toBeNull()));

  it.each([
    [{}, 'cpu'],
    [{ TOEZICHT_REDACTION_EP: 'CUDA' }, 'cuda'],
    [{ TOEZICHT_REDACTION_EP: 'cpu' }, 'cpu'],
  ])('execution provider from %o', (env, expected) => expect(executionProviderFromEnv(env)).toBe(expected));

  it('refuses an unknown execution provider with a clear message', () => {
    expect(() => executionProviderFromEnv({ TOEZICHT_REDACTION_EP: 'tensorrt' })).toThrow(/must be "cpu" or "cuda"/);
  });
});
