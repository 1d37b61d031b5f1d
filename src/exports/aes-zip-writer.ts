import crypto from 'node:crypto';
import fs from 'node:fs';
import { PackageWriterThread } from './package-writer-thread.js';
import type { SigningKey } from './signing-key.js';
import { zipSealComment } from './zip-seal.js';

/**
 * A streaming WinZip AES-256 (AE-2) ZIP writer on node:crypto (issue 8 item 3): entries are fed as
 * chunks and encrypted as they come, written to a file, never held whole in memory. The package's
 * own seal (zip-seal.ts, TZSIG2: an RSASSA-PSS signature over the SHA-256 of every byte before the
 * comment-length field, in the ZIP comment) comes from the same running hash as the package's
 * SHA-256, so every byte is hashed once and none is read back.
 *
 * Format (APPNOTE 6.3.x, WinZip "AES Encryption Information"): method 99, extra field 0x9901
 * (AE-2, vendor "AE", strength 3, actual method 0 = stored); entry data = salt(16) ‖ password
 * verifier(2) ‖ AES-256-CTR ciphertext ‖ HMAC-SHA1(ciphertext)[0..10]; keys from PBKDF2-HMAC-SHA1
 * (1000 iterations) over the salt; the CTR counter is little-endian starting at 1 (so node's
 * big-endian aes-256-ctr does not fit: the keystream is AES-256-ECB over the counter blocks).
 * AE-2 stores CRC 0: the HMAC authenticates the data. Each entry's sizes follow its data in a
 * ZIP64 data descriptor (general-purpose bit 3), so every byte is written once, in order; the
 * central directory uses ZIP64 fields only where a value passes 32 bits.
 */

const ecbChunk = 1 << 20; // counter blocks are made and encrypted 1 MiB at a time

/** AES-256-CTR with WinZip's little-endian counter (starts at 1), streaming, any chunk sizes. */
export class WinZipAesCtr {
  private readonly ecb: crypto.Cipher;
  private counter = 1;
  private keystream: Buffer = Buffer.alloc(0);
  private used = 0;
  private readonly counters = Buffer.alloc(ecbChunk); // words 2 and 3 of every block stay 0
  private readonly counters32 = new Uint32Array(this.counters.buffer, this.counters.byteOffset, ecbChunk / 4);

  constructor(key: Buffer) {
    this.ecb = crypto.createCipheriv('aes-256-ecb', key, null);
    this.ecb.setAutoPadding(false);
  }

  /** The keystream of the next `blocks` counter blocks (blocks ≤ ecbChunk / 16). */
  private next(blocks: number): Buffer {
    const c = this.counters32;
    const first = this.counter;
    if (Math.floor(first / 0x1_0000_0000) === Math.floor((first + blocks - 1) / 0x1_0000_0000)) {
      const low = first >>> 0;
      const high = Math.floor(first / 0x1_0000_0000);
      for (let i = 0; i < blocks; i++) {
        c[i * 4] = low + i;
        c[i * 4 + 1] = high;
      }
    } else {
      for (let i = 0, n = first; i < blocks; i++, n++) {
        c[i * 4] = n >>> 0;
        c[i * 4 + 1] = Math.floor(n / 0x1_0000_0000);
      }
    }
    this.counter += blocks;
    return this.ecb.update(this.counters.subarray(0, blocks * 16));
  }

  /** The ciphertext of the chunk. A whole number of blocks with no keystream left over is encrypted in place into the keystream buffer. */
  update(data: Buffer): Buffer {
    if (this.used === this.keystream.length && data.length % 16 === 0 && data.length <= ecbChunk) {
      const out = this.next(data.length / 16);
      xorInto(out, 0, out, 0, data, 0, data.length);
      return out;
    }
    return this.updateInto(data, Buffer.allocUnsafeSlow(data.length));
  }

  /** The ciphertext of the chunk written into `out` (at least as long), no allocation beyond the keystream; returns the written part. */
  updateInto(data: Buffer, out: Buffer): Buffer {
    if (this.used === this.keystream.length && data.length % 16 === 0 && data.length <= ecbChunk) {
      xorInto(out, 0, data, 0, this.next(data.length / 16), 0, data.length);
      return out.subarray(0, data.length);
    }
    let at = 0;
    while (at < data.length) {
      if (this.used === this.keystream.length) {
        this.keystream = this.next(Math.min(ecbChunk, Math.ceil((data.length - at) / 16) * 16) / 16);
        this.used = 0;
      }
      const n = Math.min(data.length - at, this.keystream.length - this.used);
      xorInto(out, at, data, at, this.keystream, this.used, n);
      at += n;
      this.used += n;
    }
    return out.subarray(0, data.length);
  }
}

