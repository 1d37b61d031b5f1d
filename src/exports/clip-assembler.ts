import { muxedOutput, runChild } from '../recording/ffmpeg-run.js';
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
  const prefetch = (s: ClipSource): Promise<Buffer> => {
    const read = s.read();
    read.catch(() => undefined); // awaited below; this only keeps a prefetch failure from being "unhandled" meanwhile
    return read;
  };
  yield* muxedOutput(binaries.ffmpeg, clipMuxArgs(meta, trim), 'ffmpeg clip mux', idleMs, async (stdin, alive) => {
    // The next segment is read (and decrypted) while the current one is remuxed; each remuxer writes its
    // MPEG-TS straight into the muxer's stdin (the pipe's descriptor is handed to it), not through Node.
    let next: Promise<Buffer> | null = prefetch(sources[0]!);
    for (let i = 0; next; i++) {
      const segment: Buffer = await next;
      next = i + 1 < sources.length ? prefetch(sources[i + 1]!) : null;
      const offset = Math.max(0, (sources[i]!.start.getTime() - clipStart.getTime()) / 1000);
      await runChild(binaries.ffmpeg, segmentToTsArgs(offset), segment, { what: 'ffmpeg segment remux', sink: stdin, timeoutMs: idleMs });
      alive();
    }
  });
}
