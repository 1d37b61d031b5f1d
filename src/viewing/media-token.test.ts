import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signMediaToken, verifyMediaToken } from './media-token.js';

const key = crypto.randomBytes(32);
const input = { authSessionId: 's1', viewSessionId: 'v1', cameraId: 'cam-1', resource: 'segment:7' };
const now = Date.UTC(2026, 2, 3, 20, 0, 0);

describe('media URL tokens', () => {
  const token = signMediaToken(key, input, now + 60_000);
  it.each([
    ['the same session, view session, camera and resource', input, now, { ok: true }],
    ['another login session', { ...input, authSessionId: 's2' }, now, { ok: false, reason: 'mismatch' }],
    ['another view session', { ...input, viewSessionId: 'v2' }, now, { ok: false, reason: 'mismatch' }],
    ['another camera', { ...input, cameraId: 'cam-2' }, now, { ok: false, reason: 'mismatch' }],
    ['another segment', { ...input, resource: 'segment:8' }, now, { ok: false, reason: 'mismatch' }],
    ['after expiry', input, now + 60_000, { ok: false, reason: 'expired' }],
  ])('%s', (_name, which, at, expected) => {
    expect(verifyMediaToken(key, which, token, at)).toEqual(expected);
  });
  it('refuses malformed tokens, a moved expiry and another key', () => {
    expect(verifyMediaToken(key, input, 'nonsense', now)).toEqual({ ok: false, reason: 'malformed' });
    const [expiry, mac] = token.split('.');
    expect(verifyMediaToken(key, input, `${Number(expiry) + 3600}.${mac}`, now)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyMediaToken(crypto.randomBytes(32), input, token, now)).toEqual({ ok: false, reason: 'mismatch' });
  });
});
