import zlib from 'node:zlib';

/**
 * A minimal PNG encoder (8-bit grey+alpha, colour type 4) for mask images: ffmpeg reads the mask
 * as a picture input, so a mask never needs a file or an image library. Each row is stored with
 * filter type 0 (none) and the whole image is deflated once.
 */
export function encodeGreyAlphaPng(width: number, height: number, pixels: Uint8Array): Buffer {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) throw new Error('a PNG needs a positive integer size');
  if (pixels.length !== width * height * 2) throw new Error(`expected ${width * height * 2} bytes (grey, alpha per pixel), got ${pixels.length}`);
  const raw = Buffer.alloc((width * 2 + 1) * height);
  for (let row = 0; row < height; row++) {
    const at = row * (width * 2 + 1);
    raw[at] = 0;
    raw.set(pixels.subarray(row * width * 2, (row + 1) * width * 2), at + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 4, 0, 0, 0], 8); // bit depth 8, grey+alpha, deflate, adaptive filtering, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

const crcTable = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
