import { describe, expect, it } from 'vitest';
import { splitFmp4 } from './fmp4.js';

const box = (type: string, body = Buffer.alloc(4)) => {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + body.length, 0);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, body]);
};

describe('splitFmp4', () => {
  it('splits at the first moof: ftyp + moov are the init part, the fragments the media part', () => {
    const init = Buffer.concat([box('ftyp'), box('moov', Buffer.alloc(20))]);
    const media = Buffer.concat([box('moof'), box('mdat', Buffer.alloc(50)), box('moof'), box('mdat')]);
    const parts = splitFmp4(Buffer.concat([init, media]));
    expect(parts.init.equals(init)).toBe(true);
    expect(parts.media.equals(media)).toBe(true);
  });
  it('refuses a file without fragments', () => {
    expect(() => splitFmp4(Buffer.concat([box('ftyp'), box('moov'), box('mdat')]))).toThrow(/no moof/);
    expect(() => splitFmp4(Buffer.from('garbage'))).toThrow();
  });
});
