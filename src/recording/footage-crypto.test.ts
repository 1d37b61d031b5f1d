import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptSegment, encryptSegment, FootageKeyError, masterKeyId, newDataKey, segmentOverhead, unwrapKey, wrapKey } from './footage-crypto.js';

describe('segment encryption (AES-256-GCM)', () => {
  const key = newDataKey();
  const plain = crypto.randomBytes(10_000);
  const blob = encryptSegment(key, plain, 'cam/2026-03-02/run-a.seg');

  it('round-trips and adds a fixed overhead', () => {
    expect(decryptSegment(key, blob, 'cam/2026-03-02/run-a.seg').equals(plain)).toBe(true);
    expect(blob.length).toBe(plain.length + segmentOverhead);
    expect(blob.includes(plain.subarray(0, 32))).toBe(false);
  });
  it.each([
    ['another key', () => decryptSegment(newDataKey(), blob, 'cam/2026-03-02/run-a.seg')],
    ['another storage key (a swapped object)', () => decryptSegment(key, blob, 'cam/2026-03-02/run-b.seg')],
    ['a flipped byte', () => decryptSegment(key, Buffer.from(blob).fill(7, 200, 201), 'cam/2026-03-02/run-a.seg')],
    ['not a segment', () => decryptSegment(key, Buffer.from('hello'), 'x')],
  ])('fails on %s', (_, attempt) => {
    expect(attempt).toThrow(FootageKeyError);
  });
});

describe('day key wrapping', () => {
  const master = crypto.randomBytes(32);
  const day = newDataKey();
  it('wraps bound to camera/day and unwraps only with the same master key and name', () => {
    const wrapped = wrapKey(master, day, 'cam-1/2026-03-02');
    expect(unwrapKey(master, wrapped, 'cam-1/2026-03-02').equals(day)).toBe(true);
    expect(() => unwrapKey(master, wrapped, 'cam-1/2026-03-03')).toThrow(FootageKeyError);
    expect(() => unwrapKey(crypto.randomBytes(32), wrapped, 'cam-1/2026-03-02')).toThrow(/master key/);
    expect(wrapped).not.toContain(day.toString('base64'));
  });
  it('master key ids are stable fingerprints', () => {
    expect(masterKeyId(master)).toBe(masterKeyId(Buffer.from(master)));
    expect(masterKeyId(master)).toMatch(/^[0-9a-f]{16}$/);
  });
});
