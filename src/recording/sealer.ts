import { Worker } from 'node:worker_threads';
import { sealFormat } from './footage-crypto.js';

/**
 * Encrypts and writes segments on a worker thread. Not for parallelism (the ingest queue already
 * limits that) but for the garbage collector: sealing a 5 MB segment allocates its ciphertext in
 * chunks, and on the main thread — whose heap holds the whole application — those allocations
 * brought a full mark-compact every few segments (at 32 cameras about as much CPU as the ingest
 * itself; bench/RESULTS.md, Recorder). The worker's heap is tiny and its young generation large, so
 * the chunks die young and cost next to nothing.
 *
 * The plaintext is shared, not copied: the ingester reads each spool file into a buffer backed by a
 * SharedArrayBuffer. The worker writes the blob in the format of footage-crypto.ts (magic | iv |
 * tag | ciphertext, the storage key as associated data) to a temporary file, fsyncs and closes it;
 * the store then renames it into place (local-store.ts commit). The worker is plain JavaScript
 * (eval) so that it runs the same under tsx, vitest and the built server.
 */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const crypto = require('node:crypto');
const fs = require('node:fs');
const magic = Buffer.from(workerData.magic);
const headerLength = magic.length + workerData.ivLength + workerData.tagLength;
const chunkBytes = 256 * 1024;
function writeAll(fd, chunk, position) {
  for (let done = 0; done < chunk.length; ) done += fs.writeSync(fd, chunk, done, chunk.length - done, position + done);
}
parentPort.on('message', (job) => {
  let fd;
  try {
    const plaintext = Buffer.from(job.buffer, job.offset, job.length);
    const key = Buffer.from(job.dataKey.buffer, job.dataKey.byteOffset, job.dataKey.byteLength);
    fd = fs.openSync(job.temp, 'wx', 0o600);
    const iv = crypto.randomBytes(workerData.ivLength);
    const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(job.storageKey, 'utf8'));
    let position = headerLength;
    for (let offset = 0; offset < plaintext.length; offset += chunkBytes) {
      const out = cipher.update(plaintext.subarray(offset, offset + chunkBytes));
      writeAll(fd, out, position);
      position += out.length;
    }
    const rest = cipher.final();
    if (rest.length) { writeAll(fd, rest, position); position += rest.length; }
    writeAll(fd, Buffer.concat([magic, iv, cipher.getAuthTag()]), 0);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    parentPort.postMessage({ id: job.id, storedBytes: position });
  } catch (err) {
    // Only a file this job created is removed (never one that was there before: 'wx' refused it).
    if (fd !== undefined) {
      try { fs.closeSync(fd); } catch {}
      try { fs.rmSync(job.temp, { force: true }); } catch {}
    }
    parentPort.postMessage({ id: job.id, error: String((err && err.message) || err), code: err && err.code });
  }
});
`;

export interface SealJob {
  /** The plaintext: a view of a SharedArrayBuffer (shared with the worker, not copied). */
  plaintext: Buffer;
  dataKey: Buffer;
  storageKey: string;
  /** The temporary file to create (it must not exist). */
  temp: string;
}

export class Sealer {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (bytes: number) => void; reject: (err: Error) => void }>();

  /** Writes the sealed segment to job.temp, flushed to disk; resolves with the blob's length. */
  seal(job: SealJob): Promise<number> {
    if (!(job.plaintext.buffer instanceof SharedArrayBuffer)) return Promise.reject(new Error('the sealer needs a SharedArrayBuffer-backed plaintext'));
    const worker = this.ensure();
    const id = this.nextId++;
    return new Promise<number>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({
        id, buffer: job.plaintext.buffer, offset: job.plaintext.byteOffset, length: job.plaintext.length,
        dataKey: new Uint8Array(job.dataKey), storageKey: job.storageKey, temp: job.temp,
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
      eval: true, workerData: sealFormat, resourceLimits: { maxYoungGenerationSizeMb: 48, maxOldGenerationSizeMb: 64 },
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
