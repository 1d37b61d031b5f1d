import fs from 'node:fs';
import path from 'node:path';
import { BlazeFaceDetector } from './blazeface.js';
import { CenterNetPersonDetector } from './centernet.js';
import type { Detector } from './detector.js';
import { MotionBlobDetector } from './motion-blobs.js';
import type { ExecutionProvider } from './onnx-session.js';

/**
 * The detectors this server can run, by name. 'motion' (background subtraction: moving figures
 * of any size, as 'person') needs nothing installed; 'blazeface' (faces) needs the model that
 * scripts/fetch-models.sh puts in models/blazeface/; 'centernet' (learned whole-body persons,
 * tfjs-wasm, once per `personIntervalMs` of footage) needs models/centernet/.
 */
export interface DetectorRegistryOptions {
  modelsDir: string;
  executionProvider: ExecutionProvider;
  /** BlazeFace: 'back' (256², full range, default) or 'front' (128², short range). */
  faceModel?: 'back' | 'front';
  log?: (message: string) => void;
  /** CenterNet: run once per this many ms of footage (default 2000) and its score threshold (default 0.2). */
  personIntervalMs?: number;
  personThreshold?: number;
}

export class DetectorRegistry {
  constructor(private readonly o: DetectorRegistryOptions) {}

  faceModelPath(): string {
    return path.join(this.o.modelsDir, 'blazeface', this.o.faceModel === 'front' ? 'face_detection_front_128x128.onnx' : 'face_detection_back_256x256.onnx');
  }

  personModelDir(): string {
    return path.join(this.o.modelsDir, 'centernet');
  }

  available(): string[] {
    return ['motion', ...(fs.existsSync(this.faceModelPath()) ? ['blazeface'] : []), ...(CenterNetPersonDetector.available(this.personModelDir()) ? ['centernet'] : [])];
  }

  async create(name: string): Promise<Detector> {
    if (name === 'motion') return new MotionBlobDetector();
    if (name === 'blazeface') return BlazeFaceDetector.load({ modelPath: this.faceModelPath(), executionProvider: this.o.executionProvider, ...(this.o.log ? { log: this.o.log } : {}) });
    if (name === 'centernet') {
      return CenterNetPersonDetector.load({
        modelDir: this.personModelDir(),
        ...(this.o.personIntervalMs !== undefined ? { intervalMs: this.o.personIntervalMs } : {}),
        ...(this.o.personThreshold !== undefined ? { threshold: this.o.personThreshold } : {}),
      });
    }
    throw new Error(`unknown detector ${name}`);
  }
}
