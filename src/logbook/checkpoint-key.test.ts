import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CheckpointKey, keyIdOf, loadPublicKeys } from './checkpoint-key.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-key-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('CheckpointKey', () => {
  it('creates the key once, private file 0600, public key beside it, and loads the same key again', () => {
    const dataDir = tempDir();
    const first = CheckpointKey.loadOrCreate(dataDir);
    const file = path.join(dataDir, 'keys', 'logbook-ed25519.pem');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const pub = crypto.createPublicKey(fs.readFileSync(path.join(dataDir, 'keys', 'logbook-ed25519.pub.pem')));
    expect(keyIdOf(pub)).toBe(first.keyId);
    expect(first.keyId).toMatch(/^[0-9a-f]{64}$/);
    const again = CheckpointKey.loadOrCreate(dataDir);
    expect(again.keyId).toBe(first.keyId);
    expect(again.verify(3, 'ab'.repeat(32), first.sign(3, 'ab'.repeat(32)))).toBe(true);
  });

  it('signs "seq:hash": another seq, hash or key does not verify', () => {
    const key = CheckpointKey.generate();
    const hash = 'cd'.repeat(32);
    const signature = key.sign(5, hash);
    expect(crypto.verify(null, Buffer.from(`5:${hash}`), key.publicKey, Buffer.from(signature, 'base64'))).toBe(true);
    expect(key.verify(5, hash, signature)).toBe(true);
    expect(key.verify(6, hash, signature)).toBe(false);
    expect(key.verify(5, 'ce'.repeat(32), signature)).toBe(false);
    expect(CheckpointKey.generate().verify(5, hash, signature)).toBe(false);
    expect(key.verify(5, hash, 'not base64 at all')).toBe(false);
  });

  it('trusts every public key in the keys folder (retired keys, other nodes) without creating anything', () => {
    const dataDir = tempDir();
    expect(loadPublicKeys(dataDir).size).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'keys'))).toBe(false);
    const key = CheckpointKey.loadOrCreate(dataDir);
    const retired = CheckpointKey.generate();
    fs.writeFileSync(path.join(dataDir, 'keys', 'retired-2025.pub.pem'), retired.publicKey.export({ type: 'spki', format: 'pem' }));
    expect([...loadPublicKeys(dataDir).keys()].sort()).toEqual([key.keyId, retired.keyId].sort());
    expect([...CheckpointKey.loadOrCreate(dataDir).publicKeys.keys()].sort()).toEqual([key.keyId, retired.keyId].sort());
  });
});
