import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sealMp4, verifyMp4Seal } from './seal.js';
import { certificateFile, keyFile, loadOrCreateSigningKey, pssSign, pssVerify } from './signing-key.js';
import { sealZip, verifyZipSeal } from './zip-seal.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-keys-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('export signing key and certificate', () => {
  const key = loadOrCreateSigningKey(dir, 'Woningcorporatie Test', new Date('2026-03-30T10:00:00Z'));

  it('is RSA-3072 with a self-signed X.509 certificate that node reads and that verifies itself', () => {
    const cert = new crypto.X509Certificate(key.certificatePem);
    expect(cert.subject).toBe('CN=Woningcorporatie Test');
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(key.publicKey.asymmetricKeyDetails?.modulusLength).toBe(3072);
    expect(fs.statSync(path.join(dir, 'keys', keyFile)).mode & 0o777).toBe(0o600);
    expect(key.fingerprint).toBe(crypto.createHash('sha256').update(cert.raw).digest('hex'));
  });

  it('is reused on the next start, and a certificate that belongs to another key is refused', () => {
    expect(loadOrCreateSigningKey(dir).fingerprint).toBe(key.fingerprint);
    const other = fs.mkdtempSync(path.join(dir, 'other-'));
    const otherKey = loadOrCreateSigningKey(other);
    fs.copyFileSync(path.join(other, 'keys', certificateFile), path.join(dir, 'keys', certificateFile));
    expect(() => loadOrCreateSigningKey(dir)).toThrow(/does not belong/);
    fs.writeFileSync(path.join(dir, 'keys', certificateFile), key.certificatePem);
    expect(otherKey.fingerprint).not.toBe(key.fingerprint);
  });

  it('signs with RSASSA-PSS/SHA-256; a changed byte or another key does not verify', () => {
    const data = Buffer.from('manifest bytes');
    const signature = pssSign(key, data);
    expect(pssVerify(key.certificatePem, data, signature)).toBe(true);
    expect(pssVerify(key.certificatePem, Buffer.from('manifest bytez'), signature)).toBe(false);
    expect(pssVerify('not a certificate', data, signature)).toBe(false);
  });

  it('seals a file: the seal is found from the end and names what changed', () => {
    const media = Buffer.concat([Buffer.from('\0\0\0\x10ftypiso5'), crypto.randomBytes(2000)]);
    const unit = { exportingSystem: 'Toezicht', operator: 'wijk', exportTime: '2026-03-30T10:00:00Z', sourceCamera: { id: 'cam-a', name: 'Entree' }, window: { from: 'a', to: 'b' }, caseRef: 'VZ-1' };
    const sealed = sealMp4(media, unit, key);
    expect(sealed.subarray(0, media.length).equals(media)).toBe(true);
    expect(verifyMp4Seal(sealed, 'x.mp4').checks.every((c) => c.ok)).toBe(true);
    expect(verifyMp4Seal(media, 'x.mp4').checks).toEqual([{ name: 'x.mp4: seal', ok: false, detail: expect.stringMatching(/no Toezicht seal/) }]);
    const truncated = Buffer.concat([sealed.subarray(0, 100), sealed.subarray(101)]);
    expect(verifyMp4Seal(truncated, 'x.mp4').checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['x.mp4: content hash']);
  });

  it('seals a ZIP in its comment; the end record must be comment-free to begin with', () => {
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    const zip = Buffer.concat([Buffer.from('PK\x03\x04 pretend entries'), eocd]);
    const sealed = sealZip(zip, key);
    expect(verifyZipSeal(sealed, key.certificatePem).ok).toBe(true);
    const altered = Buffer.from(sealed);
    altered[5] = altered[5]! ^ 1;
    expect(verifyZipSeal(altered, key.certificatePem)).toEqual({ ok: false, detail: expect.stringMatching(/altered/) });
    expect(() => sealZip(sealed, key)).toThrow(/without a comment/);
  });
});
