import { pssSign, pssVerify, type SigningKey } from './signing-key.js';

/**
 * The ZIP's own seal, so that every byte of the package is covered (INV-6), not only what the
 * WinZip AES authentication codes cover (entry data; not the headers): the ZIP comment holds an
 * RSASSA-PSS signature over every byte before the comment-length field. 7-Zip and other tools show
 * the comment and ignore it otherwise.
 */
const prefix = 'TZSIG1:';
const eocdSignature = 0x06054b50;

export function sealZip(zip: Buffer, key: SigningKey): Buffer {
  const eocd = zip.length - 22;
  if (eocd < 0 || zip.readUInt32LE(eocd) !== eocdSignature || zip.readUInt16LE(eocd + 20) !== 0) throw new Error('expected a ZIP without a comment');
  const signed = zip.subarray(0, eocd + 20);
  const comment = Buffer.from(`${prefix}${pssSign(key, signed).toString('base64')}`, 'latin1');
  const length = Buffer.alloc(2);
  length.writeUInt16LE(comment.length);
  return Buffer.concat([signed, length, comment]);
}

/** Whether the package's signature (its comment) verifies with the certificate; the reason when not. */
export function verifyZipSeal(zip: Buffer, certificatePem: string): { ok: boolean; detail: string } {
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) !== eocdSignature) continue;
    const length = zip.readUInt16LE(at + 20);
    if (at + 22 + length !== zip.length) continue;
    const comment = zip.toString('latin1', at + 22);
    if (!comment.startsWith(prefix)) return { ok: false, detail: 'the package carries no Toezicht signature (ZIP comment missing or altered)' };
    const ok = pssVerify(certificatePem, zip.subarray(0, at + 20), Buffer.from(comment.slice(prefix.length), 'base64'));
    return ok ? { ok, detail: 'valid signature over every byte of the ZIP' } : { ok, detail: 'the ZIP was altered after it was sealed (its signature does not verify)' };
  }
  return { ok: false, detail: 'not a complete ZIP (end of central directory not found)' };
}
