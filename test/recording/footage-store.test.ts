import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FootageObjectMissing, type FootageStore } from '../../src/recording/footage-store.js';
import { LocalFootageStore } from '../../src/recording/local-store.js';
import { startS3Server } from './s3-server.js';

/** The same contract for both backends: the local disk and a real S3-compatible server (s3rver). */
const backends: { name: string; open(): Promise<{ store: FootageStore; close(): Promise<void> }> }[] = [
  {
    name: 'local disk',
    async open() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-footage-'));
      return { store: new LocalFootageStore(dir), close: async () => fs.rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'S3 (s3rver)',
    async open() {
      const server = await startS3Server();
      return { store: server.store('toezicht/'), close: () => server.stop() };
    },
  },
];

describe.each(backends)('footage store contract: $name', ({ open }) => {
  let store: FootageStore;
  let close: () => Promise<void>;
  beforeAll(async () => ({ store, close } = await open()));
  afterAll(() => close());

  it('stores, reads back, overwrites (idempotent re-ingest) and deletes', async () => {
    const body = crypto.randomBytes(200_000);
    await store.put('cam-1/2026-03-02/run-a-20260302T101500.seg', body);
    expect((await store.get('cam-1/2026-03-02/run-a-20260302T101500.seg')).equals(body)).toBe(true);
    expect(await store.exists('cam-1/2026-03-02/run-a-20260302T101500.seg')).toBe(true);
    const again = crypto.randomBytes(10);
    await store.put('cam-1/2026-03-02/run-a-20260302T101500.seg', again);
    expect((await store.get('cam-1/2026-03-02/run-a-20260302T101500.seg')).equals(again)).toBe(true);
    await store.delete('cam-1/2026-03-02/run-a-20260302T101500.seg');
    expect(await store.exists('cam-1/2026-03-02/run-a-20260302T101500.seg')).toBe(false);
    await store.delete('cam-1/2026-03-02/run-a-20260302T101500.seg'); // deleting twice is fine
  });

  it('a missing object is FootageObjectMissing', async () => {
    await expect(store.get('cam-1/2026-01-01/nothing.seg')).rejects.toBeInstanceOf(FootageObjectMissing);
  });

  it('lists by prefix in key order', async () => {
    for (const key of ['cam-2/2026-03-02/b.seg', 'cam-2/2026-03-02/a.seg', 'cam-2/2026-03-03/a.seg', 'cam-20/2026-03-02/a.seg']) await store.put(key, Buffer.from(key));
    const listed: string[] = [];
    for await (const key of store.list('cam-2/2026-03-02/')) listed.push(key);
    expect(listed).toEqual(['cam-2/2026-03-02/a.seg', 'cam-2/2026-03-02/b.seg']);
    const all: string[] = [];
    for await (const key of store.list('cam-2/')) all.push(key);
    expect(all).toEqual(['cam-2/2026-03-02/a.seg', 'cam-2/2026-03-02/b.seg', 'cam-2/2026-03-03/a.seg']);
    // With modification times (the orphan scan's grace period).
    const entries: { key: string; modifiedAt: Date }[] = [];
    for await (const entry of store.entries!('cam-2/2026-03-02/')) entries.push(entry);
    expect(entries.map((e) => e.key)).toEqual(['cam-2/2026-03-02/a.seg', 'cam-2/2026-03-02/b.seg']);
    for (const e of entries) expect(Math.abs(e.modifiedAt.getTime() - Date.now())).toBeLessThan(5 * 60_000);
  });

  it('refuses keys that could escape the store', async () => {
    for (const key of ['../x.seg', '/etc/passwd', 'cam/../../x', 'cam//x', '']) await expect(store.put(key, Buffer.from('x'))).rejects.toThrow(/invalid storage key/);
  });
});

describe('local disk specifics', () => {
  it('writes objects 0600 through a temporary file, and reports free space', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-footage-'));
    const store = new LocalFootageStore(dir);
    await store.put('cam/2026-03-02/x.seg', Buffer.from('ciphertext'));
    const file = path.join(dir, 'cam', '2026-03-02', 'x.seg');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['x.seg']);
    expect(await store.freeBytes()).toBeGreaterThan(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
