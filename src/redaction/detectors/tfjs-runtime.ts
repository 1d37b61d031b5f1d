import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

/**
 * TensorFlow.js in Node for the learned person detector: tfjs-core + tfjs-converter (graph models)
 * on the WebAssembly backend (tfjs-backend-wasm, single-threaded SIMD; its .wasm files are read
 * from node_modules, nothing is fetched). Loaded lazily: a server that never runs the detector
 * never loads tfjs. The pure-JS cpu backend is ~30× slower (≈ 10 s per 512² CenterNet inference on
 * this machine against ≈ 0.3 s for wasm) and is not used.
 *
 * Models are read from files (model.json + its weight files) through an in-memory IOHandler:
 * no URL, no network.
 */
export type Tf = typeof import('@tensorflow/tfjs-core');
export type GraphModel = import('@tensorflow/tfjs-converter').GraphModel;

const require = createRequire(import.meta.url);
let ready: Promise<Tf> | null = null;

/** tfjs-core with the wasm backend active (once per process). */
export function tfjs(): Promise<Tf> {
  ready ??= (async () => {
    const tf = require('@tensorflow/tfjs-core') as Tf;
    const wasm = require('@tensorflow/tfjs-backend-wasm') as typeof import('@tensorflow/tfjs-backend-wasm');
    const dist = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
    wasm.setWasmPaths(`${dist}${path.sep}`);
    if (!(await tf.setBackend('wasm'))) throw new Error('tfjs: the wasm backend could not be initialised');
    await tf.ready();
    return tf;
  })();
  ready.catch(() => { ready = null; });
  return ready;
}

interface ModelJson {
  modelTopology: object;
  format?: string;
  generatedBy?: string;
  convertedBy?: string;
  weightsManifest: { paths: string[]; weights: import('@tensorflow/tfjs-core').io.WeightsManifestEntry[] }[];
  signature?: object;
}

/** Loads a tfjs graph model (model.json and the weight files it names, in the same folder) from disk. */
export async function loadGraphModelFromFile(jsonPath: string): Promise<GraphModel> {
  const tf = await tfjs();
  const converter = require('@tensorflow/tfjs-converter') as typeof import('@tensorflow/tfjs-converter');
  const json = JSON.parse(await fs.promises.readFile(jsonPath, 'utf8')) as ModelJson;
  const dir = path.dirname(jsonPath);
  const parts: Buffer[] = [];
  for (const group of json.weightsManifest) for (const p of group.paths) parts.push(await fs.promises.readFile(path.join(dir, path.basename(p))));
  const all = Buffer.concat(parts);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer;
  const handler = tf.io.fromMemory({
    modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
    weightData,
    ...(json.format ? { format: json.format } : {}),
    ...(json.generatedBy ? { generatedBy: json.generatedBy } : {}),
    ...(json.convertedBy ? { convertedBy: json.convertedBy } : {}),
    ...(json.signature ? { signature: json.signature } : {}),
  });
  return converter.loadGraphModel(handler);
}
