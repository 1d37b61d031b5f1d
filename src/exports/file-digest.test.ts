import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bufferSource, openFileSource } from './byte-source.js';
import { FileDigester } from './file-digest.js';
import { maxSealBytes, sealMp4, verifyMp4Seal } from './seal.js';
import { loadOrCreateSigningKey, pssSign } from './signing-key.js';
import { sealZip, verifyZipSeal, verifyZipSealSource } from './zip-seal.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-digest-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const key = loadOrCreateSigningKey(dir, 'Woningcorporatie Test', new Date('2026-03-30T10:00:00Z'));
const unit = { exportingSystem: 'Toezicht', operator: 'wijk', exportTime: '2026-03-30T10:00:00Z', sourceCamera: { id: 'cam-a', name: 'Entree' }, window: { from: 'a', to: 'b' }, caseRef: 'VZ-1' };

function streamed(data: Buffer, chunk: number, label = 'x.mp4') {
  const d = new FileDigester(label, true, 0);
  for (let at = 0; at < data.length; at += chunk) d.update(Buffer.from(data.subarray(at, at + chunk)));
  return d.finish();
}

/** A sealed file, and the same with one byte flipped in the media, in the seal's JSON, in its trailer. */
function variants(mediaBytes: number) {
  const media = Buffer.concat([Buffer.from('\0\0\0\x10ftypiso5'), crypto.randomBytes(mediaBytes)]);
  const sealed = sealMp4(media, unit, key);
  const flip = (at: number) => {
    const b = Buffer.from(sealed);
    b[at] = b[at]! ^ 1;
    return b;
  };
  return { sealed, inMedia: flip(Math.floor(media.length / 2)), inSeal: flip(media.length + 40), inTrailer: flip(sealed.length - 3) };
}

describe('streaming verification digests (an hour\'s package in bounded memory)', () => {
  const small = variants(2_000);
  const large = variants(maxSealBytes * 3 + 12_345); // longer than the kept tail: the media hash is split between stream and tail

  it.each([
    ['small, whole', small, 1 << 30], ['small, 1-byte chunks', small, 1], ['small, 7-byte chunks', small, 7],
    ['large, whole', large, 1 << 30], ['large, 4 KiB chunks', large, 4096], ['large, 300 000-byte chunks', large, 300_000], ['large, 1 MiB chunks', large, 1 << 20],
  ])('%s: the same checks and SHA-256 as verifying the bytes in memory, for intact and altered files', (_name, v, chunk) => {
    for (const file of [v.sealed, v.inMedia, v.inSeal, v.inTrailer]) {
      const digest = streamed(file, chunk);
      expect(digest.sha256).toBe(crypto.createHash('sha256').update(file).digest('hex'));
      expect(digest.bytes).toBe(file.length);
      expect(digest.seal).toEqual(verifyMp4Seal(file, 'x.mp4'));
    }
    expect(streamed(v.sealed, chunk).seal!.checks.every((c) => c.ok)).toBe(true);
    expect(streamed(v.inMedia, chunk).seal!.checks.find((c) => !c.ok)?.name).toBe('x.mp4: content hash');
    expect(streamed(v.inTrailer, chunk).seal!.checks.every((c) => c.ok)).toBe(false);
  });

  it('keeps the bytes of a small file only when asked, and never of a file over the limit', () => {
    const d = new FileDigester('manifest.json', false, 10);
    d.update(Buffer.from('12345'));
    d.update(Buffer.from('6789'));
    expect(d.finish().content?.toString()).toBe('123456789');
    const over = new FileDigester('manifest.json', false, 5);
    over.update(Buffer.from('123456'));
    expect(over.finish().content).toBeNull();
  });

  it('checks a ZIP seal from a file read piecewise as from memory; both signature forms; a flipped byte is found', async () => {
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    const zip = Buffer.concat([Buffer.from('PK\x03\x04'), crypto.randomBytes(9 * 1024 * 1024 + 17), eocd]);
    const v2 = sealZip(zip, key);
    // The earlier form (TZSIG1): the signature is made over the bytes themselves.
    const signed = zip.subarray(0, zip.length - 2);
    const comment = Buffer.from(`TZSIG1:${pssSign(key, signed).toString('base64')}`, 'latin1');
    const length = Buffer.alloc(2);
    length.writeUInt16LE(comment.length);
    const v1 = Buffer.concat([signed, length, comment]);
    for (const sealed of [v2, v1]) {
      const altered = Buffer.from(sealed);
      altered[5_000_000] = altered[5_000_000]! ^ 1;
      for (const [bytes, ok] of [[sealed, true], [altered, false]] as const) {
        const file = path.join(dir, 'p.zip');
        fs.writeFileSync(file, bytes);
        const source = await openFileSource(file);
        try {
          const fromFile = await verifyZipSealSource(source, key.certificatePem);
          expect(fromFile).toEqual(verifyZipSeal(bytes, key.certificatePem));
          expect(fromFile.ok).toBe(ok);
        } finally {
          await source.close();
        }
        expect(await verifyZipSealSource(bufferSource(bytes), key.certificatePem)).toEqual(verifyZipSeal(bytes, key.certificatePem));
      }
    }
  });
});
