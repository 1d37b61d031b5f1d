import crypto from 'node:crypto';
import { checkSealTail, maxSealBytes, type SealResult } from './seal.js';

/**
 * What verification needs of one file of a package, gathered while its bytes stream past once:
 * its length and SHA-256 (the manifest's hash), for an MP4 its seal checks (hash of the media
 * before the seal box, signature), and for a small file its bytes (the manifest, its signature).
 * A package of an hour of footage (≈ 2 GB) is verified without holding it in memory.
 */
export interface FileDigest {
  bytes: number;
  sha256: string;
  /** The MP4 seal checks (for names ending in .mp4). */
  seal: SealResult | null;
  /** The whole content, kept only for files up to `keepBytesUpTo`. */
  content: Buffer | null;
}

export class FileDigester {
  private readonly hash = crypto.createHash('sha256');
  private tail: Buffer[] = [];
  private tailBytes = 0;
  private total = 0;
  private keep: Buffer[] | null;

  /** `label`: the name used in the seal's check names; `mp4`: check a seal at the end; `keepBytesUpTo`: keep small files whole. */
  constructor(private readonly label: string, private readonly mp4: boolean, private readonly keepBytesUpTo = 1024 * 1024) {
    this.keep = [];
  }

  /** Feeds the next bytes; the chunk is kept by reference (a caller must not reuse its memory). */
  update(chunk: Uint8Array): void {
    const b = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.total += b.length;
    if (this.keep) {
      if (this.total <= this.keepBytesUpTo) this.keep.push(b);
      else this.keep = null;
    }
    if (!this.mp4) {
      this.hash.update(b);
      return;
    }
    // Hash everything but the last maxSealBytes: those may be the seal box, whose start is known only at the end.
    this.tail.push(b);
    this.tailBytes += b.length;
    while (this.tailBytes - this.tail[0]!.length >= maxSealBytes) {
      const old = this.tail.shift()!;
      this.tailBytes -= old.length;
      this.hash.update(old);
    }
  }

  finish(): FileDigest {
    const content = this.keep ? Buffer.concat(this.keep) : null;
    if (!this.mp4) return { bytes: this.total, sha256: this.hash.digest('hex'), seal: null, content };
    const tail = Buffer.concat(this.tail);
    const hashedBefore = this.total - tail.length;
    const seal = checkSealTail(tail, this.total, (start) => {
      if (start < hashedBefore) return 'unavailable';
      return this.hash.copy().update(tail.subarray(0, start - hashedBefore)).digest('hex');
    }, this.label);
    const sha256 = this.hash.update(tail).digest('hex');
    return { bytes: this.total, sha256, seal, content };
  }
}

/** The digest of bytes already in memory (the same checks as streaming them). */
export function digestBuffer(data: Buffer, label: string): FileDigest {
  const d = new FileDigester(label, label.endsWith('.mp4'));
  d.update(data);
  return d.finish();
}
