import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnv } from '../../src/recording/ffmpeg-args.js';
import { BlazeFaceDetector } from '../../src/redaction/detectors/blazeface.js';
import type { Frame } from '../../src/redaction/detectors/detector.js';
import { redactionEnv } from '../../src/redaction/redaction.module.js';
import { ffmpegPath } from '../recording/media.js';

/**
 * The face detector (BlazeFace ONNX, onnxruntime-node) on a real photo: sample1.jpg of the npm
 * package @vladmandic/face-api (three adults facing the camera), put in models/eval/ by
 * scripts/fetch-models.sh like the model itself. Expected face centres were read off the photo.
 */
const { modelsDir } = redactionEnv({});
const photo = path.join(modelsDir, 'eval', 'face-api', 'sample1.jpg');

function decode(file: string, width: number): Frame {
  const probe = spawnSync(ffmpegPath(), ['-v', 'error', '-i', file, '-vf', `scale=${width}:-2`, '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], { env: childEnv(), maxBuffer: 64 << 20 });
  if (probe.status !== 0) throw new Error(probe.stderr.toString());
  const data = new Uint8Array(probe.stdout);
  return { width, height: data.length / 3 / width, channels: 3, data };
}

describe('BlazeFace detector (models installed by scripts/fetch-models.sh)', () => {
  let frame: Frame;
  const detectors: BlazeFaceDetector[] = [];
  beforeAll(() => {
    if (!fs.existsSync(photo)) throw new Error(`${photo} is missing: run scripts/fetch-models.sh (scripts/install.sh does)`);
    frame = decode(photo, 640);
  });
  afterAll(async () => {
    for (const d of detectors) await d.close();
  });

  it('finds the three faces of the photo with the full-range model, boxes on the faces', async () => {
    const detector = await BlazeFaceDetector.load({ modelPath: path.join(modelsDir, 'blazeface', 'face_detection_back_256x256.onnx') });
    detectors.push(detector);
    const found = await detector.detect(frame);
    const expected = [{ x: 172, y: 167 }, { x: 311, y: 185 }, { x: 521, y: 114 }];
    expect(found.length).toBe(3);
    for (const e of expected) {
      const hit = found.find((f) => Math.abs((f.box.x + f.box.w / 2) * frame.width - e.x) < 20 && Math.abs((f.box.y + f.box.h / 2) * frame.height - e.y) < 20);
      expect(hit, JSON.stringify(e)).toBeTruthy();
      expect(hit!.kind).toBe('face');
      expect(hit!.box.w * frame.width).toBeGreaterThan(35);
      expect(hit!.box.w * frame.width).toBeLessThan(90);
    }
  });

  it('finds nothing in a plain grey frame', async () => {
    const detector = detectors[0]!;
    const grey: Frame = { width: 320, height: 180, channels: 3, data: new Uint8Array(320 * 180 * 3).fill(128) };
    expect(await detector.detect(grey)).toEqual([]);
  });

  it('asked for CUDA where it cannot be used, falls back to CPU with a clear log line and still detects', async () => {
    const lines: string[] = [];
    const detector = await BlazeFaceDetector.load({ modelPath: path.join(modelsDir, 'blazeface', 'face_detection_back_256x256.onnx'), executionProvider: 'cuda', log: (m) => lines.push(m) });
    detectors.push(detector);
    if (detector.executionProvider === 'cpu') expect(lines.join('\n')).toMatch(/CUDA execution provider not available .*falling back to CPU/);
    else expect(lines).toEqual([]);
    expect((await detector.detect(frame)).length).toBe(3);
  });

  it('refuses a missing model with the way to get it', async () => {
    await expect(BlazeFaceDetector.load({ modelPath: '/nonexistent/model.onnx' })).rejects.toThrow(/scripts\/fetch-models\.sh/);
  });
});
