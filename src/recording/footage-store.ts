import { sealedBytes, type SealedBody } from './footage-crypto.js';

/** An object's bytes: a buffer, or a sealed segment produced a chunk at a time (footage-crypto.ts). */
export type FootageBody = Buffer | SealedBody;

/**
 * Where encrypted segments live. Two backends: the local disk under the data directory (default)
 * and an S3-compatible object store (scale-out). Both only ever hold ciphertext.
 */
export interface FootageStore {
  readonly kind: 'local' | 's3';
  /**
   * Writes the object completely or not at all (a reader never sees half an object), durably:
   * when the promise resolves the object survives a crash or power cut.
   */
  put(key: string, body: FootageBody): Promise<void>;
  /** The object's bytes; throws FootageObjectMissing when there is none. */
  get(key: string): Promise<Buffer>;
  /** Removes the object; removing one that is not there is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** Every key that starts with the prefix, in lexical order. */
  list(prefix: string): AsyncIterable<string>;
  /** The same keys with their modification times (for the orphan scan's grace period), where the backend can tell. */
  entries?(prefix: string): AsyncIterable<{ key: string; modifiedAt: Date }>;
  /** Free bytes on the volume that holds the footage, where the backend can tell (local disk); else null. */
  freeBytes(): Promise<number | null>;
}

export class FootageObjectMissing extends Error {
  constructor(readonly key: string) {
    super(`no stored footage object ${key}`);
    this.name = 'FootageObjectMissing';
  }
}

const keyPattern = /^[A-Za-z0-9_-]{1,64}(\/[A-Za-z0-9_.-]{1,128}){0,4}$/;

/** Keys are relative paths of safe segments: never absolute, never "..". */
export function assertStorageKey(key: string): string {
  if (!keyPattern.test(key) || key.split('/').some((part) => part === '.' || part === '..')) throw new Error(`invalid storage key: ${JSON.stringify(key)}`);
  return key;
}

/** A body as one buffer (for backends that need one). */
export function wholeBody(body: FootageBody): Buffer {
  return Buffer.isBuffer(body) ? body : sealedBytes(body);
}
