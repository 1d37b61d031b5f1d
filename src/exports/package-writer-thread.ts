import { Worker } from 'node:worker_threads';

/**
 * The second core for a package (issue 8, bench/export): a worker thread that takes the ZIP's
 * bytes in order, writes them to the package file at their position, keeps the package's running
 * SHA-256 and the current entry's HMAC-SHA1 — while the main thread reads, decrypts, hashes the
 * plaintext and encrypts the next block. Large data travels through a few reused 1 MiB slots of
 * shared memory (no copy, no per-block allocation); a slot is free again when the worker has
 * written and hashed it. Only ciphertext and ZIP headers pass through here. The code runs from a
 * string (eval), so the same module works from TypeScript sources (tsx, vitest) and the build.
 */

const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const crypto = require('node:crypto');
const fs = require('node:fs');
const { sab, slotSize, fd } = workerData;
const slots = [];
for (let i = 0; i * slotSize < sab.byteLength; i++) slots.push(Buffer.from(sab, i * slotSize, slotSize));
const sha = crypto.createHash('sha256');
let hmac = null;
let plain = null;
let failed = null;
function write(buf, position) {
  for (let done = 0; done < buf.length;) done += fs.writeSync(fd, buf, done, buf.length - done, position + done);
  sha.update(buf);
}
parentPort.on('message', (m) => {
  try {
    if (failed) throw new Error(failed);
    if (m.op === 'slot') {
      plain.update(slots[m.plain].subarray(0, m.length));
      const b = slots[m.slot].subarray(0, m.length);
      write(b, m.position);
      hmac.update(b);
    } else if (m.op === 'bytes') {
      write(Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength), m.position);
    } else if (m.op === 'entryStart') {
      hmac = crypto.createHmac('sha1', Buffer.from(m.key));
      plain = crypto.createHash('sha256');
    } else if (m.op === 'entryEnd') {
      const value = { hmac: hmac.digest(), plaintextSha256: plain.digest('hex') };
      hmac = null;
      plain = null;
      parentPort.postMessage({ id: m.id, value });
    } else if (m.op === 'plainCopy') {
      parentPort.postMessage({ id: m.id, value: plain.copy().digest('hex') });
    } else if (m.op === 'shaCopy') {
      parentPort.postMessage({ id: m.id, value: sha.copy().digest('hex') });
    } else if (m.op === 'shaEnd') {
      parentPort.postMessage({ id: m.id, value: sha.digest('hex') });
    }
  } catch (e) {
    failed = failed || String(e && e.message || e);
    if (m.id !== undefined) parentPort.postMessage({ id: m.id, error: failed });
    else parentPort.postMessage({ error: failed });
  }
  if (m.op === 'slot') parentPort.postMessage({ free: [m.slot, m.plain] });
});
`;

export const slotSize = 1 << 20;

export class PackageWriterThread {
  private readonly worker: Worker;
  private readonly slots: Buffer[] = [];
  private readonly free: number[] = [];
  private waiting: (() => void) | null = null;
  private readonly replies = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private failure: Error | null = null;

  /** `fd`: the package file's descriptor (the main thread keeps owning it: fsync and close happen there). */
  constructor(fd: number, slotCount = 6) {
    const sab = new SharedArrayBuffer(slotCount * slotSize);
    for (let i = 0; i < slotCount; i++) {
      this.slots.push(Buffer.from(sab, i * slotSize, slotSize));
      this.free.push(i);
    }
    this.worker = new Worker(workerSource, { eval: true, workerData: { sab, slotSize, fd } });
    this.worker.on('message', (m: { free?: number[]; id?: number; value?: unknown; error?: string }) => {
      if (m.error !== undefined) this.fail(new Error(`package writer: ${m.error}`));
      if (m.free !== undefined) {
        this.free.push(...m.free);
        this.wake();
      }
      if (m.id !== undefined) {
        const r = this.replies.get(m.id);
        this.replies.delete(m.id);
        if (m.error !== undefined) r?.reject(new Error(`package writer: ${m.error}`));
        else r?.resolve(m.value);
      }
    });
    this.worker.on('error', (e) => this.fail(e));
    this.worker.on('exit', () => this.fail(new Error('package writer thread ended')));
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const r of this.replies.values()) r.reject(this.failure);
    this.replies.clear();
    this.wake();
  }

  private wake(): void {
    const w = this.waiting;
    this.waiting = null;
    w?.();
  }

  /** A free slot (waits while the worker is behind): fill it, then hand it over with writeSlot(). */
  async acquire(): Promise<{ index: number; buffer: Buffer }> {
    for (;;) {
      if (this.failure) throw this.failure;
      const index = this.free.pop();
      if (index !== undefined) return { index, buffer: this.slots[index]! };
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
  }

  /** A slot not handed over after all (the entry's last, empty block). */
  release(index: number): void {
    this.free.push(index);
    this.wake();
  }

  /**
   * Writes the ciphertext slot's first `length` bytes at `position` (package SHA-256, entry HMAC)
   * and hashes the plaintext slot's as much into the entry's plaintext SHA-256; frees both.
   */
  writeSlot(index: number, length: number, position: number, plaintextIndex: number): void {
    if (this.failure) throw this.failure;
    this.worker.postMessage({ op: 'slot', slot: index, length, position, plain: plaintextIndex });
  }

  /** Small data (headers, records): copied into the message. */
  writeBytes(data: Buffer, position: number): void {
    if (this.failure) throw this.failure;
    this.worker.postMessage({ op: 'bytes', data, position });
  }

  /** A new entry: its HMAC key; its plaintext hash starts empty. */
  entryStart(hmacKey: Buffer): void {
    this.worker.postMessage({ op: 'entryStart', key: Buffer.from(hmacKey) });
  }

  private ask<T>(op: string): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.replies.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ op, id });
    });
  }

  /** The entry's HMAC-SHA1 (of its ciphertext) and SHA-256 of its plaintext, once everything before is written. */
  async entryEnd(): Promise<{ hmac: Buffer; plaintextSha256: string }> {
    const v = await this.ask<{ hmac: Uint8Array; plaintextSha256: string }>('entryEnd');
    return { hmac: Buffer.from(v.hmac.buffer, v.hmac.byteOffset, v.hmac.byteLength), plaintextSha256: v.plaintextSha256 };
  }

  /** SHA-256 of the current entry's plaintext handed over so far. */
  plaintextSoFar(): Promise<string> {
    return this.ask<string>('plainCopy');
  }

  /** SHA-256 of every byte written so far (all earlier writes are done when it answers). */
  shaSoFar(): Promise<string> {
    return this.ask<string>('shaCopy');
  }

  /** The final SHA-256; the thread is done after it. */
  async shaEnd(): Promise<string> {
    const v = await this.ask<string>('shaEnd');
    await this.stop();
    return v;
  }

  /** Ends the thread (also on failure or abort); a write under way finishes first. */
  async stop(): Promise<void> {
    this.worker.removeAllListeners('exit');
    this.worker.on('exit', () => undefined);
    await this.worker.terminate();
  }
}
