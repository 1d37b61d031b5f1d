import { spawn } from 'node:child_process';
import fs from 'node:fs';

/** A started child process, as the supervisor sees it. */
export interface RunningProcess {
  readonly pid: number | undefined;
  /** Resolves once the process has exited (never rejects; a failed start exits with code null). */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>;
  kill(signal: NodeJS.Signals): void;
}

export interface StartOptions {
  env: NodeJS.ProcessEnv;
  onStdoutLine?: (line: string) => void;
  onStderrLine?: (line: string) => void;
}

export interface ProcessLauncher {
  start(cmd: string, args: readonly string[], options: StartOptions): RunningProcess;
}

/** Starts processes with spawn(cmd, args): never a shell, so no argument is ever interpreted as a command. */
export class SpawnLauncher implements ProcessLauncher {
  start(cmd: string, args: readonly string[], options: StartOptions): RunningProcess {
    const child = spawn(cmd, [...args], { stdio: ['ignore', 'pipe', 'pipe'], env: options.env, shell: false });
    lines(child.stdout, options.onStdoutLine);
    lines(child.stderr, options.onStderrLine);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>((resolve) => {
      child.once('error', (error) => resolve({ code: null, signal: null, error }));
      child.once('close', (code, signal) => resolve({ code, signal }));
    });
    return {
      pid: child.pid,
      exited,
      kill: (signal) => {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      },
    };
  }
}

function lines(stream: NodeJS.ReadableStream | null, onLine: ((line: string) => void) | undefined): void {
  if (!stream) return;
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    if (!onLine) return;
    rest += chunk;
    let nl: number;
    while ((nl = rest.indexOf('\n')) >= 0) {
      onLine(rest.slice(0, nl).trimEnd());
      rest = rest.slice(nl + 1);
    }
    if (rest.length > 64 * 1024) rest = rest.slice(-1024);
  });
}

/**
 * Clean stop (convention 8): SIGTERM lets ffmpeg close its current segment and list it; after the
 * grace period SIGKILL ends it regardless. Resolves with how it ended.
 */
export async function stopProcess(proc: RunningProcess, graceMs: number): Promise<'terminated' | 'killed'> {
  proc.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const graceEnded = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), graceMs);
  });
  const outcome = await Promise.race([proc.exited.then(() => 'exited' as const), graceEnded]);
  clearTimeout(timer);
  if (outcome === 'exited') return 'terminated';
  proc.kill('SIGKILL');
  await proc.exited;
  return 'killed';
}

/**
 * Whether a process left over by a crashed Toezicht is still writing into a run directory: the
 * pid is alive and its command line names that directory (so a recycled pid is never killed).
 */
export function isLeftoverWriter(pid: number, runDir: string): boolean {
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.split('\0').some((arg) => arg.startsWith(`${runDir}/`));
  } catch {
    return false;
  }
}

/** Kills a leftover writer and waits (up to timeoutMs) until it is gone. */
export async function killLeftover(pid: number, runDir: string, timeoutMs = 5_000): Promise<void> {
  if (!isLeftoverWriter(pid, runDir)) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return;
  }
  const deadline = Date.now() + timeoutMs;
  while (isLeftoverWriter(pid, runDir) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}
