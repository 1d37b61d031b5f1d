import { canonicalJson, pssSign, pssVerify, sha256, signatureAlgorithm, type SigningKey } from './signing-key.js';

/**
 * The seal of an exported MP4, in the manner of the ONVIF Export File Format (docs/exports.md):
 * one top-level `uuid` box appended after the file's own boxes. Players skip unknown top-level
 * boxes, so the file still plays. The box carries the export unit (exporting system, operator,
 * export time, source camera) and an RSASSA-PSS/SHA-256 signature over the SHA-256 of every byte
 * before the box, with the signing certificate embedded.
 *
 * Layout: size(4) 'uuid' usertype(16) payload-json trailer, where the trailer is the box size (4)
 * and the magic 'TZSEAL01' (8): a verifier finds the seal from the end of the file, so damage
 * anywhere before it shows up as a hash mismatch rather than an unreadable file.
 */

export const sealUuid = Buffer.from('b0e7d3a2c4f44e5f9a1d7e20746f657a', 'hex'); // ends in "toez"
const magic = Buffer.from('TZSEAL01');
const trailerLength = 4 + magic.length;

export interface ExportUnit {
  exportingSystem: string;
  operator: string;
  exportTime: string;
  sourceCamera: { id: string; name: string };
  window: { from: string; to: string };
  caseRef: string;
}

export interface SealPayload {
  format: 'toezicht-seal/1';
  exportUnit: ExportUnit;
  /** The signed statement: how many bytes precede the seal and their SHA-256. */
  signedBytes: number;
  sha256: string;
  signatureAlgorithm: string;
  /** base64 RSASSA-PSS signature over canonicalJson({ exportUnit, signedBytes, sha256 }). */
  signature: string;
  certificate: string;
  certificateSha256: string;
}

function signedStatement(p: Pick<SealPayload, 'exportUnit' | 'signedBytes' | 'sha256'>): Buffer {
  return Buffer.from(canonicalJson({ exportUnit: p.exportUnit, sha256: p.sha256, signedBytes: p.signedBytes }), 'utf8');
}

/** The MP4 with its seal box appended. */
export function sealMp4(mp4: Buffer, unit: ExportUnit, key: SigningKey): Buffer {
  return Buffer.concat([mp4, sealBox(mp4.length, sha256(mp4), unit, key)]);
}

/**
 * The seal box alone, for media that was hashed while it streamed: append it right after the
 * `mediaBytes` bytes whose SHA-256 is `mediaSha256`.
 */
export function sealBox(mediaBytes: number, mediaSha256: string, unit: ExportUnit, key: SigningKey): Buffer {
  const statement = { exportUnit: unit, signedBytes: mediaBytes, sha256: mediaSha256 };
  const payload: SealPayload = {
    format: 'toezicht-seal/1', ...statement, signatureAlgorithm,
    signature: pssSign(key, signedStatement(statement)).toString('base64'),
    certificate: key.certificatePem, certificateSha256: key.fingerprint,
  };
  const body = Buffer.from(JSON.stringify(payload), 'utf8');
  const size = 8 + sealUuid.length + body.length + trailerLength;
  const header = Buffer.alloc(8);
  header.writeUInt32BE(size, 0);
  header.write('uuid', 4, 'latin1');
  const trailer = Buffer.alloc(trailerLength);
  trailer.writeUInt32BE(size, 0);
  magic.copy(trailer, 4);
  return Buffer.concat([header, sealUuid, body, trailer]);
}

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export interface SealResult {
  checks: Check[];
  payload: SealPayload | null;
  /** Length of the media before the seal (what the manifest's hash does not cover: the manifest hashes the whole sealed file). */
  mediaBytes: number | null;
}

/** Checks an MP4's seal: present, well formed, hash of the preceding bytes, signature. Names each failure. */
export function verifyMp4Seal(file: Buffer, label: string): SealResult {
  return checkSealTail(file, file.length, (start) => sha256(file.subarray(0, start)), label);
}

/** The most bytes a seal box may take: a verifier that streams a file keeps this much of its end. */
export const maxSealBytes = 256 * 1024;

/**
 * The seal checks on the end of a file: `tail` is its last bytes (all of them, or at least the seal
 * box), `total` its length, and `mediaSha256(start)` the SHA-256 of its first `start` bytes (the
 * caller hashed them while streaming, or has them in memory). One implementation for both.
 */
export function checkSealTail(tail: Buffer, total: number, mediaSha256: (start: number) => string, label: string): SealResult {
  const fail = (detail: string): SealResult => ({ checks: [{ name: `${label}: seal`, ok: false, detail }], payload: null, mediaBytes: null });
  const offset = total - tail.length; // file position of tail[0]
  if (total < trailerLength + 24 || !tail.subarray(tail.length - magic.length).equals(magic)) return fail('no Toezicht seal at the end of the file (missing or altered)');
  const size = tail.readUInt32BE(tail.length - trailerLength);
  const start = total - size;
  if (size < 24 + trailerLength || start < 8 || start < offset || tail.readUInt32BE(start - offset) !== size || tail.toString('latin1', start - offset + 4, start - offset + 8) !== 'uuid' || !tail.subarray(start - offset + 8, start - offset + 24).equals(sealUuid)) {
    return fail('the seal box is damaged (size, type or identifier altered)');
  }
  let payload: SealPayload;
  try {
    payload = JSON.parse(tail.subarray(start - offset + 24, tail.length - trailerLength).toString('utf8')) as SealPayload;
  } catch {
    return fail('the seal box content is damaged (not readable)');
  }
  const checks: Check[] = [];
  const actual = mediaSha256(start);
  checks.push({
    name: `${label}: content hash`,
    ok: payload.signedBytes === start && payload.sha256 === actual,
    detail: payload.signedBytes === start && payload.sha256 === actual ? `SHA-256 ${actual} over ${start} bytes` : `the video bytes were altered: SHA-256 is ${actual}, the seal says ${payload.sha256}`,
  });
  const signed = typeof payload.signature === 'string' && typeof payload.certificate === 'string' && pssVerify(payload.certificate, signedStatement(payload), Buffer.from(payload.signature, 'base64'));
  checks.push({ name: `${label}: seal signature`, ok: signed, detail: signed ? `valid ${signatureAlgorithm} signature` : 'the seal signature does not verify (export unit, hash or signature altered)' });
  return { checks, payload, mediaBytes: start };
}
