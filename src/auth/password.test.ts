import { describe, expect, it } from 'vitest';
import { generateOneTimePassword, hashPassword, passwordProblem, verifyPassword } from './password.js';

describe('password policy', () => {
  it.each([
    ['short', 'jan', 'must be at least 12 characters'],
    ['aaaaaaaaaaaaaaaa', 'jan', 'must contain at least 5 different characters'],
    ['janssen-is-mijn-naam', 'janssen', 'must not contain the username'],
    ['x'.repeat(257), 'jan', 'must be at most 256 characters'],
    ['correct horse battery', 'jan', null],
  ])('%s for user %s → %s', (password, username, problem) => {
    expect(passwordProblem(password, username)).toBe(problem);
  });

  it('one-time passwords satisfy the policy and differ', () => {
    const a = generateOneTimePassword();
    expect(a).toMatch(/^[\w]{5}-[\w]{5}-[\w]{5}-[\w]{5}$/);
    expect(passwordProblem(a, 'admin')).toBeNull();
    expect(generateOneTimePassword()).not.toBe(a);
  });

  it('hashes with argon2id and verifies', async () => {
    const h = await hashPassword('correct horse battery');
    expect(h.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(h, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(h, 'wrong horse battery')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
  });
});
