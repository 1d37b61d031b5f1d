import crypto from 'node:crypto';

/** No 0/O, 1/I/L: read aloud or copied by hand without mistakes. 31 symbols, 24 of them: about 119 bits. */
const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function generatePackagePassword(): string {
  return Array.from({ length: 6 }, () => Array.from({ length: 4 }, () => alphabet[crypto.randomInt(alphabet.length)]).join('')).join('-');
}

/** What is stored instead of the password: a salted scrypt hash (to confirm a password a recipient reports, never to recover it). */
export function hashPackagePassword(password: string): string {
  const salt = crypto.randomBytes(16);
  const hash = crypto.scryptSync(password, salt, 32, { N: 16384, r: 8, p: 1 });
  return `scrypt$${salt.toString('base64')}$${hash.toString('base64')}`;
}
