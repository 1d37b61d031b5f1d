import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'rtsp-server.py');
/** Debian's python3 has the GObject bindings; the python3 first on PATH may not (machine-facts.md). */
const python = process.env.TOEZICHT_GST_PYTHON ?? '/usr/bin/python3';

export interface RtspServerOptions {
  mounts?: string[];
  width?: number;
  height?: number;
  fps?: number;
  /** kbit/s; 0 lets x264 choose. */
  bitrate?: number;
  /** Frames between keyframes (default 2 s). */
  gop?: number;
  /** Serve this pre-encoded MP4 in real time on every mount instead of encoding a test picture. */
  file?: string;
  user?: string;
  password?: string;
}

/**
 * A real RTSP server (GStreamer's gst-rtsp-server, test/recording/rtsp-server.py) on a free port.
 * stop() simulates a camera outage; start() brings the camera back on the same port.
 */
export class RtspServer {
  private child: ChildProcess | null = null;

  private constructor(
    readonly port: number,
    private readonly options: RtspServerOptions,
  ) {}

  static async start(options: RtspServerOptions = {}): Promise<RtspServer> {
    const server = new RtspServer(await freePort(), options);
    await server.start();
    return server;
  }

  url(mount = '/cam1', credentials?: { user: string; password: string }): string {
    const auth = credentials ? `${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@` : '';
    return `rtsp://${auth}127.0.0.1:${this.port}${mount}`;
  }

  get running(): boolean {
    return this.child !== null;
  }

  async start(): Promise<void> {
    if (this.child) return;
    const o = this.options;
    const args = [script, '--port', String(this.port), '--width', String(o.width ?? 320), '--height', String(o.height ?? 240), '--fps', String(o.fps ?? 10)];
    for (const mount of o.mounts ?? ['/cam1']) args.push('--mount', mount);
    if (o.bitrate) args.push('--bitrate', String(o.bitrate));
    if (o.gop) args.push('--gop', String(o.gop));
    if (o.file) args.push('--file', o.file);
    if (o.user) args.push('--user', o.user, '--password', o.password ?? '');
    const child = spawn(python, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`RTSP server did not start: ${output}`)), 15_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('READY')) {
          clearTimeout(timer);
          resolve();
        }
        if (output.includes('FAILED')) {
          clearTimeout(timer);
          reject(new Error(output));
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`RTSP server exited (${code}): ${output}`));
      });
    });
  }

  /** Stops the server (the camera goes away); resolves once the process is gone. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
    await exited;
    clearTimeout(timer);
  }
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
