import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SegmentInspector } from '../../src/recording/ingester.js';
import type { ProcessLauncher, RunningProcess, StartOptions } from '../../src/recording/process.js';

/** A simulated camera for supervisor tests: up or down, delivering or stalled. */
export class FakeCamera {
  up = true;
  stalled = false;
  /** Live fake ffmpeg processes pulling from this camera. */
  readonly running = new Set<FakeFfmpeg>();
  /** Takes the camera off the network: its streams end now (as ffmpeg sees EOF). */
  goDown(): void {
    this.up = false;
    for (const p of this.running) p.exit(0);
  }
}

/**
 * Stands in for ffmpeg (fast, no media): while its camera is up it reports progress every tick and
 * every `segmentMs` closes a segment file (random bytes) and lists it in segments.csv, as ffmpeg's
 * segment muxer does. SIGTERM closes the current segment; SIGKILL leaves it unfinished.
 */
export class FakeFfmpeg implements RunningProcess {
  readonly pid = 4_000_000 + Math.floor(Math.random() * 100_000);
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private resolveExit!: (r: { code: number | null; signal: NodeJS.Signals | null }) => void;
  private timer: NodeJS.Timeout | null = null;
  private outMs = 0;
  private segStart = 0;
  private seq = 0;
  private done = false;

  constructor(
    private readonly camera: FakeCamera,
    private readonly runDir: string,
    private readonly o: StartOptions,
    private readonly segmentMs: number,
  ) {
    this.exited = new Promise((resolve) => (this.resolveExit = resolve));
    if (!camera.up) {
      setTimeout(() => {
        o.onStderrLine?.('rtsp://user:secret@10.0.0.9/stream: Connection refused');
        this.finish(1, null);
      }, 5);
      return;
    }
    camera.running.add(this);
    this.timer = setInterval(() => this.tick(), 20);
  }

  private file(): string {
    return path.join(this.runDir, `${String(this.seq).padStart(6, '0')}.mp4`);
  }

  private tick(): void {
    if (this.camera.stalled) return;
    if (!fs.existsSync(this.file())) fs.writeFileSync(this.file(), crypto.randomBytes(64));
    else fs.appendFileSync(this.file(), crypto.randomBytes(16));
    this.outMs += 20;
    this.o.onStdoutLine?.(`out_time_us=${this.outMs * 1000}`);
    if (this.outMs - this.segStart >= this.segmentMs) this.closeSegment();
  }

  private closeSegment(): void {
    fs.appendFileSync(path.join(this.runDir, 'segments.csv'), `${path.basename(this.file())},${(this.segStart / 1000).toFixed(6)},${(this.outMs / 1000).toFixed(6)}\n`);
    this.segStart = this.outMs;
    this.seq++;
  }

  exit(code: number): void {
    if (this.done) return;
    if (fs.existsSync(this.file()) && this.outMs > this.segStart) this.closeSegment();
    this.finish(code, null);
  }

  kill(signal: NodeJS.Signals): void {
    if (this.done) return;
    if (signal === 'SIGKILL') this.finish(null, 'SIGKILL');
    else setTimeout(() => this.exit(255), 5);
  }

  private finish(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.done) return;
    this.done = true;
    if (this.timer) clearInterval(this.timer);
    this.camera.running.delete(this);
    this.resolveExit({ code, signal });
  }
}

export class FakeLauncher implements ProcessLauncher {
  readonly starts: string[][] = [];
  constructor(
    private readonly cameras: Map<string, FakeCamera>,
    private readonly segmentMs = 200,
  ) {}

  start(_cmd: string, args: readonly string[], options: StartOptions): RunningProcess {
    this.starts.push([...args]);
    const url = args[args.indexOf('-i') + 1]!;
    const camera = this.cameras.get(url);
    if (!camera) throw new Error(`no fake camera at ${url}`);
    return new FakeFfmpeg(camera, path.dirname(args[args.length - 1]!), options, this.segmentMs);
  }
}

/** Inspection: the file is a "segment" when it is not empty; no samples (no motion score). */
export const fakeMedia: SegmentInspector = {
  inspect(data: Buffer) {
    return data.length > 0
      ? { ok: true, durationMs: Math.max(1, Math.round(data.length / 4)), codec: 'h264', width: 320, height: 240, fragments: 1, complete: true, samples: [] }
      : { ok: false, reason: 'empty' };
  },
};
