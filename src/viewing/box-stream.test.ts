import { describe, expect, it } from 'vitest';
import { BoxStream, codecOf } from './box-stream.js';

const box = (type: string, body = Buffer.alloc(4)) => {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + body.length, 0);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, body]);
};

describe('BoxStream', () => {
  it('finds the init part and hands on each moof+mdat, whatever the chunk boundaries', () => {
    const init = Buffer.concat([box('ftyp'), box('moov', Buffer.alloc(30))]);
    const f1 = Buffer.concat([box('moof', Buffer.alloc(9)), box('mdat', Buffer.alloc(100))]);
    const f2 = Buffer.concat([box('moof'), box('mdat', Buffer.alloc(7))]);
    const all = Buffer.concat([init, f1, f2]);
    for (const step of [1, 7, 64, all.length]) {
      const s = new BoxStream();
      const out: Buffer[] = [];
      for (let i = 0; i < all.length; i += step) out.push(...s.push(all.subarray(i, i + step)));
      expect(s.init?.equals(init)).toBe(true);
      expect(out.map((b) => b.toString('hex'))).toEqual([f1.toString('hex'), f2.toString('hex')]);
    }
  });
  it('reads the H.264 codec string from avcC', () => {
    const avcc = Buffer.concat([Buffer.from('avcC', 'latin1'), Buffer.from([1, 0x42, 0xc0, 0x1e])]);
    expect(codecOf(Buffer.concat([Buffer.alloc(10), avcc, Buffer.alloc(4)]))).toBe('avc1.42c01e');
  });
});
