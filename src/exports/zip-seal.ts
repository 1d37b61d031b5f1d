import crypto from 'node:crypto';
import { streamRange, type ByteSource } from './byte-source.js';
import { pssOptions, pssSign, pssVerify, type SigningKey } from './signing-key.js';

/**
 * The ZIP's own seal, so that every byte of the package is covered (INV-6), not only what the
 * WinZip AES authentication codes cover (entry data; not the headers): the ZIP comment holds an
 * RSASSA-PSS signature over every byte before the comment-length field. 7-Zip and other tools show
 * the comment and ignore it otherwise.
 *
 * `TZSIG2:` (written now) signs the statement `toezicht-zip-seal/2 sha256=<hex>` where <hex> is the
 * SHA-256 of those bytes, so the writer hashes the package once for both its logged SHA-256 and
 * its signature; `TZSIG1:` (earlier packages) signs the bytes themselves. Both verify.
 */
const prefix1 = 'TZSIG1:';
const prefix2 = 'TZSIG2:';
const eocdSignature = 0x06054b50;

/** What a TZSIG2 signature is made over. */
export function zipSealStatement(sha256Hex: string): Buffer {
  return Buffer.from(`toezicht-zip-seal/2 sha256=${sha256Hex}`, 'utf8');
}

/** The comment (without its length field) that seals a ZIP whose bytes before the comment-length field hash to `sha256Hex`. */
export function zipSealComment(sha256Hex: string, key: SigningKey): Buffer {
  return Buffer.from(`${prefix2}${pssSign(key, zipSealStatement(sha256Hex)).toString('base64')}`, 'latin1');
}

export function sealZip(zip: Buffer, key: SigningKey): Buffer {
  const eocd = zip.length - 22;
  if (eocd < 0 || zip.readUInt32LE(eocd) !== eocdSignature || zip.readUInt16LE(eocd + 20) !== 0) throw new Error('expected a ZIP without a comment');
  const signed = zip.subarray(0, eocd + 20);
  const comment = zipSealComment(crypto.createHash('sha256').update(signed).digest('hex'), key);
  const length = Buffer.alloc(2);
  length.writeUInt16LE(comment.length);
  return Buffer.concat([signed, length, comment]);
}

/** Whether the package's signature (its comment) verifies with the certificate; the reason when not. */
export function verifyZipSeal(zip: Buffer, certificatePem: string): { ok: boolean; detail: string } {
  const found = locateSeal(zip, zip.length);
  if ('detail' in found) return found;
  const signed = zip.subarray(0, found.signedBytes);
  return checkSeal(found.comment, certificatePem, () => crypto.createHash('sha256').update(signed).digest('hex'), () => signed);
}

/** The same check, reading the package piecewise (a file of any size). */
export async function verifyZipSealSource(source: ByteSource, certificatePem: string): Promise<{ ok: boolean; detail: string }> {
  const tailLength = Math.min(source.size, 22 + 0xffff);
  const found = locateSeal(await source.read(source.size - tailLength, tailLength), source.size);
  if ('detail' in found) return found;
  const hash = crypto.createHash('sha256');
  const whole = found.comment.startsWith(prefix1) ? crypto.createVerify('sha256') : null;
  await streamRange(source, 0, found.signedBytes, (b) => (whole ?? hash).update(b));
  if (whole) {
    try {
      const ok = whole.verify({ key: new crypto.X509Certificate(certificatePem).publicKey, ...pssOptions }, Buffer.from(found.comment.slice(prefix1.length), 'base64'));
      return ok ? sealOk : sealAltered;
    } catch {
      return sealAltered;
    }
  }
  return checkSeal(found.comment, certificatePem, () => hash.digest('hex'), () => Buffer.alloc(0));
}

const sealOk = { ok: true, detail: 'valid signature over every byte of the ZIP' };
const sealAltered = { ok: false, detail: 'the ZIP was altered after it was sealed (its signature does not verify)' };

/** Finds the end-of-central-directory record in the last bytes of a ZIP of `total` bytes: the comment and how many bytes it signs. */
function locateSeal(tail: Buffer, total: number): { comment: string; signedBytes: number } | { ok: false; detail: string } {
  const offset = total - tail.length;
  for (let at = tail.length - 22; at >= Math.max(0, tail.length - 22 - 0xffff); at--) {
    if (tail.readUInt32LE(at) !== eocdSignature) continue;
    const length = tail.readUInt16LE(at + 20);
    if (at + 22 + length !== tail.length) continue;
    return { comment: tail.toString('latin1', at + 22), signedBytes: offset + at + 20 };
  }
  return { ok: false, detail: 'not a complete ZIP (end of central directory not found)' };
}

function checkSeal(comment: string, certificatePem: string, sha256Hex: () => string, signedBytes: () => Buffer): { ok: boolean; detail: string } {
  let ok: boolean;
  if (comment.startsWith(prefix2)) {
    ok = pssVerify(certificatePem, zipSealStatement(sha256Hex()), Buffer.from(comment.slice(prefix2.length), 'base64'));
  } else if (comment.startsWith(prefix1)) {
    ok = pssVerify(certificatePem, signedBytes(), Buffer.from(comment.slice(prefix1.length), 'base64'));
  } else {
    return { ok: false, detail: 'the package carries no Toezicht signature (ZIP comment missing or altered)' };
  }
  return ok ? sealOk : sealAltered;
}
