import { createRequire } from 'node:module';

/**
 * onnxruntime-node behind a small port: one float input, named float outputs. The execution
 * provider is `cpu` unless configured (`TOEZICHT_REDACTION_EP=cuda`); when CUDA cannot be used
 * (no GPU, or the package was installed without its CUDA libraries: .npmrc skips that download)
 * the session falls back to CPU and says so through `log` — analysis never fails for want of a GPU.
 */
export type ExecutionProvider = 'cpu' | 'cuda';

export interface OnnxSession {
  readonly inputSize: number;
  readonly executionProvider: ExecutionProvider;
  /** BlazeFace's four outputs, in the order scores (16×16 head), scores (8×8), boxes (16×16), boxes (8×8). */
  run(input: Float32Array): Promise<{ scores16: Float32Array; scores8: Float32Array; boxes16: Float32Array; boxes8: Float32Array }>;
  close(): Promise<void>;
}

type Ort = typeof import('onnxruntime-node');

export function executionProviderFromEnv(env: NodeJS.ProcessEnv = process.env): ExecutionProvider {
  const value = (env.TOEZICHT_REDACTION_EP ?? 'cpu').trim().toLowerCase();
  if (value === 'cpu' || value === '') return 'cpu';
  if (value === 'cuda') return 'cuda';
  throw new Error(`TOEZICHT_REDACTION_EP must be "cpu" or "cuda", not "${value}"`);
}

export async function createOnnxSession(modelPath: string, wanted: ExecutionProvider, log: (message: string) => void = () => undefined): Promise<OnnxSession> {
  const ort = createRequire(import.meta.url)('onnxruntime-node') as Ort;
  const options = { logSeverityLevel: 3 as const, graphOptimizationLevel: 'all' as const, intraOpNumThreads: 1 };
  let provider: ExecutionProvider = wanted;
  let session: import('onnxruntime-node').InferenceSession;
  if (wanted === 'cuda') {
    try {
      session = await ort.InferenceSession.create(modelPath, { ...options, executionProviders: ['cuda'] });
    } catch (err) {
      log(`redaction: CUDA execution provider not available (${String((err as Error).message ?? err).split('\n')[0]!.slice(0, 200)}); falling back to CPU`);
      provider = 'cpu';
      session = await ort.InferenceSession.create(modelPath, { ...options, executionProviders: ['cpu'] });
    }
  } else {
    session = await ort.InferenceSession.create(modelPath, { ...options, executionProviders: ['cpu'] });
  }
  const inputName = session.inputNames[0]!;
  const shape = (session.inputMetadata as unknown as { shape?: readonly (number | string)[] }[])[0]?.shape;
  const inputSize = typeof shape?.[1] === 'number' ? shape[1] : 128;
  const names = session.outputNames;
  return {
    inputSize,
    executionProvider: provider,
    async run(input) {
      const result = await session.run({ [inputName]: new ort.Tensor('float32', input, [1, inputSize, inputSize, 3]) });
      const out = (i: number) => result[names[i]!]!.data as Float32Array;
      return { scores16: out(0), scores8: out(1), boxes16: out(2), boxes8: out(3) };
    },
    close: () => session.release(),
  };
}
