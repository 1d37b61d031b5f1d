/**
 * Splits a fragmented-MP4 byte stream (ffmpeg's stdout) into the init part (everything before the
 * first moof: ftyp + moov) and fragments (a moof with the boxes up to the next moof), in memory.
 */
export class BoxStream {
  private pending: Buffer = Buffer.alloc(0);
  private initParts: Buffer[] = [];
  private fragment: Buffer[] = [];
  init: Buffer | null = null;

  /** Feeds bytes; returns the fragments completed by them (a fragment completes when the next moof begins). */
  push(chunk: Buffer): Buffer[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const done: Buffer[] = [];
    for (;;) {
      if (this.pending.length < 8) break;
      let size = this.pending.readUInt32BE(0);
      const type = this.pending.toString('latin1', 4, 8);
      if (size === 1) {
        if (this.pending.length < 16) break;
        size = Number(this.pending.readBigUInt64BE(8));
      }
      if (size < 8) throw new Error(`bad MP4 box size ${size} (${type})`);
      if (this.pending.length < size) break;
      const box = this.pending.subarray(0, size);
      this.pending = this.pending.subarray(size);
      if (type === 'moof') {
        if (!this.init) this.init = Buffer.concat(this.initParts);
        if (this.fragment.length) done.push(Buffer.concat(this.fragment));
        this.fragment = [box];
      } else if (this.init) {
        this.fragment.push(box);
        // An mdat ends a fragment as ffmpeg writes it (moof, mdat): hand it on at once, not at the next moof.
        if (type === 'mdat') {
          done.push(Buffer.concat(this.fragment));
          this.fragment = [];
        }
      } else this.initParts.push(Buffer.from(box));
    }
    return done;
  }
}

/** The RFC 6381 codec string of an H.264 init part (avc1.PPCCLL from its avcC box), for MediaSource. */
export function codecOf(init: Buffer): string {
  const at = init.indexOf('avcC', 0, 'latin1');
  if (at >= 0 && at + 8 <= init.length) return `avc1.${init.subarray(at + 5, at + 8).toString('hex')}`;
  if (init.indexOf('hvcC', 0, 'latin1') >= 0) return 'hvc1.1.6.L93.B0';
  return 'avc1.640028';
}
