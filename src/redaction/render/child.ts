import { runChild } from '../../recording/ffmpeg-run.js';

/** Runs a binary with arguments (never a shell), stdin from a buffer, stdout collected; killed after the timeout. */
export function runCollect(cmd: string, args: string[], stdin: Buffer | null, what: string, timeoutMs = 60_000): Promise<Buffer> {
  return runChild(cmd, args, stdin, { what: `ffmpeg ${what}`, timeoutMs });
}
