import { Worker } from 'node:worker_threads';
import { sealFormat } from './footage-crypto.js';

/**
 * Encrypts and writes segments on a worker thread. Not for parallelism (the ingest queue already
 * limits that) but for the main thread's heap and caches: sealing a 5 MB segment allocates its
 * ciphertext in chunks, and on the main thread — whose heap holds the whole application — those
 * allocations brought a full mark-compact every few segments (at 32 cameras about as much CPU as the
 * ingest itself; bench/RESULTS.md, Recorder). The worker's heap is tiny and its young generation
 * large, so the chunks die young and cost next to nothing.
 *
 * The worker streams the spool file itself: it reads `chunkBytes` at a time into one reused buffer,
 * encrypts that chunk and writes the ciphertext, so the video data passes through the CPU's cache
 * once (read, encrypt, write) instead of being copied into a segment-sized buffer first — the main
 * thread only reads the boxes' headers (segment-file.ts). It writes the blob in the format of
 * footage-crypto.ts (magic | iv | tag | ciphertext, the storage key as associated data) to a
 * temporary file, fsyncs and closes it, and — when given the target — renames it into place and
 * fsyncs the directory (what local-store.ts commit does, without the main thread's file-system
 * round trips). Exactly `length` bytes are sealed (the size the ingester inspected): a file that turns
 * out shorter fails the job. The worker is plain JavaScript (eval) so that it runs the same under
 * tsx, vitest and the built server.
 */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const crypto = require('node:crypto');
const fs = require('node:fs');
const magic = Buffer.from(workerData.magic);
const headerLength = magic.length + workerData.ivLength + workerData.tagLength;
const chunkBytes = workerData.chunkBytes;
const input = Buffer.allocUnsafe(chunkBytes);
function writeAll(fd, chunk, position) {
  for (let done = 0; done < chunk.length; ) done += fs.writeSync(fd, chunk, done, chunk.length - done, position + done);
}
parentPort.on('message', (job) => {
  let fd;
  let source;
  let created = false;
  try {
    const key = Buffer.from(job.dataKey.buffer, job.dataKey.byteOffset, job.dataKey.byteLength);
    source = fs.openSync(job.source, 'r');
    fd = fs.openSync(job.temp, 'wx', 0o600);
    created = true;
    const iv = crypto.randomBytes(workerData.ivLength);
    const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(job.storageKey, 'utf8'));
    let position = headerLength;
    for (let offset = 0; offset < job.length; ) {
      const n = fs.readSync(source, input, 0, Math.min(chunkBytes, job.length - offset), offset);
      if (n <= 0) throw Object.assign(new Error('the spool file is shorter than when it was inspected'), { code: 'ESHORT' });
      offset += n;
      const out = cipher.update(n === chunkBytes ? input : input.subarray(0, n));
      writeAll(fd, out, position);
      position += out.length;
    }
    const rest = cipher.final();
    if (rest.length) { writeAll(fd, rest, position); position += rest.length; }
    writeAll(fd, Buffer.concat([magic, iv, cipher.getAuthTag()]), 0);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    if (job.target) {
      // Into place atomically, and the directory flushed so that the new name is durable too.
      fs.renameSync(job.temp, job.target);
      const dir = fs.openSync(job.dir, 'r');
      try { fs.fsyncSync(dir); } catch {} // some file systems refuse fsync on a directory; the rename is still atomic
      finally { fs.closeSync(dir); }
    }
    parentPort.postMessage({ id: job.id, storedBytes: position });
  } catch (err) {
    // Only a file this job created is removed (never one that was there before: 'wx' refused it).
    if (fd !== undefined) try { fs.closeSync(fd); } catch {}
    if (created) try { fs.rmSync(job.temp, { force: true }); } catch {}
    parentPort.postMessage({ id: job.id, error: String((err && err.message) || err), code: err && err.code });
  } finally {
    if (source !== undefined) try { fs.closeSync(source); } catch {}
  }
});
`;

/**
 * Plaintext bytes per read/encrypt/write step: small enough to stay in the CPU's cache, and the
 * cipher's output chunk (Node allocates one per update) below glibc's 128 kB mmap threshold, so it
 * comes from the heap rather than from fresh pages (about 5 % less CPU per segment than 128 kB).
 */
const chunkBytes = 96 * 1024;

export interface SealJob {
  /** The spool file to seal (plaintext, finished: it no longer changes). */
  source: string;
  /** How many bytes of it to seal: its size when it was inspected. */
  length: number;
  dataKey: Buffer;
  storageKey: string;
  /** The temporary file to create (it must not exist). */
  temp: string;
  /** Where to rename it once it is flushed, and its directory (to flush as well); without them the caller commits. */
  target?: string;
  dir?: string;
}

export class Sealer {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (bytes: number) => void; reject: (err: Error) => void }>();

  /** Writes the sealed segment to job.temp, flushed to disk; resolves with the blob's length. */
  seal(job: SealJob): Promise<number> {
    const worker = this.ensure();
    const id = this.nextId++;
    return new Promise<number>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({
        id, source: job.source, length: job.length, dataKey: new Uint8Array(job.dataKey), storageKey: job.storageKey, temp: job.temp, target: job.target, dir: job.dir,
      });
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(workerSource, {
      eval: true, workerData: { ...sealFormat, chunkBytes }, resourceLimits: { maxYoungGenerationSizeMb: 48, maxOldGenerationSizeMb: 64 },
    });
    worker.unref();
    worker.on('message', (m: { id: number; storedBytes?: number; error?: string; code?: string }) => {
      const waiting = this.pending.get(m.id);
      if (!waiting) return;
      this.pending.delete(m.id);
      if (m.error !== undefined) waiting.reject(Object.assign(new Error(`sealing failed: ${m.error}`), { code: m.code }));
      else waiting.resolve(m.storedBytes!);
    });
    const fail = (err: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const [id, waiting] of this.pending) {
        this.pending.delete(id);
        waiting.reject(err);
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`sealing worker exited (${code})`)));
    this.worker = worker;
    return worker;
  }
}
