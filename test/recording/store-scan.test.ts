import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRecorderScan } from '../../src/recording/recording.cli.js';
import { dialects } from '../support/databases.js';
import { createRecordingFixture, someone, type RecordingFixture } from './support.js';

/** The orphan scan (issue 5, scale-out hygiene): store objects without rows, rows without objects; --fix, logged. */
describe.each(dialects)('store scan on %s', (dialect) => {
  let f: RecordingFixture;
  const keys = { ok: '', lost: '', lostHeld: '', orphan: '', fresh: '' };
  beforeAll(async () => {
    f = await createRecordingFixture(dialect);
    keys.ok = (await f.addSegment('cam-s', '2026-03-30T10:00:00Z')).storageKey;
    keys.lost = (await f.addSegment('cam-s', '2026-03-30T10:00:10Z')).storageKey;
    keys.lostHeld = (await f.addSegment('cam-s', '2026-03-30T11:00:00Z')).storageKey;
    await f.recording.holds.create({ cameraIds: ['cam-s'], from: '2026-03-30T10:59:00Z', to: '2026-03-30T11:01:00Z', reason: 'Melding bewoner' }, someone);
    // Footage lost from the store (a disk replaced, a bucket restored from an older copy).
    await f.recording.store.delete(keys.lost);
    await f.recording.store.delete(keys.lostHeld);
    // An object nobody indexed, written long ago, and one written just now (an ingest may be about to index it).
    keys.orphan = 'cam-s/2026-03-29/run-x-000001.seg';
    keys.fresh = 'cam-s/2026-03-30/run-y-000001.seg';
    await f.recording.store.put(keys.orphan, crypto.randomBytes(64));
    await f.recording.store.put(keys.fresh, crypto.randomBytes(64));
    const old = new Date(f.clock.now().getTime() - 2 * 3_600_000);
    fs.utimesSync(path.join(f.config.footageDir, ...keys.orphan.split('/')), old, old);
  });
  afterAll(() => f.close());

  it('reports without changing anything; --fix deletes the old orphan object and the unheld lost row, keeps the held one; both logged', async () => {
    const report = await f.recording.storeScan.scan({ fix: false, actor: { id: null, name: 'cli', role: null } });
    expect(report).toMatchObject({ objects: 3, rows: 3, fixed: null });
    expect(report.objectsWithoutRow.map((o) => [o.key, o.old])).toEqual([[keys.orphan, true], [keys.fresh, false]]);
    expect(report.rowsWithoutObject.map((r) => [r.storageKey, r.held])).toEqual([[keys.lost, false], [keys.lostHeld, true]]);
    expect(await f.recording.store.exists(keys.orphan)).toBe(true);

    const out: string[] = [];
    expect(await runRecorderScan(f.recording, true, (l) => out.push(l))).toBe(1); // held footage is lost: not "all fixed"
    expect(out.join('\n')).toMatch(/Fixed: 1 object\(s\) deleted, 1 index row\(s\) removed/);
    expect(out.join('\n')).toContain('HELD');
    expect(await f.recording.store.exists(keys.orphan)).toBe(false);
    expect(await f.recording.store.exists(keys.fresh)).toBe(true);
    expect(await f.recording.segments.findByStorageKey(keys.lost)).toBeNull();
    expect(await f.recording.segments.findByStorageKey(keys.lostHeld)).not.toBeNull();
    expect(await f.recording.segments.findByStorageKey(keys.ok)).not.toBeNull();

    const entries = await f.entries('recording.store_scan');
    expect(entries.map((e) => e.subject)).toEqual([
      expect.objectContaining({ fix: false, objectsWithoutRow: 2, oldObjectsWithoutRow: 1, rowsWithoutObject: 2, heldRowsWithoutObject: 1 }),
      expect.objectContaining({ fix: true, objectsDeleted: 1, rowsDeleted: 1 }),
    ]);

    // Afterwards only what must stay is reported: the fresh object (until its grace ends) and the held loss.
    const again = await f.recording.storeScan.scan({ fix: false, actor: { id: null, name: 'cli', role: null } });
    expect(again.objectsWithoutRow.map((o) => o.key)).toEqual([keys.fresh]);
    expect(again.rowsWithoutObject.map((r) => r.storageKey)).toEqual([keys.lostHeld]);
  });
});
