import { describe, expect, it } from 'vitest';
import { acceptScan, acceptSignature, sniff } from './document-file.js';

/** A 1×1 PNG. */
const onePixelPng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

describe('uploaded scans and drawn signatures', () => {
  it('knows PDF, PNG and JPEG by their magic bytes, whatever the name says', () => {
    expect(sniff(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniff(onePixelPng)).toBe('image/png');
    expect(sniff(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniff(Buffer.from('<html>'))).toBeNull();
  });

  it('refuses empty, foreign and oversized scans', () => {
    expect(() => acceptScan(new Uint8Array())).toThrowError(/empty/);
    expect(() => acceptScan(Buffer.from('MZ\x90\x00 an executable'))).toThrowError(/Only PDF, PNG and JPEG/);
    const big = Buffer.alloc(10 * 1024 * 1024 + 1);
    Buffer.from('%PDF-').copy(big);
    expect(() => acceptScan(big)).toThrowError(/larger than 10 MiB/);
  });

  it('accepts a drawn signature only as a sensible PNG', () => {
    expect(acceptSignature(`data:image/png;base64,${onePixelPng.toString('base64')}`).equals(onePixelPng)).toBe(true);
    expect(() => acceptSignature(`data:image/png;base64,${Buffer.from('%PDF-1.7').toString('base64')}`)).toThrowError(/must be a PNG/);
    expect(() => acceptSignature('not base64!')).toThrowError(/base64/);
    const huge = Buffer.from(onePixelPng);
    huge.writeUInt32BE(100_000, 16);
    expect(() => acceptSignature(huge.toString('base64'))).toThrowError(/unusable size/);
  });
});
