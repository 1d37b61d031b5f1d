import fs from 'node:fs';
import { Reader } from '@zip.js/zip.js';

/** Random access to a package's bytes: in memory (an upload) or a file on disk (read piecewise, never whole). */
export interface ByteSource {
  readonly size: number;
  read(offset: number, length: number): Promise<Buffer>;
}

export function bufferSource(data: Buffer): ByteSource {
  return { size: data.length, read: async (offset, length) => data.subarray(offset, Math.min(data.length, offset + length)) };
}

/** A file opened for reading; `close()` when done. */
export async function openFileSource(file: string): Promise<ByteSource & { close(): Promise<void> }> {
  const handle = await fs.promises.open(file, 'r');
  const { size } = await handle.stat();
  return {
    size,
    async read(offset, length) {
      const n = Math.max(0, Math.min(length, size - offset));
      const buf = Buffer.allocUnsafe(n);
      let done = 0;
      while (done < n) {
        const { bytesRead } = await handle.read(buf, done, n - done, offset + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return buf.subarray(0, done);
    },
    close: () => handle.close(),
  };
}

/** Feeds [from, to) of the source to `sink` in chunks of `chunk` bytes. */
export async function streamRange(source: ByteSource, from: number, to: number, sink: (b: Buffer) => void, chunk = 4 * 1024 * 1024): Promise<void> {
  for (let at = from; at < to; at += chunk) sink(await source.read(at, Math.min(chunk, to - at)));
}

/** zip.js reads a ByteSource through this. */
export class SourceZipReader extends Reader<ByteSource> {
  constructor(private readonly source: ByteSource) {
    super(source);
    this.size = source.size;
  }

  override async readUint8Array(index: number, length: number): Promise<Uint8Array> {
    return this.source.read(index, length);
  }
}
