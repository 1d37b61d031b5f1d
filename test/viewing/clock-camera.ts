import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'clock-camera.py');
/** Debian's python3 has the GObject bindings; the python3 first on PATH may not (machine-facts.md). */
const python = process.env.TOEZICHT_GST_PYTHON ?? '/usr/bin/python3';

/** The code's layout (clock-camera.py): 48 blocks of 26 px, 12 a row, from (4,4); 42 bits of ms, 6 check bits. */
export const clockCode = { block: 26, cols: 12, rows: 4, origin: 4, bits: 48 } as const;

/**
 * A real RTSP camera (GStreamer's gst-rtsp-server) whose frames carry the wall-clock time they were
 * made (test/viewing/clock-camera.py): what a browser shows of it can be compared with Date.now().
 */
export class ClockCamera {
  private constructor(
    readonly port: number,
    private readonly child: ChildProcess,
  ) {}

  static async start(o: { fps?: number; gop?: number } = {}): Promise<ClockCamera> {
    const port = await freePort();
    const args = [script, '--port', String(port), '--fps', String(o.fps ?? 10)];
    if (o.gop) args.push('--gop', String(o.gop));
    const child = spawn(python, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`clock camera did not start: ${output}`)), 15_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('READY')) {
          clearTimeout(timer);
          resolve();
        } else if (output.includes('FAILED') || output.includes('Error')) {
          clearTimeout(timer);
          reject(new Error(output));
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`clock camera exited (${code}): ${output}`));
      });
    });
    return new ClockCamera(port, child);
  }

  get url(): string {
    return `rtsp://127.0.0.1:${this.port}/clock`;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3_000);
    await exited;
    clearTimeout(timer);
  }
}

/**
 * Reads the clock code from a frame's RGBA pixels (pure; the browser test runs the same function in
 * the page). Returns the epoch milliseconds, or null when the code does not check out.
 */
export function readClockCode(rgba: Uint8ClampedArray | Uint8Array, width: number, layout: typeof clockCode = clockCode): number | null {
  let value = 0n;
  for (let i = 0; i < layout.bits; i++) {
    const cx = layout.origin + (i % layout.cols) * layout.block + layout.block / 2;
    const cy = layout.origin + Math.floor(i / layout.cols) * layout.block + layout.block / 2;
    let sum = 0;
    let n = 0;
    for (let dy = -4; dy <= 4; dy += 2) {
      for (let dx = -4; dx <= 4; dx += 2) {
        const p = ((cy + dy) * width + (cx + dx)) * 4;
        sum += rgba[p]! + rgba[p + 1]! + rgba[p + 2]!;
        n += 3;
      }
    }
    value = (value << 1n) | (sum / n > 128 ? 1n : 0n);
  }
  const ms = value >> 6n;
  const check = Number(value & 63n);
  const ones = ms.toString(2).split('').filter((c) => c === '1').length % 64;
  return check === ones && ms > 0n ? Number(ms) : null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
