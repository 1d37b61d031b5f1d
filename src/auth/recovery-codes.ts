import crypto from 'node:crypto';
import { sha256Hex } from '../platform/crypto.js';

/** Ten single-use recovery codes (xxxx-xxxx-xxxx); only their hashes are stored. */
export function newRecoveryCodes(count = 10): { plain: string[]; hashes: string[] } {
  const plain = Array.from({ length: count }, () => {
    const hex = crypto.randomBytes(6).toString('hex');
    return `${hex.slice(0, 4)}-${hex.slice(4, 8)}-${hex.slice(8, 12)}`;
  });
  return { plain, hashes: plain.map(hashRecoveryCode) };
}

export const hashRecoveryCode = (code: string): string => sha256Hex(code.trim().toLowerCase().replace(/\s+/g, ''));

/** Pure: when `code` matches an unused hash, the list without it; otherwise null. */
export function consumeRecoveryCode(hashes: string[], code: string): { remaining: string[] } | null {
  if (!/^[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}$/i.test(code.trim())) return null;
  const h = hashRecoveryCode(code);
  const idx = hashes.indexOf(h);
  return idx < 0 ? null : { remaining: hashes.filter((_, i) => i !== idx) };
}
