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
 * Assembles one clip in memory: each decrypted segment goes into ffmpeg on stdin and comes out as
 * MPEG-TS, which is written to the muxer's stdin; the muxer's fragmented MP4 is collected from its
 * stdout. No decrypted footage touches the disk. Processes are spawned with argument arrays (never
 * a shell) and killed if anything fails.
 */
export async function assembleClip(binaries: FfmpegBinaries, sources: readonly ClipSource[], clipStart: Date, meta: ClipMetadata, trim: ExactTrim | null = null, timeoutMs = 300_000): Promise<Buffer> {
  if (sources.length === 0) throw new Error('no footage to assemble');
  const mux = spawn(binaries.ffmpeg, clipMuxArgs(meta, trim), { stdio: ['pipe', 'pipe', 'pipe'], env: childEnv() });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  mux.stdout.on('data', (c: Buffer) => out.push(c));
  mux.stderr.on('data', (c: Buffer) => err.push(c));
  mux.stdin.on('error', () => undefined);
  const muxed = new Promise<number | null>((resolve, reject) => {
    mux.on('error', reject);
    mux.on('close', (code) => resolve(code));
  });
  const timer = setTimeout(() => mux.kill('SIGKILL'), timeoutMs);
  try {
    for (const source of sources) {
      const offset = Math.max(0, (source.start.getTime() - clipStart.getTime()) / 1000);
      const ts = await remux(binaries.ffmpeg, await source.read(), segmentToTsArgs(offset), timeoutMs);
      if (!mux.stdin.write(ts)) await new Promise<void>((resolve) => mux.stdin.once('drain', resolve));
    }
    mux.stdin.end();
    const code = await muxed;
    if (code !== 0) throw new Error(`ffmpeg clip mux failed (${code}): ${Buffer.concat(err).toString('utf8').slice(0, 300)}`);
    return Buffer.concat(out);
  } catch (e) {
    mux.kill('SIGKILL');
    throw e;
  } finally {
    clearTimeout(timer);
  }
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
