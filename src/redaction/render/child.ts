import { spawn } from 'node:child_process';
import { childEnv } from '../../recording/ffmpeg-args.js';

/** Runs a binary with arguments (never a shell), stdin from a buffer, stdout collected; killed after the timeout. */
export function runCollect(cmd: string, args: string[], stdin: Buffer | null, what: string, timeoutMs = 60_000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], env: childEnv() });
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
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(`ffmpeg ${what} failed (${code ?? signal}): ${Buffer.concat(err).toString('utf8').trim().slice(0, 300)}`));
    });
    child.stdin.end(stdin ?? undefined);
  });
}
