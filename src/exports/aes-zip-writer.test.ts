import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AesZipWriter, WinZipAesCtr, winZipAesKeys } from './aes-zip-writer.js';
import { loadOrCreateSigningKey, type SigningKey } from './signing-key.js';
import { verifyZipSeal } from './zip-seal.js';

/** The streaming WinZip AES-256 writer: the counter mode against a block-by-block reference, and 7-Zip reading its output. */
function referenceCtr(key: Buffer, data: Buffer): Buffer {
  const out = Buffer.alloc(data.length);
  for (let block = 0; block * 16 < data.length; block++) {
    const counter = Buffer.alloc(16);
    counter.writeBigUInt64LE(BigInt(block + 1)); // WinZip: little-endian, starting at 1
    const ecb = crypto.createCipheriv('aes-256-ecb', key, null);
    ecb.setAutoPadding(false);
    const stream = ecb.update(counter);
    for (let i = 0; i < 16 && block * 16 + i < data.length; i++) out[block * 16 + i] = data[block * 16 + i]! ^ stream[i]!;
  }
  return out;
}

describe('WinZip AES-256 counter mode', () => {
  it('equals the block-by-block reference for any chunking (odd sizes, whole blocks, more than 1 MiB)', () => {
    const key = crypto.randomBytes(32);
    const data = crypto.randomBytes((1 << 20) + 4099);
    const expected = referenceCtr(key, data);
    const splits: number[][] = [[data.length], [1, 15, 16, 17, 1 << 20], [1 << 20, 3], [4096, 4096, 5], Array.from({ length: 40 }, (_, i) => 7 + i * 13)];
    for (const sizes of splits) {
      const ctr = new WinZipAesCtr(key);
      const parts: Buffer[] = [];
      let at = 0;
      for (const size of sizes) {
        parts.push(ctr.update(data.subarray(at, Math.min(data.length, at + size))));
        at = Math.min(data.length, at + size);
      }
      parts.push(ctr.update(data.subarray(at)));
      expect(Buffer.concat(parts).equals(expected), sizes.join(',')).toBe(true);
    }
  });

  it('derives AES key, HMAC key and the 2-byte verifier with PBKDF2-HMAC-SHA1 (1000 rounds)', () => {
    const salt = Buffer.alloc(16, 1);
    const keys = winZipAesKeys('geheim', salt);
    const all = crypto.pbkdf2Sync('geheim', salt, 1000, 66, 'sha1');
    expect(Buffer.concat([keys.aes, keys.hmac, keys.verifier]).equals(all)).toBe(true);
  });
});

describe('AesZipWriter', () => {
  let dir: string;
  let key: SigningKey;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-aeszip-'));
    key = loadOrCreateSigningKey(path.join(dir, 'data'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes a ZIP that 7-Zip opens with the password only, signed, its SHA-256 as returned', async () => {
    const file = path.join(dir, 'p.zip');
    const big = crypto.randomBytes(3_000_001);
    const writer = await AesZipWriter.create(file, 'ABCD-EFGH', new Date('2026-11-22T12:00:00Z'));
    const seen: number[] = [];
    async function* chunks() {
      for (let at = 0; at < big.length; at += 65_537) yield big.subarray(at, at + 65_537);
    }
    expect(await writer.add('clip.mp4', chunks(), (n) => seen.push(n))).toBe(big.length);
    expect(seen.at(-1)).toBe(big.length);
    await writer.add('LEESMIJ.txt', [Buffer.from('Hallo, ’s-Hertogenbosch\n')]);
    await writer.add('leeg.txt', []);
    const done = await writer.finish(key);
    const zip = fs.readFileSync(file);
    expect(done).toEqual({ bytes: zip.length, sha256: crypto.createHash('sha256').update(zip).digest('hex') });
    expect(verifyZipSeal(zip, key.certificatePem)).toMatchObject({ ok: true });

    const out = path.join(dir, 'out');
    const ok = spawnSync('7z', ['x', '-y', '-pABCD-EFGH', `-o${out}`, file], { encoding: 'utf8' });
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    expect(fs.readFileSync(path.join(out, 'clip.mp4')).equals(big)).toBe(true);
    expect(fs.readFileSync(path.join(out, 'LEESMIJ.txt'), 'utf8')).toBe('Hallo, ’s-Hertogenbosch\n');
    expect(fs.statSync(path.join(out, 'leeg.txt')).size).toBe(0);
    const wrong = spawnSync('7z', ['t', '-pWRONG', file], { encoding: 'utf8' });
    expect(wrong.status).not.toBe(0);
  });

  it('abort() removes the unfinished file; an existing file is never overwritten', async () => {
    const file = path.join(dir, 'half.zip');
    const writer = await AesZipWriter.create(file, 'pw', new Date());
    await writer.add('a', [Buffer.alloc(1000)]);
    await writer.abort();
    expect(fs.existsSync(file)).toBe(false);
    fs.writeFileSync(file, 'x');
    await expect(AesZipWriter.create(file, 'pw', new Date())).rejects.toThrow(/EEXIST/);
  });

  it('hashes the plaintext on the writer thread: the digest mid-entry (after a partial block) and at its end; the entry still decrypts', async () => {
    const file = path.join(dir, 'mid.zip');
    const writer = await AesZipWriter.create(file, 'pw-mid', new Date());
    const head = crypto.randomBytes((1 << 20) + 12_345); // one whole block and a partial one
    const tail = crypto.randomBytes(777);
    let mid = '';
    async function* chunks() {
      yield head;
      mid = await writer.entryPlaintextSha256SoFar(); // flushes the partial block: the counter goes on mid-block
      yield tail;
    }
    await writer.add('x.bin', chunks());
    expect(mid).toBe(crypto.createHash('sha256').update(head).digest('hex'));
    expect(writer.lastPlaintextSha256).toBe(crypto.createHash('sha256').update(head).update(tail).digest('hex'));
    await writer.finish(key);
    const out = path.join(dir, 'mid-out');
    expect(spawnSync('7z', ['x', '-y', '-ppw-mid', `-o${out}`, file]).status).toBe(0);
    expect(fs.readFileSync(path.join(out, 'x.bin')).equals(Buffer.concat([head, tail]))).toBe(true);
  });

  it('a failing source aborts cleanly: the writer thread stops and the file is gone', async () => {
    const file = path.join(dir, 'fail.zip');
    const writer = await AesZipWriter.create(file, 'pw', new Date());
    async function* chunks() {
      yield crypto.randomBytes(3 << 20);
      throw new Error('segment unreadable');
    }
    await expect(writer.add('x.bin', chunks())).rejects.toThrow(/segment unreadable/);
    await writer.abort();
    expect(fs.existsSync(file)).toBe(false);
  });
});
