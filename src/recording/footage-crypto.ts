import crypto from 'node:crypto';

/**
 * Encryption at rest (issue 5 item 4, INV-9). Each segment is sealed with AES-256-GCM under the
 * data key of its camera and UTC day; the storage key is bound in as associated data, so a blob
 * cannot be passed off as another segment. Day keys are stored only wrapped (AES-256-GCM) under
 * the master key, bound to camera and day. Destroying the wrapped day key makes every copy of
 * that day's blobs — in the store, in a backup of the store, copied aside — undecryptable.
 */

const segmentMagic = Buffer.from('TZSEG1');
const ivLength = 12;
const tagLength = 16;
/** The blob layout, for the sealing worker (sealer.ts), which writes the same format. */
export const sealFormat = { magic: 'TZSEG1', ivLength, tagLength } as const;
const headerLength = segmentMagic.length + ivLength + tagLength;

export class FootageKeyError extends Error {
  constructor(
    readonly code: 'day_key_destroyed' | 'day_key_missing' | 'footage_corrupt' | 'master_key_mismatch',
    message: string,
  ) {
    super(message);
    this.name = 'FootageKeyError';
  }
}

export function newDataKey(): Buffer {
  return crypto.randomBytes(32);
}

/** magic | iv | tag | ciphertext */
export function encryptSegment(dataKey: Buffer, plaintext: Buffer, storageKey: string): Buffer {
  return sealedBytes(sealSegment(dataKey, plaintext, storageKey));
}

/**
 * The same blob, produced a chunk at a time for a store that writes as it goes: the ciphertext in
 * chunks of `chunkBytes` (each written and dropped at once, so the garbage collector never sees a
 * segment-sized buffer) and the header — which holds the authentication tag, known only at the
 * end — last, at position 0.
 */
export interface SealedBody {
  readonly length: number;
  writeTo(write: (chunk: Buffer, position: number) => void): void;
}

export function sealSegment(dataKey: Buffer, plaintext: Buffer, storageKey: string, chunkBytes = 256 * 1024): SealedBody {
  return {
    length: headerLength + plaintext.length,
    writeTo(write) {
      const iv = crypto.randomBytes(ivLength);
      const cipher = crypto.createCipheriv('aes-256-gcm', dataKey, iv);
      cipher.setAAD(Buffer.from(storageKey, 'utf8'));
      let position = headerLength;
      for (let offset = 0; offset < plaintext.length; offset += chunkBytes) {
        const out = cipher.update(plaintext.subarray(offset, offset + chunkBytes));
        write(out, position);
        position += out.length;
      }
      const rest = cipher.final(); // empty for GCM (a stream mode)
      if (rest.length) write(rest, position);
      write(Buffer.concat([segmentMagic, iv, cipher.getAuthTag()]), 0);
    },
  };
}

/** A sealed body as one buffer (for stores that need the whole object at once). */
export function sealedBytes(body: SealedBody): Buffer {
  const out = Buffer.allocUnsafe(body.length);
  body.writeTo((chunk, position) => chunk.copy(out, position));
  return out;
}

export function decryptSegment(dataKey: Buffer, blob: Buffer, storageKey: string): Buffer {
  if (blob.length < headerLength || !blob.subarray(0, segmentMagic.length).equals(segmentMagic)) {
    throw new FootageKeyError('footage_corrupt', 'not an encrypted Toezicht segment');
  }
  const iv = blob.subarray(segmentMagic.length, segmentMagic.length + ivLength);
  const tag = blob.subarray(segmentMagic.length + ivLength, headerLength);
  const decipher = crypto.createDecipheriv('aes-256-gcm', dataKey, iv);
  decipher.setAAD(Buffer.from(storageKey, 'utf8'));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(blob.subarray(headerLength)), decipher.final()]);
  } catch {
    throw new FootageKeyError('footage_corrupt', 'segment failed authentication (altered, or another key)');
  }
}

/** Overhead of encryptSegment over the plaintext, in bytes. */
export const segmentOverhead = headerLength;

/** Wraps a day key: "v1.<iv>.<tag>.<ciphertext>" (base64), bound to its name (camera/day). */
export function wrapKey(masterKey: Buffer, dataKey: Buffer, name: string): string {
  const iv = crypto.randomBytes(ivLength);
  const cipher = crypto.createCipheriv('aes-256-gcm', masterKey, iv);
  cipher.setAAD(Buffer.from(`day-key:${name}`, 'utf8'));
  const body = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join('.');
}

export function unwrapKey(masterKey: Buffer, wrapped: string, name: string): Buffer {
  const [version, iv, tag, body] = wrapped.split('.');
  if (version !== 'v1' || !iv || !tag || !body) throw new FootageKeyError('footage_corrupt', 'not a wrapped day key');
  const decipher = crypto.createDecipheriv('aes-256-gcm', masterKey, Buffer.from(iv, 'base64'));
  decipher.setAAD(Buffer.from(`day-key:${name}`, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]);
  } catch {
    throw new FootageKeyError('master_key_mismatch', `day key ${name} does not open with this master key`);
  }
}

/** A short fingerprint of the master key, stored with each wrapped key (for rotation and diagnosis). */
export function masterKeyId(masterKey: Buffer): string {
  return crypto.createHash('sha256').update('toezicht-footage-master:').update(masterKey).digest('hex').slice(0, 16);
}
