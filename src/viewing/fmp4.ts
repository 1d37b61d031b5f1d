/**
 * The recorder writes each segment as a fragmented MP4 (ftyp, moov, then moof/mdat pairs; see
 * src/recording/ffmpeg-args.ts). HLS wants the initialisation part (ftyp + moov) and the media part
 * (the fragments) as separate resources: this splits a decrypted segment at its first moof, in memory.
 */
export interface Fmp4Parts {
  init: Buffer;
  media: Buffer;
}

export function splitFmp4(data: Buffer): Fmp4Parts {
  let offset = 0;
  while (offset + 8 <= data.length) {
    let size = data.readUInt32BE(offset);
    const type = data.toString('latin1', offset + 4, offset + 8);
    if (size === 1) {
      if (offset + 16 > data.length) break;
      size = Number(data.readBigUInt64BE(offset + 8));
    } else if (size === 0) size = data.length - offset;
    if (size < 8) break;
    if (type === 'moof') return { init: data.subarray(0, offset), media: data.subarray(offset) };
    offset += size;
  }
  throw new Error('not a fragmented MP4 segment (no moof box)');
}
