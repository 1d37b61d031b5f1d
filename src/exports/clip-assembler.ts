import { spawn } from 'node:child_process';
import { childEnv } from '../recording/ffmpeg-args.js';
import type { FfmpegBinaries } from '../recording/media-tools.js';
import { clipMuxArgs, segmentToTsArgs, type ClipMetadata, type ExactTrim } from './export-args.js';

export interface ClipSource {
  start: Date;
  /** The decrypted segment (fragmented MP4), read only when its turn comes. */
  read(): Promise<Buffer>;
}

/**
 * Assembles one clip as a stream: each decrypted segment goes into ffmpeg on stdin and comes out
 * as MPEG-TS, which is written to the muxer's stdin; the muxer's fragmented MP4 is yielded chunk
 * by chunk from its stdout. At most two segments are in memory (the one being written and the
 * next, prepared meanwhile); the clip itself never is, and no decrypted footage touches the disk.
 * Processes are spawned with argument arrays (never a shell) and killed if anything fails, if the
 * consumer stops early, or if nothing moves for `idleMs`.
 */
export async function* assembleClip(
  binaries: FfmpegBinaries, sources: readonly ClipSource[], clipStart: Date, meta: ClipMetadata, trim: ExactTrim | null = null, idleMs = 120_000,
): AsyncGenerator<Buffer> {
  if (sources.length === 0) throw new Error('no footage to assemble');
  const mux = spawn(binaries.ffmpeg, clipMuxArgs(meta, trim), { stdio: ['pipe', 'pipe', 'pipe'], env: childEnv() });
  const err: Buffer[] = [];
  mux.stderr.on('data', (c: Buffer) => {
    if (err.length < 64) err.push(c);
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

  const prepare = (s: ClipSource): Promise<Buffer> => {
    const offset = Math.max(0, (s.start.getTime() - clipStart.getTime()) / 1000);
    const ts = s.read().then((segment) => remux(binaries.ffmpeg, segment, segmentToTsArgs(offset), idleMs));
    ts.catch(() => undefined); // awaited below; this only keeps a prefetch failure from being "unhandled" meanwhile
    return ts;
  };
  let feedError: unknown = null;
  const feeding = (async () => {
    try {
      let next: Promise<Buffer> | null = prepare(sources[0]!);
      for (let i = 0; next; i++) {
        const ts: Buffer = await next;
        next = i + 1 < sources.length ? prepare(sources[i + 1]!) : null;
        alive();
        if (!mux.stdin.write(ts)) await drained(mux.stdin, closed);
      }
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
    if (code !== 0) throw new Error(`ffmpeg clip mux failed (${code}): ${Buffer.concat(err).toString('utf8').slice(0, 300)}`);
    finished = true;
  } finally {
    if (timer) clearTimeout(timer);
    if (!finished) {
      mux.kill('SIGKILL');
      await feeding;
    }
  }
}

function drained(stdin: NodeJS.WritableStream, closed: Promise<unknown>): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stdin.removeListener('drain', done);
      resolve();
    };
    stdin.once('drain', done);
    void closed.then(done);
  });
}

function remux(ffmpeg: string, input: Buffer, args: string[], timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg, args, { stdio: ['pipe', 'pipe', 'pipe'], env: childEnv() });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.stdin.on('error', () => undefined);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(`ffmpeg segment remux failed (${code}): ${Buffer.concat(err).toString('utf8').slice(0, 300)}`));
    });
    child.stdin.end(input);
  });
}
