import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnv } from '../../src/recording/ffmpeg-args.js';
import { runAnalysis } from '../../src/redaction/analysis/analysis-pipeline.js';
import { defaultDetectors } from '../../src/redaction/analysis/analysis.js';
import { CenterNetPersonDetector, decodeCenterNet, dueForInference, inferenceRegions } from '../../src/redaction/detectors/centernet.js';
import type { Detector, Frame } from '../../src/redaction/detectors/detector.js';
import { MotionBlobDetector } from '../../src/redaction/detectors/motion-blobs.js';
import { DetectorRegistry } from '../../src/redaction/detectors/registry.js';
import { redactionEnv } from '../../src/redaction/redaction.module.js';
import { boxAt, type Box } from '../../src/redaction/track.js';
import { ffmpegPath } from '../recording/media.js';

/**
 * The learned person detector (MobileNetV3 CenterNet, tfjs-wasm; models/centernet/ from
 * scripts/fetch-models.sh): its pure parts with tables, on a real photo (sample1.jpg of
 * @vladmandic/face-api: three adults; their face boxes from eval/redaction/faces.json), and in the
 * analysis pipeline on a generated clip where a real person (cut from sample6.jpg) stands still from
 * the first frame — background subtraction cannot see her, the person detector must.
 */
const { modelsDir } = redactionEnv({});
const modelDir = path.join(modelsDir, 'centernet');
const photos = path.join(modelsDir, 'eval', 'face-api');
const faces = (JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../../eval/redaction/faces.json'), 'utf8')) as { faces: Record<string, [number, number, number, number][]> }).faces;

function decodePhoto(file: string, width: number): Frame {
  const out = spawnSync(ffmpegPath(), ['-v', 'error', '-i', file, '-vf', `scale=${width}:-2`, '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], { env: childEnv(), maxBuffer: 64 << 20 });
  if (out.status !== 0) throw new Error(out.stderr.toString());
  const data = new Uint8Array(out.stdout);
  return { width, height: data.length / 3 / width, channels: 3, data };
}

const covers = (b: Box, p: { x: number; y: number }) => p.x >= b.x && p.x <= b.x + b.w && p.y >= b.y && p.y <= b.y + b.h;
/** Share of `inner`'s area inside `outer`. */
function coveredShare(outer: Box, inner: Box): number {
  const w = Math.max(0, Math.min(outer.x + outer.w, inner.x + inner.w) - Math.max(outer.x, inner.x));
  const h = Math.max(0, Math.min(outer.y + outer.h, inner.y + inner.h) - Math.max(outer.y, inner.y));
  return (w * h) / (inner.w * inner.h);
}

describe('CenterNet decoding, scheduling and regions (pure)', () => {
  it.each([
    { name: 'a person above the threshold, normalised by the input size', rows: [128, 64, 256, 448, 0.7, 0], boxes: [{ x: 0.25, y: 0.125, w: 0.25, h: 0.75 }] },
    { name: 'another class (1 = bicycle) is not a person', rows: [128, 64, 256, 448, 0.9, 1], boxes: [] },
    { name: 'below the threshold', rows: [128, 64, 256, 448, 0.19, 0], boxes: [] },
    { name: 'clamped to the frame', rows: [-20, -10, 100, 600, 0.5, 0], boxes: [{ x: 0, y: 0, w: 100 / 512, h: 1 }] },
    { name: 'nothing left inside the frame', rows: [520, 0, 600, 100, 0.5, 0], boxes: [] },
    { name: 'two boxes on one person: NMS keeps the better', rows: [100, 100, 200, 400, 0.4, 0, 104, 98, 204, 402, 0.6, 0], boxes: [{ x: 104 / 512, y: 98 / 512, w: 100 / 512, h: 304 / 512 }] },
    { name: 'two persons side by side stay two', rows: [100, 100, 200, 400, 0.4, 0, 300, 100, 400, 400, 0.6, 0], boxes: [{ x: 300 / 512, y: 100 / 512, w: 100 / 512, h: 300 / 512 }, { x: 100 / 512, y: 100 / 512, w: 100 / 512, h: 300 / 512 }] },
  ])('$name', ({ rows, boxes }) => {
    const found = decodeCenterNet(rows, 512, 0.2);
    expect(found.map((d) => d.kind)).toEqual(boxes.map(() => 'person'));
    found.forEach((d, i) => {
      for (const k of ['x', 'y', 'w', 'h'] as const) expect(d.box[k]).toBeCloseTo(boxes[i]![k], 6);
    });
  });

  it.each([
    { t: undefined, last: 0, interval: 2000, due: true },
    { t: 0, last: null, interval: 2000, due: true },
    { t: 1900, last: 0, interval: 2000, due: false },
    { t: 2000, last: 0, interval: 2000, due: true },
    { t: 100, last: 4000, interval: 2000, due: true }, // a new clip without reset
    { t: 100, last: 0, interval: 0, due: true },
  ])('frame at $t ms, last inference at $last, every $interval ms → due $due', ({ t, last, interval, due }) => {
    expect(dueForInference(t, last, interval)).toBe(due);
  });

  it.each([
    { w: 640, h: 360, mode: 'squares' as const, regions: [{ x: 0, y: 0, w: 360, h: 360 }, { x: 280, y: 0, w: 360, h: 360 }] },
    { w: 640, h: 360, mode: 'frame' as const, regions: [{ x: 0, y: 0, w: 640, h: 360 }] },
    { w: 360, h: 360, mode: 'squares' as const, regions: [{ x: 0, y: 0, w: 360, h: 360 }] },
    { w: 360, h: 640, mode: 'squares' as const, regions: [{ x: 0, y: 0, w: 360, h: 360 }, { x: 0, y: 280, w: 360, h: 360 }] },
    { w: 1200, h: 300, mode: 'squares' as const, regions: [0, 225, 450, 675, 900].map((x) => ({ x, y: 0, w: 300, h: 300 })) },
  ])('$w×$h, $mode → $regions.length region(s) covering the frame', ({ w, h, mode, regions }) => {
    const got = inferenceRegions(w, h, mode);
    expect(got).toEqual(regions);
    // Every column is inside some region, neighbours overlap.
    for (let x = 0; x < w; x += 7) expect(got.some((r) => x >= r.x && x < r.x + r.w)).toBe(true);
  });
});

describe('CenterNet person detector (models installed by scripts/fetch-models.sh)', () => {
  let detector: CenterNetPersonDetector;
  beforeAll(async () => {
    if (!CenterNetPersonDetector.available(modelDir)) throw new Error(`${modelDir} lacks the model: run scripts/fetch-models.sh (scripts/install.sh does)`);
    detector = await CenterNetPersonDetector.load({ modelDir, intervalMs: 0 });
  }, 60_000);
  afterAll(async () => {
    await detector?.close();
  });

  it('finds each of the three adults of a real photo: one person box around each known face', async () => {
    const frame = decodePhoto(path.join(photos, 'sample1.jpg'), 640);
    const found = await detector.detect(frame);
    const known = faces['sample1.jpg']!.map(([x, y, w, h]) => ({ x, y, w, h }));
    expect(known).toHaveLength(3);
    const used = new Set<number>();
    for (const face of known) {
      const centre = { x: face.x + face.w / 2, y: face.y + face.h / 2 };
      const i = found.findIndex((d, j) => !used.has(j) && covers(d.box, centre) && coveredShare(d.box, face) > 0.9 && d.box.h > face.h * 1.5);
      expect(i, `a person box around the face at ${JSON.stringify(face)}; found ${JSON.stringify(found)}`).toBeGreaterThanOrEqual(0);
      used.add(i);
      expect(found[i]!.kind).toBe('person');
      expect(found[i]!.score).toBeGreaterThanOrEqual(0.2);
    }
  });

  it('finds nobody in a plain grey frame', async () => {
    const grey: Frame = { width: 640, height: 360, channels: 3, data: new Uint8Array(640 * 360 * 3).fill(128) };
    expect(await detector.detect(grey)).toEqual([]);
  });

  it('with frame times runs once per interval and holds its result in between', async () => {
    const timed = await CenterNetPersonDetector.load({ modelDir, intervalMs: 2000, regions: 'frame' });
    try {
      const photo = decodePhoto(path.join(photos, 'sample1.jpg'), 640);
      const first = await timed.detect({ ...photo, t: 0 });
      expect(first.length).toBeGreaterThanOrEqual(3);
      const grey: Frame = { width: 640, height: photo.height, channels: 3, data: new Uint8Array(photo.data.length).fill(128), t: 1000 };
      expect(await timed.detect(grey)).toEqual(first); // held: not due yet
      expect(timed.inferences).toBe(1);
      expect(await timed.detect({ ...grey, t: 2000 })).toEqual([]); // due: the grey frame is seen
      expect(timed.inferences).toBe(2);
      timed.reset();
      expect((await timed.detect({ ...photo, t: 2100 })).length).toBeGreaterThanOrEqual(3); // reset: due at once
    } finally {
      await timed.close();
    }
  });

  it('refuses a missing model with the way to get it', async () => {
    await expect(CenterNetPersonDetector.load({ modelDir: '/nonexistent' })).rejects.toThrow(/scripts\/fetch-models\.sh/);
  });
});

describe('registry and defaults', () => {
  it('offers centernet only where its model files are, and makes it', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-models-'));
    try {
      const without = new DetectorRegistry({ modelsDir: empty, executionProvider: 'cpu' });
      expect(without.available()).toEqual(['motion']);
      expect(defaultDetectors(without.available())).toEqual(['motion', 'blazeface']);
      fs.mkdirSync(path.join(empty, 'centernet'));
      fs.writeFileSync(path.join(empty, 'centernet', 'centernet.json'), '{}');
      expect(without.available()).toEqual(['motion']); // the weights file is missing too
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
    const registry = new DetectorRegistry({ modelsDir, executionProvider: 'cpu' });
    expect(registry.available()).toContain('centernet');
    expect(defaultDetectors(registry.available())).toEqual(['motion', 'blazeface', 'centernet']);
    const made = await registry.create('centernet');
    try {
      expect(made.name).toBe('centernet');
    } finally {
      await made.close?.();
    }
  });
});

describe('analysis pipeline with the person detector: a person standing still from the first frame', () => {
  // 1280×720, 4 s: a real person (cut from sample6.jpg, 120 px high = 180 px of a 1080p picture)
  // standing still at (800, 500) from the first frame, and a dark block walking across (motion).
  const personHeight = 120;
  const crop = { x: 1305, y: 198, w: 558, h: 1326 }; // the right-hand woman of sample6.jpg (1920×1537)
  const scale = personHeight / crop.h;
  const personWidth = Math.round((crop.w * scale) / 2) * 2;
  const at = { x: 800, y: 620 - personHeight };
  // Her face (eval/redaction/faces.json, sample6.jpg, third box) in the clip, normalised.
  const [fx, fy, fw, fh] = faces['sample6.jpg']![2]!;
  const face: Box = { x: (at.x + (fx * 1920 - crop.x) * scale) / 1280, y: (at.y + (fy * 1537 - crop.y) * scale) / 720, w: (fw * 1920 * scale) / 1280, h: (fh * 1537 * scale) / 720 };
  const start = new Date('2026-03-02T10:00:00Z');
  let mp4: Buffer;

  beforeAll(() => {
    const graph = `color=c=0x202428:s=50x140:r=25[m];[1]crop=${crop.w}:${crop.h}:${crop.x}:${crop.y},scale=${personWidth}:${personHeight}[p];`
      + `[0][p]overlay=x=${at.x}:y=${at.y}:shortest=1[s];[s][m]overlay=x='40+t*150':y=420,noise=alls=6:allf=t`;
    const out = spawnSync(ffmpegPath(), ['-v', 'error', '-f', 'lavfi', '-i', 'color=c=0x5a6272:s=1280x720:r=25:d=4', '-loop', '1', '-framerate', '25', '-i', path.join(photos, 'sample6.jpg'),
      '-filter_complex', graph, '-t', '4', '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '25', '-pix_fmt', 'yuv420p', '-movflags', 'frag_keyframe+empty_moov', '-f', 'mp4', 'pipe:1'], { env: childEnv(), maxBuffer: 1 << 28 });
    if (out.status !== 0) throw new Error(out.stderr.toString());
    mp4 = Buffer.from(out.stdout);
  });

  async function analyse(names: ('motion' | 'centernet')[]) {
    const detectors: Detector[] = [];
    for (const n of names) detectors.push(n === 'motion' ? new MotionBlobDetector() : await CenterNetPersonDetector.load({ modelDir }));
    try {
      const result = await runAnalysis({ ffmpeg: ffmpegPath(), sources: [{ start, read: async () => mp4 }], clipStart: start, clipEnd: new Date(start.getTime() + 4000), fps: 5, width: 640, detectors });
      const inferences = detectors.find((d): d is CenterNetPersonDetector => d instanceof CenterNetPersonDetector)?.inferences ?? 0;
      return { result, inferences };
    } finally {
      for (const d of detectors) await d.close?.();
    }
  }
  const times = Array.from({ length: 20 }, (_, i) => i * 200);
  const bestCover = (tracks: Parameters<typeof boxAt>[0][], t: number) => Math.max(0, ...tracks.map((tr) => boxAt(tr, t)).filter((b): b is Box => b !== undefined).map((b) => coveredShare(b, face)));

  it('motion alone sees the walker but never her', async () => {
    const { result } = await analyse(['motion']);
    expect(result.frames).toBe(20);
    expect(result.tracks.length).toBeGreaterThan(0); // the walking block
    for (const t of times) expect(bestCover(result.tracks, t), `t=${t}`).toBe(0);
  });

  it('motion + centernet covers her face in every analysed frame, from the first, with two passes of two squares', async () => {
    const { result, inferences } = await analyse(['motion', 'centernet']);
    expect(inferences).toBe(4); // t = 0 and 2000 ms, two squares each
    for (const t of times) expect(bestCover(result.tracks, t), `t=${t}`).toBeGreaterThanOrEqual(0.95);
    const still = result.tracks.filter((tr) => tr.kind === 'person' && tr.boxes.some((b) => coveredShare(b, face) > 0.95));
    expect(still).toHaveLength(1);
    expect(still[0]!.boxes[0]!.t).toBe(0);
    expect(result.thumbnails.has(still[0]!.id)).toBe(true);
  });
});
