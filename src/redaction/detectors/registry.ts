import fs from 'node:fs';
import path from 'node:path';
import { BlazeFaceDetector } from './blazeface.js';
import type { Detector } from './detector.js';
import { MotionBlobDetector } from './motion-blobs.js';
import type { ExecutionProvider } from './onnx-session.js';

/**
 * The detectors this server can run, by name. 'motion' (background subtraction: moving figures
 * of any size, as 'person') needs nothing installed; 'blazeface' (faces) needs the model that
 * scripts/fetch-models.sh puts in models/blazeface/.
 */
export interface DetectorRegistryOptions {
  modelsDir: string;
  executionProvider: ExecutionProvider;
  /** BlazeFace: 'back' (256², full range, default) or 'front' (128², short range). */
  faceModel?: 'back' | 'front';
  log?: (message: string) => void;
}

export class DetectorRegistry {
  constructor(private readonly o: DetectorRegistryOptions) {}

  faceModelPath(): string {
    return path.join(this.o.modelsDir, 'blazeface', this.o.faceModel === 'front' ? 'face_detection_front_128x128.onnx' : 'face_detection_back_256x256.onnx');
  }

  available(): string[] {
    return ['motion', ...(fs.existsSync(this.faceModelPath()) ? ['blazeface'] : [])];
  }

  async create(name: string): Promise<Detector> {
    if (name === 'motion') return new MotionBlobDetector();
    if (name === 'blazeface') return BlazeFaceDetector.load({ modelPath: this.faceModelPath(), executionProvider: this.o.executionProvider, ...(this.o.log ? { log: this.o.log } : {}) });
    throw new Error(`unknown detector ${name}`);
  }
}
