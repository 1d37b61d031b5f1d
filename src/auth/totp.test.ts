import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, totp, verifyTotp } from './totp.js';

const rfcKey = Buffer.from('12345678901234567890');

describe('TOTP (RFC 6238 / RFC 4226)', () => {
  it.each([
    [0, '755224'],
    [1, '287082'],
    [9, '520489'],
  ])('HOTP counter %i gives %s (RFC 4226 appendix D)', (counter, code) => {
    expect(hotp(rfcKey, counter)).toBe(code);
  });

  it.each([
    ['1970-01-01T00:00:59Z', '94287082'],
    ['2005-03-18T01:58:29Z', '07081804'],
    ['2033-05-18T03:33:20Z', '69279037'],
  ])('8-digit SHA-1 TOTP at %s is %s (RFC 6238 appendix B)', (at, code) => {
    expect(totp(rfcKey, new Date(at), 8)).toBe(code);
  });

  it('round-trips base32', () => {
    expect(base32Encode(rfcKey)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ').equals(rfcKey)).toBe(true);
  });

  it('accepts one step of drift, refuses two, refuses replays and malformed codes', () => {
    const secret = base32Encode(rfcKey);
    const at = new Date('2026-03-03T21:00:00Z');
    const step = Math.floor(at.getTime() / 30_000);
    expect(verifyTotp(secret, hotp(rfcKey, step), at)).toBe(step);
    expect(verifyTotp(secret, hotp(rfcKey, step - 1), at)).toBe(step - 1);
    expect(verifyTotp(secret, hotp(rfcKey, step + 1), at)).toBe(step + 1);
    expect(verifyTotp(secret, hotp(rfcKey, step - 2), at)).toBeNull();
    expect(verifyTotp(secret, hotp(rfcKey, step), at, step)).toBeNull();
    expect(verifyTotp(secret, '12345', at)).toBeNull();
    expect(verifyTotp(secret, 'abcdef', at)).toBeNull();
  });
});