function xorInto(out: Buffer, outAt: number, a: Buffer, aAt: number, b: Buffer, bAt: number, n: number): void {
  let i = 0;
  // 32-bit words where all three are 4-byte aligned (the hot path: whole 1 MiB blocks at offset 0). Not BigUint64Array: faster when
  // optimised, but its XOR allocates a BigInt per word whenever the optimiser leaves the loop; Uint32 has no such cliff.
  if ((out.byteOffset + outAt) % 4 === 0 && (a.byteOffset + aAt) % 4 === 0 && (b.byteOffset + bAt) % 4 === 0) {
    const words = n >>> 2;
    const o32 = new Uint32Array(out.buffer, out.byteOffset + outAt, words);
    const a32 = new Uint32Array(a.buffer, a.byteOffset + aAt, words);
    const b32 = new Uint32Array(b.buffer, b.byteOffset + bAt, words);
    xorWords32(o32, a32, b32, words);
    i = words * 4;
  }
  for (; i < n; i++) out[outAt + i] = a[aAt + i]! ^ b[bAt + i]!;
}

// The word loop stays small and monomorphic, so the optimiser keeps it tight.
function xorWords32(o: Uint32Array, a: Uint32Array, b: Uint32Array, words: number): void {
  for (let w = 0; w < words; w++) o[w] = a[w]! ^ b[w]!;
}

/** PBKDF2 keys of one entry: AES key, HMAC key and the 2-byte password verifier. */
export function winZipAesKeys(password: string, salt: Buffer): { aes: Buffer; hmac: Buffer; verifier: Buffer } {
  const derived = crypto.pbkdf2Sync(Buffer.from(password, 'utf8'), salt, 1000, 66, 'sha1');
  return { aes: derived.subarray(0, 32), hmac: derived.subarray(32, 64), verifier: derived.subarray(64, 66) };
}

interface CentralEntry {
  name: Buffer;
  offset: number;
  compressedSize: number;
  size: number;
  time: number;
  date: number;
}

const u16 = (v: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(v);
  return b;
};
const u32 = (v: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(v);
  return b;
};
const u64 = (v: number) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(v));
  return b;
};

function dosDateTime(at: Date): { time: number; date: number } {
  const y = Math.max(1980, at.getFullYear());
  return {
    time: (at.getHours() << 11) | (at.getMinutes() << 5) | Math.floor(at.getSeconds() / 2),
    date: ((y - 1980) << 9) | ((at.getMonth() + 1) << 5) | at.getDate(),
  };
}

const aesExtra = Buffer.from([0x01, 0x99, 0x07, 0x00, 0x02, 0x00, 0x41, 0x45, 0x03, 0x00, 0x00]); // 0x9901, 7 bytes: AE-2, "AE", AES-256, stored
const flags = 0x0001 | 0x0800; // encrypted, UTF-8 names
const max32 = 0xffff_ffff;

/**
 * Writes one package. Open, add entries one after another (each from an async iterable of
 * chunks), then finish() with the signing key; or abort() to remove the file. The file is written
 * under the given path and is complete only after finish() resolves.
 */
export class AesZipWriter {
  private position = 0;
  private readonly entries: CentralEntry[] = [];
  private readonly dos: { time: number; date: number };
  /** Writes, package SHA-256, the entries' plaintext SHA-256 and HMAC on the second core (package-writer-thread.ts). */
  private readonly thread: PackageWriterThread;
  private entry: { ctr: WinZipAesCtr; block: { index: number; buffer: Buffer }; filled: number; size: number; onBytes: ((n: number) => void) | undefined } | null = null;
  /** SHA-256 of the last added entry's plaintext. */
  lastPlaintextSha256 = '';

  private constructor(private readonly fd: fs.promises.FileHandle, readonly file: string, private readonly password: string, at: Date) {
    this.dos = dosDateTime(at);
    this.thread = new PackageWriterThread(fd.fd);
  }

  static async create(file: string, password: string, at: Date): Promise<AesZipWriter> {
    return new AesZipWriter(await fs.promises.open(file, 'wx', 0o600), file, password, at);
  }

  /** Bytes written so far. */
  get bytes(): number {
    return this.position;
  }

  /** Queues the bytes to be written (and hashed) at the current position, in order. */
  private async write(data: Buffer): Promise<void> {
    this.thread.writeBytes(data, this.position);
    this.position += data.length;
  }

