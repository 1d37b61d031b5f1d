import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decryptSegment, segmentOverhead } from '../../src/recording/footage-crypto.js';
import { nativeCipherPath, Sealer, type SealerOptions } from '../../src/recording/sealer.js';

// The sealing worker on a real file system (ext4 here): every size around the page and stage
// boundaries, written with direct I/O, through the page cache, and through the fallback when direct
// writes are refused — each with the native cipher (native/footage-cipher, built by
// scripts/install.sh) and with node:crypto; each blob must decrypt to exactly the sealed bytes.
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-sealer-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const sizes = [1, 4096 - segmentOverhead - 1, 4096 - segmentOverhead, 4096 - segmentOverhead + 1, 96 * 1024, 96 * 1024 + 1,
  1024 * 1024 - segmentOverhead, 1024 * 1024 + 4096, 3 * 1024 * 1024 + 777];
const writes: [string, SealerOptions, 'direct' | 'buffered'][] = [
  ['direct I/O', {}, 'direct'],
  ['through the page cache', { direct: false }, 'buffered'],
  ['direct I/O refused (a buffer off its page): falls back to the page cache', { stageOffset: 8 }, 'buffered'],
];
const modes = (['native', 'node'] as const).flatMap((cipher) =>
  writes.map(([name, options, expected]): [string, SealerOptions, 'direct' | 'buffered', 'native' | 'node'] => [
    `${cipher} cipher, ${name}`, { ...options, native: cipher === 'native' }, expected, cipher,
  ]));

it('the native cipher is built here (scripts/install.sh)', () => {
  expect(nativeCipherPath()).not.toBeNull();
});

describe.each(modes)('the sealer, %s', (_name, options, expected, cipher) => {
  const sealer = new Sealer(options);
  afterAll(() => sealer.close());
  let n = 0;

  it.each(sizes)('seals %i bytes into a blob that decrypts to them', async (size) => {
    const key = crypto.randomBytes(32);
    const source = path.join(work, `${cipher}-${expected}-${++n}.mp4`);
    const plain = crypto.randomBytes(size + 1000);
    fs.writeFileSync(source, plain); // longer than sealed: only `length` bytes count
    const temp = path.join(work, `${cipher}-${expected}-${n}.tmp`);
    const target = path.join(work, `${cipher}-${expected}-${n}.seg`);
    const storageKey = `cam/2026-11-23/run/${n}.seg`;
    const stored = await sealer.seal({ source, length: size, dataKey: key, storageKey, temp, target, dir: work });
    expect(sealer.lastWrite).toBe(expected);
    expect(sealer.lastCipher).toBe(cipher);
    const blob = fs.readFileSync(target);
    expect(stored).toBe(size + segmentOverhead);
    expect(blob.length).toBe(stored);
    expect(decryptSegment(key, blob, storageKey).equals(plain.subarray(0, size))).toBe(true);
    expect(fs.existsSync(temp)).toBe(false);
    expect(fs.statSync(target).mode & 0o777).toBe(0o600);
  });

  it('fails on a spool file shorter than inspected, leaving no temporary file', async () => {
    const source = path.join(work, `${cipher}-${expected}-short.mp4`);
    fs.writeFileSync(source, crypto.randomBytes(5000));
    const temp = path.join(work, `${cipher}-${expected}-short.tmp`);
    await expect(sealer.seal({ source, length: 9000, dataKey: crypto.randomBytes(32), storageKey: 'k', temp })).rejects.toMatchObject({ code: 'ESHORT' });
    expect(fs.existsSync(temp)).toBe(false);
  });

  it('never overwrites a temporary file that is already there', async () => {
    const source = path.join(work, `${cipher}-${expected}-x.mp4`);
    fs.writeFileSync(source, crypto.randomBytes(5000));
    const temp = path.join(work, `${cipher}-${expected}-x.tmp`);
    fs.writeFileSync(temp, 'someone else');
    await expect(sealer.seal({ source, length: 5000, dataKey: crypto.randomBytes(32), storageKey: 'k', temp })).rejects.toMatchObject({ code: 'EEXIST' });
    expect(fs.readFileSync(temp, 'utf8')).toBe('someone else');
  });
});
