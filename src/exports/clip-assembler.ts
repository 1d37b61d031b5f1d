import { spawn } from 'node:child_process';
import type { Writable } from 'node:stream';
import { childEnv } from '../recording/ffmpeg-args.js';
import type { FfmpegBinaries } from '../recording/media-tools.js';
import { clipMuxArgs, segmentToTsArgs, type ClipMetadata, type ExactTrim } from './export-args.js';
import { concatFragments, NotConcatenable } from './fmp4-concat.js';
import { assembleExactClip } from './exact-trim.js';

export interface ClipSource {
  start: Date;
  /** The decrypted segment (fragmented MP4), read only when its turn comes. */
  read(): Promise<Buffer>;
}

/**
 * Assembles one clip as a stream. Stream copy (no trim) is done in Node when the segments allow it
 * (fmp4-concat.ts: no process at all); otherwise, and for an exact trim: each decrypted segment goes into ffmpeg on stdin and comes out
 * as MPEG-TS, which is written to the muxer's stdin; the muxer's fragmented MP4 is yielded chunk
 * by chunk from its stdout. At most two segments are in memory (the one being written and the
 * next, prepared meanwhile); the clip itself never is, and no decrypted footage touches the disk.
 * Processes are spawned with argument arrays (never a shell) and killed if anything fails, if the
 * consumer stops early, or if nothing moves for `idleMs`.
 */
export async function* assembleClip(
  binaries: FfmpegBinaries, sources: readonly ClipSource[], clipStart: Date, meta: ClipMetadata, trim: ExactTrim | null = null, idleMs = 120_000,
  /** Stream copy through ffmpeg even where fmp4-concat.ts could do it (after NotConcatenable mid-clip: segments of another format). */
  remux = false,
): AsyncGenerator<Buffer> {
  if (sources.length === 0) throw new Error('no footage to assemble');
  if (trim !== null) {
    // Exact trim: only the partial first and last GOP are re-encoded, the GOPs between copied (exact-trim.ts).
    yield* assembleExactClip(binaries, sources, clipStart, meta, trim, idleMs);
    return;
  }
  if (trim === null && !remux) {
    // Stream copy without ffmpeg (fmp4-concat.ts); falls back to the remux below when the first segment is not of the recorder's layout.
    let yielded = false;
    try {
      for await (const chunk of concatFragments(sources, clipStart, meta)) {
        yielded = true;
        yield chunk;
      }
      return;
    } catch (e) {
      if (!(e instanceof NotConcatenable) || yielded || !e.beforeOutput) throw e;
    }
  }
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

  const prefetch = (s: ClipSource): Promise<Buffer> => {
    const read = s.read();
    read.catch(() => undefined); // awaited below; this only keeps a prefetch failure from being "unhandled" meanwhile
    return read;
  };
  let feedError: unknown = null;
  const feeding = (async () => {
    try {
      // The next segment is read (and decrypted) while the current one is remuxed; each remuxer writes its
      // MPEG-TS straight into the muxer's stdin (the pipe's descriptor is handed to it), not through Node.
      let next: Promise<Buffer> | null = prefetch(sources[0]!);
      for (let i = 0; next; i++) {
        const segment: Buffer = await next;
        next = i + 1 < sources.length ? prefetch(sources[i + 1]!) : null;
        const offset = Math.max(0, (sources[i]!.start.getTime() - clipStart.getTime()) / 1000);
        await remuxInto(binaries.ffmpeg, segment, segmentToTsArgs(offset), mux.stdin, idleMs);
        alive();
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

/** One decrypted segment in on stdin, MPEG-TS out into `sink` (a pipe whose descriptor the child inherits). */
function remuxInto(ffmpeg: string, input: Buffer, args: string[], sink: NodeJS.WritableStream, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg, args, { stdio: ['pipe', sink as unknown as Writable, 'pipe'], env: childEnv() });
    const err: Buffer[] = [];
    child.stderr!.on('data', (c: Buffer) => err.push(c));
    child.stdin!.on('error', () => undefined);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`ffmpeg segment remux failed (${code}): ${Buffer.concat(err).toString('utf8').slice(0, 300)}`));
    });
    child.stdin!.end(input);
  });
}
