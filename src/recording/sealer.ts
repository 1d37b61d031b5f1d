import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { packageRoot } from '../platform/package-root.js';
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
 * temporary file — with direct I/O where the file system allows it (the ciphertext collected in a
 * page-aligned stage and written in whole pages, past the page cache: about a third less CPU per
 * segment than writing it through the cache; docs/recorder.md), else through the page cache —
 * fsyncs and closes it, and — when given the target — renames it into place and
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
const block = 4096;
const stageBytes = workerData.stageBytes;
const input = Buffer.allocUnsafe(chunkBytes);
// The native cipher (native/footage-cipher): AES-256-GCM in place, no allocation per chunk.
let native = null;
if (workerData.nativePath) try { native = require(workerData.nativePath); } catch {}
// Direct I/O needs page-aligned memory, which a Buffer cannot promise; a WebAssembly memory is
// mapped by itself, so its first byte starts a page. The stage collects ciphertext until it holds
// stageBytes; the last page keeps a copy of the object's first block (rewritten with the tag).
const stagePages = Math.ceil((workerData.stageOffset + stageBytes + chunkBytes + 2 * block) / 65536);
const memory = workerData.direct && !native ? new WebAssembly.Memory({ initial: stagePages }) : null;
const stage = memory ? Buffer.from(memory.buffer, workerData.stageOffset, stageBytes + chunkBytes + block) : null;
const first = memory ? Buffer.from(memory.buffer, stagePages * 65536 - block, block) : null;
let direct = workerData.direct && typeof fs.constants.O_DIRECT === 'number';
let whole = null;
const tag = Buffer.alloc(workerData.tagLength);
/** A page-aligned buffer of at least \`bytes\` (plus the test offset), grown as needed and reused. */
function wholeBuffer(bytes) {
  const need = Math.ceil((workerData.stageOffset + bytes) / 65536);
  if (!whole) whole = new WebAssembly.Memory({ initial: need });
  else if (whole.buffer.byteLength < need * 65536) whole.grow(need - whole.buffer.byteLength / 65536);
  return Buffer.from(whole.buffer, workerData.stageOffset, bytes);
}
function writeAll(fd, chunk, position, length = chunk.length) {
  for (let done = 0; done < length; ) done += fs.writeSync(fd, chunk, done, length - done, position + done);
}
function fail(code, message) { return Object.assign(new Error(message), { code }); }
/** Reads the spool file chunk by chunk and hands each chunk's ciphertext on; returns iv and tag. */
function encrypt(job, source, emit) {
  const key = Buffer.from(job.dataKey.buffer, job.dataKey.byteOffset, job.dataKey.byteLength);
  const iv = crypto.randomBytes(workerData.ivLength);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(job.storageKey, 'utf8'));
  for (let offset = 0; offset < job.length; ) {
    const n = fs.readSync(source, input, 0, Math.min(chunkBytes, job.length - offset), offset);
    if (n <= 0) throw fail('ESHORT', 'the spool file is shorter than when it was inspected');
    offset += n;
    emit(cipher.update(n === chunkBytes ? input : input.subarray(0, n)));
  }
  const rest = cipher.final(); // empty for GCM (a stream mode)
  if (rest.length) emit(rest);
  return Buffer.concat([magic, iv, cipher.getAuthTag()]);
}
/** Through the page cache: each chunk written where it belongs, the header last. */
function sealBuffered(job, source, fd) {
  let position = headerLength;
  const header = encrypt(job, source, (out) => { writeAll(fd, out, position); position += out.length; });
  writeAll(fd, header, 0);
  return position;
}
/**
 * Direct I/O (O_DIRECT): the ciphertext goes from the stage to the disk in whole pages, without a
 * second copy of the segment in the page cache (allocating and filling those pages was the largest
 * part of the recorder's own CPU). The last block is padded and the file cut to its length; the
 * first block is written again once the tag is known.
 */
function sealDirect(job, source, fd) {
  let fill = headerLength;
  let position = 0;
  stage.fill(0, 0, headerLength);
  const flush = (final) => {
    const n = final ? Math.ceil(fill / block) * block : Math.floor(fill / block) * block;
    if (n === 0) return;
    if (final) stage.fill(0, fill, n);
    if (position === 0) stage.copy(first, 0, 0, block);
    writeAll(fd, stage, position, n);
    position += n;
    if (fill > n) stage.copy(stage, 0, n, fill);
    fill = Math.max(0, fill - n);
  };
  let length = headerLength;
  const header = encrypt(job, source, (out) => {
    out.copy(stage, fill);
    fill += out.length;
    length += out.length;
    if (fill >= stageBytes) flush(false);
  });
  flush(true);
  header.copy(first, 0);
  writeAll(fd, first, 0);
  fs.ftruncateSync(fd, length);
  return length;
}
/**
 * With the native cipher: the whole segment read into one reused page-aligned buffer behind the
 * header's room, encrypted there, the header filled in, and written in one go (with direct I/O
 * padded to whole pages, then cut to its length).
 */
