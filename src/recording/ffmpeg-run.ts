import { spawn, type ChildProcess } from 'node:child_process';
import type { Writable } from 'node:stream';
import { childEnv } from './ffmpeg-args.js';

export interface RunOptions {
  /** Names the step in the error ("ffmpeg segment remux failed (1): …"). */
  what: string;
  /** Killed with SIGKILL after this long. */
  timeoutMs: number;
  /** stdout goes into this pipe (the child inherits its descriptor) instead of being collected. */
  sink?: NodeJS.WritableStream | null;
  /** The child is added while it runs, so a caller can kill everything it started (cancel). */
  children?: Set<ChildProcess>;
}

const stderrChunks = 64;

/**
 * Runs one ffmpeg/ffprobe child with an argument array (never a shell) and the trimmed child
 * environment: `input` on stdin, stdout collected and returned (or written into `sink`), at most
 * the first 64 stderr chunks kept for the error message. Used wherever footage passes through a
 * short-lived child (export remux and exact trim, privacy masks, redaction analysis and stills).
 */
export function runChild(binary: string, args: readonly string[], input: Buffer | null, o: RunOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, [...args], { stdio: ['pipe', o.sink ? (o.sink as unknown as Writable) : 'pipe', 'pipe'], env: childEnv() });
    o.children?.add(child);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (c: Buffer) => out.push(c));
    child.stderr!.on('data', (c: Buffer) => {
      if (err.length < stderrChunks) err.push(c);
    });
    child.stdin!.on('error', () => undefined);
    const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs);
    const done = () => {
      clearTimeout(timer);
      o.children?.delete(child);
    };
    child.once('error', (e) => {
      done();
      reject(e);
    });
    child.once('close', (code, signal) => {
      done();
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(`${o.what} failed (${code ?? signal}): ${Buffer.concat(err).toString('utf8').trim().slice(0, 300)}`));
    });
    child.stdin!.end(input ?? undefined);
  });
}

/**
 * One long-lived muxer whose output is yielded chunk by chunk while `feed` writes into its stdin
 * (typically by handing the pipe to short-lived children, see runChild's `sink`). `feed` calls
 * `alive()` on progress; nothing moving for `idleMs` kills the muxer. If the consumer stops early
 * or anything fails, the muxer is killed and the feeding awaited, so no child outlives the call.
 */
export async function* muxedOutput(
  ffmpeg: string, args: readonly string[], what: string, idleMs: number,
  feed: (stdin: NodeJS.WritableStream, alive: () => void) => Promise<void>,
): AsyncGenerator<Buffer> {
  const mux = spawn(ffmpeg, [...args], { stdio: ['pipe', 'pipe', 'pipe'], env: childEnv() });
  const err: Buffer[] = [];
  mux.stderr.on('data', (c: Buffer) => {
    if (err.length < stderrChunks) err.push(c);
  });
  mux.stdin.on('error', () => undefined);
  const closed = new Promise<number | null>((resolve) => {
    mux.on('error', () => resolve(-1));
    mux.on('close', (code) => resolve(code));
  });
  let timer: NodeJS.Timeout | null = null;
  const alive = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => mux.kill('SIGKILL'), idleMs);
  };
  alive();

  let feedError: unknown = null;
  const feeding = (async () => {
    try {
      await feed(mux.stdin, alive);
      mux.stdin.end();
    } catch (e) {
      feedError = e;
      mux.kill('SIGKILL');
    }
  })();

  let finished = false;
  try {
    for await (const chunk of mux.stdout) {
      alive();
      yield chunk as Buffer;
    }
    const code = await closed;
    await feeding;
    if (feedError) throw feedError;
    if (code !== 0) throw new Error(`${what} failed (${code}): ${Buffer.concat(err).toString('utf8').slice(0, 300)}`);
    finished = true;
  } finally {
    if (timer) clearTimeout(timer);
    if (!finished) {
      mux.kill('SIGKILL');
      await feeding;
    }
  }
}
