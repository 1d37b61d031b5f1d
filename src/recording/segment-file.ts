import fs from 'node:fs';
import { inspectSegment, type ByteSource, type SegmentInspection } from './segment-inspection.js';

/** Bytes read per miss: a box header plus, almost always, the whole of a small box (a moof of a 2 s GOP is ~1 kB). */
const windowBytes = 4096;

/** The big-endian decoders of the box walk's reads (module constants: no closure per read). */
const uint8 = (buf: Buffer, i: number) => buf.readUInt8(i);
const uint16 = (buf: Buffer, i: number) => buf.readUInt16BE(i);
const uint32 = (buf: Buffer, i: number) => buf.readUInt32BE(i);
const int32 = (buf: Buffer, i: number) => buf.readInt32BE(i);
const uint64 = (buf: Buffer, i: number) => buf.readBigUInt64BE(i);

/**
 * A segment file seen through the ByteSource of the box walk, read lazily: each read that falls
 * outside what was read so far reads `windowBytes` at that offset (pread). The walk reads box
 * headers, the moov and the moofs, never inside an mdat — so a 5 MB segment costs about a dozen small
 * reads instead of copying all of it into memory on the main thread (the sealing worker streams the
 * video data itself; sealer.ts).
 */
export class SparseFile implements ByteSource {
  private readonly windows: { start: number; bytes: Buffer }[] = [];
  private last: { start: number; bytes: Buffer } | null = null;
  /** How many reads (pread) it took, and how many bytes they read; for tests and measurements. */
  reads = 0;
  bytesRead = 0;

  constructor(
    private readonly fd: number,
    readonly length: number,
  ) {}

  /** The window holding [offset, offset + bytes), reading one when none does. */
  private at(offset: number, bytes: number): { buf: Buffer; i: number } {
    if (!Number.isInteger(offset) || offset < 0 || offset + bytes > this.length) throw new RangeError(`offset ${offset} is outside the file (${this.length} bytes)`);
    const hit = this.last && offset >= this.last.start && offset + bytes <= this.last.start + this.last.bytes.length
      ? this.last
      : this.windows.find((w) => offset >= w.start && offset + bytes <= w.start + w.bytes.length);
    const w = hit ?? this.load(offset, Math.max(bytes, windowBytes));
    this.last = w;
    return { buf: w.bytes, i: offset - w.start };
  }

  private load(start: number, bytes: number): { start: number; bytes: Buffer } {
    const want = Math.min(bytes, this.length - start);
    const buf = Buffer.allocUnsafe(want);
    let got = 0;
    while (got < want) {
      const n = fs.readSync(this.fd, buf, got, want - got, start + got);
      this.reads++;
      this.bytesRead += Math.max(0, n);
      if (n <= 0) throw new RangeError(`the file ended at byte ${start + got} (expected ${this.length})`);
      got += n;
    }
    const w = { start, bytes: buf };
    this.windows.push(w);
    return w;
  }

  /** `bytes` bytes at `offset`, decoded by `decode` from the window that holds them. */
  private read<T>(offset: number, bytes: number, decode: (buf: Buffer, i: number) => T): T {
    const { buf, i } = this.at(offset, bytes);
    return decode(buf, i);
  }

  readUInt8(offset: number): number {
    return this.read(offset, 1, uint8);
  }

  readUInt16BE(offset: number): number {
    return this.read(offset, 2, uint16);
  }

  readUInt32BE(offset: number): number {
    return this.read(offset, 4, uint32);
  }

  readInt32BE(offset: number): number {
    return this.read(offset, 4, int32);
  }

  readBigUInt64BE(offset: number): bigint {
    return this.read(offset, 8, uint64);
  }

  toString(encoding: 'latin1', start: number, end: number): string {
    if (end <= start) return '';
    const { buf, i } = this.at(start, end - start);
    return buf.toString(encoding, i, i + end - start);
  }
}

/**
 * Inspects a segment file without reading its video data (see SparseFile). Returns the inspection
 * and the file's size at that moment: the size the ingester stores (a finished file no longer changes).
 */
export function inspectSegmentFile(file: string): { inspection: SegmentInspection; bytes: number; reads: number; bytesRead: number } {
  const fd = fs.openSync(file, 'r');
  try {
    const bytes = fs.fstatSync(fd).size;
    const sparse = new SparseFile(fd, bytes);
    const inspection = inspectSegment(sparse);
    return { inspection, bytes, reads: sparse.reads, bytesRead: sparse.bytesRead };
  } finally {
    fs.closeSync(fd);
  }
}
