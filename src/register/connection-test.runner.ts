import { spawn } from 'node:child_process';
import dns from 'node:dns/promises';
import net from 'node:net';
import { DomainError } from '../platform/errors.js';
import { childEnv } from '../recording/ffmpeg-args.js';
import { resolveBinaries, type FfmpegBinaries } from '../recording/media-tools.js';
import { stopProcess, type RunningProcess } from '../recording/process.js';
import { CameraAccessError } from './connection-test.failure.js';
import { classifyFailure, connectionTestArgs, isJpeg, jpegSize, parseStreamInfo } from './connection-test.js';
import { withCredentials, type StreamCredentials } from './stream-url.js';

/**
 * Runs the connection test: one ffmpeg child that grabs one frame (convention 8: spawn(cmd, args),
 * never a shell; a hard timeout, then SIGTERM and SIGKILL after a grace period). The only register
 * code that starts processes or reaches a camera's RTSP port. Nothing ffmpeg prints is logged or
 * passed on: it repeats the URL, credentials included.
 */
export interface FrameGrab {
  jpeg: Buffer;
  codec: string | null;
  width: number;
  height: number;
  ms: number;
}

export interface ConnectionTesterOptions {
  /** Empty or absent: the binary shipped by @ffmpeg-installer/ffmpeg (resolved as the recorder does). */
  ffmpegPath?: string;
  /** The whole test, connecting included. */
  timeoutMs?: number;
  socketTimeoutSeconds?: number;
  graceMs?: number;
  thumbnailWidth?: number;
  /** Tests running at once; more are refused (each is an ffmpeg process). */
  maxConcurrent?: number;
}

const maxJpegBytes = 2 * 1024 * 1024;
const stderrHead = 32 * 1024;

export class ConnectionTester {
  private binaries: Promise<FfmpegBinaries> | null = null;
  private running = 0;
  private readonly o: Required<Omit<ConnectionTesterOptions, 'ffmpegPath'>> & { ffmpegPath: string };

  constructor(options: ConnectionTesterOptions = {}) {
    this.o = {
      ffmpegPath: options.ffmpegPath ?? '',
      timeoutMs: options.timeoutMs ?? 15_000,
      socketTimeoutSeconds: options.socketTimeoutSeconds ?? 5,
      graceMs: options.graceMs ?? 1_000,
      thumbnailWidth: options.thumbnailWidth ?? 480,
      maxConcurrent: options.maxConcurrent ?? 4,
    };
  }

  /** One frame from the camera as a JPEG; throws CameraAccessError saying why not. */
  async grab(storedUrl: string, credentials: StreamCredentials | null): Promise<FrameGrab> {
    if (this.running >= this.o.maxConcurrent) {
      throw new DomainError('too_many', 'connection_tests_busy', 'Several connection tests are running; try again in a moment', {
        message: { nl: 'Er lopen al meerdere verbindingstests; probeer het zo opnieuw.', en: 'Several connection tests are running; try again in a moment.' },
      });
    }
    this.running++;
    try {
      const started = Date.now();
      const url = await this.resolveHost(storedUrl);
      const binaries = await this.ffmpeg();
      const args = connectionTestArgs({
        url: withCredentials(url, credentials), ffmpegMajor: binaries.ffmpegMajor,
        socketTimeoutSeconds: this.o.socketTimeoutSeconds, thumbnailWidth: this.o.thumbnailWidth,
      });
      const run = await this.run(binaries.ffmpeg, args);
      if (run.error) throw new Error(`ffmpeg did not start: ${run.error.message}`);
      const ms = Date.now() - started;
      const info = parseStreamInfo(run.stderr);
      if (run.exitCode === 0 && isJpeg(run.stdout)) {
        const size = jpegSize(run.stdout);
        const width = info?.width ?? size?.width;
        const height = info?.height ?? size?.height;
        if (width && height) return { jpeg: run.stdout, codec: info?.codec ?? null, width, height, ms };
      }
      throw new CameraAccessError(
        classifyFailure({
          stderr: run.stderr, exitCode: run.exitCode, signal: run.signal, timedOut: run.timedOut, withCredentials: credentials !== null,
          waitedForSocket: ms >= this.o.socketTimeoutSeconds * 1000 - 250,
        }),
      );
    } finally {
      this.running--;
    }
  }

  private async ffmpeg(): Promise<FfmpegBinaries> {
    this.binaries ??= resolveBinaries({ ffmpegPath: this.o.ffmpegPath || undefined });
    try {
      return await this.binaries;
    } catch (err) {
      this.binaries = null; // try again next time (a binary configured later, a transient failure)
      throw err;
    }
  }

  /**
   * Looks the camera's host name up here and hands ffmpeg the address: the static ffmpeg build of
   * @ffmpeg-installer crashes (SIGSEGV) on any name lookup, and a failed lookup is then a clear
   * 'dns' answer rather than a crash. (Only the RTSPS certificate name check would want the name;
   * ffmpeg does not check it by default.)
   */
  private async resolveHost(storedUrl: string): Promise<string> {
    const url = new URL(storedUrl);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (net.isIP(host)) return storedUrl;
    let address: string;
    try {
      const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 5_000).unref());
      address = (await Promise.race([dns.lookup(host), timeout])).address;
    } catch {
      throw new CameraAccessError('dns');
    }
    url.hostname = net.isIPv6(address) ? `[${address}]` : address;
    return url.toString();
  }

  private run(cmd: string, args: string[]) {
    return new Promise<{ stdout: Buffer; stderr: string; exitCode: number | null; signal: string | null; timedOut: boolean; error?: Error }>((resolve) => {
      const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: childEnv(), shell: false });
      const out: Buffer[] = [];
      let outBytes = 0;
      let head = '';
      let tail = '';
      let timedOut = false;
      let stopping: Promise<unknown> | null = null;
      const proc: RunningProcess = {
        pid: child.pid,
        exited: new Promise((done) => {
          child.once('error', (error) => done({ code: null, signal: null, error }));
          child.once('close', (code, signal) => done({ code, signal }));
        }),
        kill: (signal) => {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
        },
      };
      const stop = () => (stopping ??= stopProcess(proc, this.o.graceMs));
      child.stdout.on('data', (chunk: Buffer) => {
        outBytes += chunk.length;
        if (outBytes > maxJpegBytes) void stop();
        else out.push(chunk);
      });
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk: string) => {
        if (head.length < stderrHead) head += chunk;
        else tail = (tail + chunk).slice(-8 * 1024);
      });
      const timer = setTimeout(() => {
        timedOut = true;
        void stop();
      }, this.o.timeoutMs);
      void proc.exited.then(({ code, signal, error }) => {
        clearTimeout(timer);
        resolve({ stdout: Buffer.concat(out), stderr: head + tail, exitCode: code, signal, timedOut, error });
      });
    });
  }
}
