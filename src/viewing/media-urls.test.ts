import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../platform/errors.js';
import { loadMediaTokenKeys } from './media-token-keys.js';
import { MediaUrls } from './media-urls.js';

const input = { authSessionId: 'auth-1', viewSessionId: 'view-1', cameraId: 'cam-1', resource: 'segment:7' };
const key = () => crypto.randomBytes(32);

function refusal(urls: MediaUrls, token: string): string | null {
  try {
    urls.check(input, token);
    return null;
  } catch (err) {
    return err instanceof DomainError ? err.code : String(err);
  }
}

describe('MediaUrls: keys and rotation', () => {
  const now = { t: Date.UTC(2026, 2, 3, 20, 0, 0) };
  const clock = { now: () => new Date(now.t) };
  const [a, b, c] = [key(), key(), key()];

  it.each([
    ['the same key', { current: a }, { current: a }, null],
    ['another key', { current: a }, { current: b }, 'media_url_mismatch'],
    ['the signer’s key as the previous one (rotation)', { current: a }, { current: b, previous: [c, a] }, null],
    ['a previous key that is not the signer’s', { current: a }, { current: b, previous: [c] }, 'media_url_mismatch'],
    ['URLs signed with the new key during a rotation', { current: b }, { current: b, previous: [a] }, null],
  ])('%s', (_name, signer, verifier, expected) => {
    const token = new MediaUrls(signer, clock).sign(input);
    expect(refusal(new MediaUrls(verifier, clock), token)).toBe(expected);
  });

  it('an expired URL is refused as expired, also under a previous key', () => {
    const token = new MediaUrls({ current: a }, clock, 60_000).sign(input);
    const later = { now: () => new Date(now.t + 61_000) };
    expect(refusal(new MediaUrls({ current: a }, later), token)).toBe('media_url_expired');
    expect(refusal(new MediaUrls({ current: b, previous: [a] }, later), token)).toBe('media_url_expired');
  });
});

describe('loadMediaTokenKeys', () => {
  const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-keys-'));

  it('uses the configured key and previous keys, else creates the key file 0600 and reads it back the same', () => {
    const k = key().toString('base64');
    const p = key().toString('base64');
    const configured = loadMediaTokenKeys({ keyBase64: k, previousBase64: ` ${p} ,`, file: path.join(dir(), 'unused.key') });
    expect(configured.current.toString('base64')).toBe(k);
    expect(configured.previous?.map((x) => x.toString('base64'))).toEqual([p]);
    const file = path.join(dir(), 'keys', 'media-token.key');
    const first = loadMediaTokenKeys({ keyBase64: '', previousBase64: '', file });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(loadMediaTokenKeys({ keyBase64: '', previousBase64: '', file }).current.equals(first.current)).toBe(true);
  });

  it('refuses a short key and a key file others can read', () => {
    expect(() => loadMediaTokenKeys({ keyBase64: 'c2hvcnQ=', previousBase64: '', file: 'x' })).toThrow(/32 bytes/);
    const file = path.join(dir(), 'open.key');
    fs.writeFileSync(file, key().toString('base64'), { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    expect(() => loadMediaTokenKeys({ keyBase64: '', previousBase64: '', file })).toThrow(/chmod 600/);
  });
});