  /** Adds one stored, encrypted entry; returns its plaintext size. `onBytes` is told the running plaintext count. */
  async add(name: string, chunks: AsyncIterable<Buffer> | Iterable<Buffer>, onBytes?: (plaintextBytes: number) => void): Promise<number> {
    const nameBytes = Buffer.from(name, 'utf8');
    const offset = this.position;
    // Streamed: sizes follow the data in a ZIP64 data descriptor (APPNOTE 4.3.9: ZIP64 may be used regardless of size).
    const zip64Extra = Buffer.concat([u16(0x0001), u16(16), u64(0), u64(0)]);
    await this.write(Buffer.concat([
      u32(0x04034b50), u16(51), u16(flags | 0x0008), u16(99), u16(this.dos.time), u16(this.dos.date), u32(0), u32(0), u32(0),
      u16(nameBytes.length), u16(zip64Extra.length + aesExtra.length), nameBytes, zip64Extra, aesExtra,
    ]));
    const dataStart = this.position;
    const salt = crypto.randomBytes(16);
    const keys = winZipAesKeys(this.password, salt);
    await this.write(Buffer.concat([salt, keys.verifier]));
    this.thread.entryStart(keys.hmac);
    // Chunks are gathered into 1 MiB blocks (aligned, a whole number of AES blocks) in a shared slot, encrypted into another that the
    // writer thread writes, hashes and authenticates; it also hashes the plaintext block (entryPlaintextSha256SoFar) and frees both.
    const entry = { ctr: new WinZipAesCtr(keys.aes), block: await this.thread.acquire(), filled: 0, size: 0, onBytes };
    this.entry = entry;
    try {
      for await (const chunk of chunks) {
        for (let at = 0; at < chunk.length;) {
          const n = Math.min(chunk.length - at, ecbChunk - entry.filled);
          chunk.copy(entry.block.buffer, entry.filled, at, at + n);
          entry.filled += n;
          at += n;
          if (entry.filled === ecbChunk) await this.flush(entry);
        }
      }
      await this.flush(entry);
    } finally {
      this.entry = null;
    }
    this.thread.release(entry.block.index);
    const size = entry.size;
    const digests = await this.thread.entryEnd();
    this.lastPlaintextSha256 = digests.plaintextSha256;
    await this.write(digests.hmac.subarray(0, 10));
    const compressedSize = this.position - dataStart;
    await this.write(Buffer.concat([u32(0x08074b50), u32(0), u64(compressedSize), u64(size)]));
    this.entries.push({ name: nameBytes, offset, compressedSize, size, time: this.dos.time, date: this.dos.date });
    return size;
  }

  /** Central directory, end records and the signature comment; closes the file. Returns size and SHA-256 of the whole package. */
  async finish(key: SigningKey): Promise<{ bytes: number; sha256: string }> {
    const cdStart = this.position;
    for (const e of this.entries) {
      const big = e.compressedSize >= max32 || e.size >= max32 || e.offset >= max32;
      const extra = big ? Buffer.concat([u16(0x0001), u16(24), u64(e.size), u64(e.compressedSize), u64(e.offset), aesExtra]) : aesExtra;
      await this.write(Buffer.concat([
        u32(0x02014b50), u16((3 << 8) | 51), u16(51), u16(flags | 0x0008), u16(99), u16(e.time), u16(e.date), u32(0),
        u32(big ? max32 : e.compressedSize), u32(big ? max32 : e.size), u16(e.name.length), u16(extra.length), u16(0), u16(0), u16(0), u32(0),
        u32(big ? max32 : e.offset), e.name, extra,
      ]));
    }
    const cdSize = this.position - cdStart;
    const zip64 = cdStart >= max32 || cdSize >= max32 || this.entries.length >= 0xffff;
    if (zip64) {
      const eocd64At = this.position;
      await this.write(Buffer.concat([
        u32(0x06064b50), u64(44), u16(45), u16(45), u32(0), u32(0), u64(this.entries.length), u64(this.entries.length), u64(cdSize), u64(cdStart),
      ]));
      await this.write(Buffer.concat([u32(0x07064b50), u32(0), u64(eocd64At), u32(1)]));
    }
    const count = Math.min(this.entries.length, 0xffff);
    // End record up to (not including) the comment length: that is what the signature covers.
    await this.write(Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(count), u16(count), u32(Math.min(cdSize, max32)), u32(Math.min(cdStart, max32))]));
    // One hash for both: the signature's statement is the SHA-256 so far; the package's SHA-256 continues over the comment.
    const comment = zipSealComment(await this.thread.shaSoFar(), key);
    await this.write(Buffer.concat([u16(comment.length), comment]));
    const sha256 = await this.thread.shaEnd(); // every byte written once it answers
    await this.fd.sync();
    await this.fd.close();
    return { bytes: this.position, sha256 };
  }

  /** Encrypts the filled part of the entry's block into a slot for the writer thread; a fresh block follows. */
  private async flush(entry: NonNullable<AesZipWriter['entry']>): Promise<void> {
    if (entry.filled === 0) return;
    const cipher = await this.thread.acquire();
    entry.ctr.updateInto(entry.block.buffer.subarray(0, entry.filled), cipher.buffer);
    this.thread.writeSlot(cipher.index, entry.filled, this.position, entry.block.index);
    this.position += entry.filled;
    entry.size += entry.filled;
    entry.filled = 0;
    entry.block = await this.thread.acquire();
    entry.onBytes?.(entry.size);
  }

  /**
   * SHA-256 of the current entry's plaintext so far, while add() is consuming its chunks (a seal
   * over the bytes before it, computed on the writer thread). Flushes the partly filled block.
   */
  async entryPlaintextSha256SoFar(): Promise<string> {
    if (!this.entry) throw new Error('no entry is being added');
    await this.flush(this.entry);
    return this.thread.plaintextSoFar();
  }

  /** Closes and removes the unfinished file (the writer thread is stopped first: nothing writes after the close). */
  async abort(): Promise<void> {
    await this.thread.stop().catch(() => undefined);
    await this.fd.close().catch(() => undefined);
    await fs.promises.rm(this.file, { force: true });
  }
}