function sealWhole(job, source, fd, useDirect) {
  const total = headerLength + job.length;
  const padded = useDirect ? Math.ceil(total / block) * block : total;
  const buffer = wholeBuffer(padded);
  for (let done = 0; done < job.length; ) {
    const n = fs.readSync(source, buffer, headerLength + done, job.length - done, done);
    if (n <= 0) throw fail('ESHORT', 'the spool file is shorter than when it was inspected');
    done += n;
  }
  const key = Buffer.from(job.dataKey.buffer, job.dataKey.byteOffset, job.dataKey.byteLength);
  const iv = crypto.randomBytes(workerData.ivLength);
  native.sealInPlace(key, iv, Buffer.from(job.storageKey, 'utf8'), buffer.subarray(headerLength, total), tag);
  magic.copy(buffer, 0);
  iv.copy(buffer, magic.length);
  tag.copy(buffer, magic.length + iv.length);
  if (padded > total) buffer.fill(0, total, padded);
  writeAll(fd, buffer, 0, padded);
  if (padded > total) fs.ftruncateSync(fd, total);
  return total;
}
function seal(job, useDirect) {
  let fd;
  let source;
  let created = false;
  try {
    source = fs.openSync(job.source, 'r');
    const flags = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | (useDirect ? fs.constants.O_DIRECT : 0);
    fd = fs.openSync(job.temp, flags, 0o600);
    created = true;
    const length = native ? sealWhole(job, source, fd, useDirect) : useDirect ? sealDirect(job, source, fd) : sealBuffered(job, source, fd);
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
    return length;
  } catch (err) {
    // Only a file this job created is removed (never one that was there before: O_EXCL refused it).
    if (fd !== undefined) try { fs.closeSync(fd); } catch {}
    if (created) try { fs.rmSync(job.temp, { force: true }); } catch {}
    throw err;
  } finally {
    if (source !== undefined) try { fs.closeSync(source); } catch {}
  }
}
parentPort.on('message', (job) => {
  try {
    let storedBytes;
    try {
      storedBytes = seal(job, direct);
    } catch (err) {
      // A file system without direct I/O (or with other alignment rules) refuses it with EINVAL:
      // from then on this worker writes through the page cache.
      if (!direct || !err || err.code !== 'EINVAL') throw err;
      direct = false;
      storedBytes = seal(job, false);
    }
    parentPort.postMessage({ id: job.id, storedBytes, direct, native: !!native });
  } catch (err) {
    parentPort.postMessage({ id: job.id, error: String((err && err.message) || err), code: err && err.code });
  }
});
`;

/**
 * Plaintext bytes per read/encrypt/write step: small enough to stay in the CPU's cache, and the
 * cipher's output chunk (Node allocates one per update) below glibc's 128 kB mmap threshold, so it
 * comes from the heap rather than from fresh pages (about 5 % less CPU per segment than 128 kB).
 */
const chunkBytes = 96 * 1024;
/** Ciphertext collected before each direct write (whole pages): few system calls, a small stage. */
const stageBytes = 1024 * 1024;

/** The built native cipher (scripts/build-native.sh), or null when it is not there. */
export function nativeCipherPath(): string | null {
  const file = path.join(packageRoot(), 'native', 'footage-cipher', 'build', 'footage_cipher.node');
  return fs.existsSync(file) ? file : null;
}

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

export interface SealerOptions {
  /** Try direct I/O (default); false writes through the page cache. */
  direct?: boolean;
  /** Use the native cipher when it is built (default); false: node:crypto. */
  native?: boolean;
  /** Tests only: start the stage this many bytes into its page, so that direct writes are refused (the fallback). */
  stageOffset?: number;
}

export class Sealer {
  /** How the last segment was written: 'direct' (O_DIRECT) or 'buffered'; null before the first. */
  lastWrite: 'direct' | 'buffered' | null = null;
  /** Which cipher sealed the last segment: 'native' (native/footage-cipher) or 'node' (node:crypto). */
  lastCipher: 'native' | 'node' | null = null;
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (bytes: number) => void; reject: (err: Error) => void }>();

  constructor(private readonly options: SealerOptions = {}) {}

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
      eval: true, workerData: { ...sealFormat, chunkBytes, stageBytes, direct: this.options.direct ?? true, stageOffset: this.options.stageOffset ?? 0, nativePath: this.options.native === false ? null : nativeCipherPath() }, resourceLimits: { maxYoungGenerationSizeMb: 48, maxOldGenerationSizeMb: 64 },
    });
    worker.unref();
    worker.on('message', (m: { id: number; storedBytes?: number; direct?: boolean; native?: boolean; error?: string; code?: string }) => {
      const waiting = this.pending.get(m.id);
      if (!waiting) return;
      this.pending.delete(m.id);
      if (m.error !== undefined) waiting.reject(Object.assign(new Error(`sealing failed: ${m.error}`), { code: m.code }));
      else {
        this.lastWrite = m.direct ? 'direct' : 'buffered';
        this.lastCipher = m.native ? 'native' : 'node';
        waiting.resolve(m.storedBytes!);
      }
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
