import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DayKeys } from '../../src/recording/day-keys.js';
import { masterKeyId } from '../../src/recording/footage-crypto.js';
import { FootageReader } from '../../src/recording/footage.service.js';
import type { MasterKey } from '../../src/recording/master-key.js';
import { runMasterKeyRotate } from '../../src/recording/recording.cli.js';
import { dialects } from '../support/databases.js';
import { createRecordingFixture, type RecordingFixture } from './support.js';

const masterOf = (base64: string): MasterKey => {
  const key = Buffer.from(base64, 'base64');
  return { key, id: masterKeyId(key) };
};
const freshMaster = (): MasterKey => masterOf(crypto.randomBytes(32).toString('base64'));

/** Master-key rotation (INV-9's key hierarchy): every live day key re-wrapped in one transaction, footage unchanged. */
describe.each(dialects)('master-key rotation on %s', (dialect) => {
  let f: RecordingFixture;
  let old: MasterKey;
  let first: MasterKey;
  const footage: { segment: { cameraId: string; day: string; storageKey: string }; plaintext: Buffer }[] = [];
  beforeAll(async () => {
    f = await createRecordingFixture(dialect);
    old = masterOf(f.config.masterKey);
    for (const [camera, start] of [['cam-a', '2026-03-28T10:00:00Z'], ['cam-a', '2026-03-29T10:00:00Z'], ['cam-b', '2026-03-29T11:00:00Z'], ['cam-b', '2026-03-20T11:00:00Z']] as const) {
      const added = await f.addSegment(camera, start);
      footage.push({ segment: { cameraId: camera, day: added.day, storageKey: added.storageKey }, plaintext: added.plaintext });
    }
    // A destroyed day key (past retention) stays destroyed: a tombstone is never re-wrapped.
    await f.recording.keys.destroy('cam-b', '2026-03-20');
  });
  afterAll(() => f.close());

  const readWith = (keys: DayKeys, i: number) => new FootageReader(f.recording.store, keys).read({ ...footage[i]!.segment } as never);

  it('a failed rotation changes nothing; the next one re-wraps every live key; old and new key both open them meanwhile', async () => {
    const next = (first = freshMaster());
    // One wrapped key that opens with no configured master key: the whole rotation is refused.
    const stranger = new DayKeys(f.database.db, freshMaster(), f.clock);
    await stranger.forWriting('cam-z', '2026-03-29');
    await expect(new DayKeys(f.database.db, old, f.clock).rotate(next)).rejects.toThrow(/does not open with this master key/);
    expect(await f.recording.keys.wrappedBy()).toEqual({ [old.id]: 3, [stranger.masterKeyId]: 1 });
    await f.database.db.deleteFrom('recording_day_keys').where('camera_id', '=', 'cam-z').execute();

    // A process already given the new key, with the old one as its previous key, reads footage not yet re-wrapped.
    const transitional = new DayKeys(f.database.db, next, f.clock, [old]);
    expect((await readWith(transitional, 0)).equals(footage[0]!.plaintext)).toBe(true);

    const rotating = new DayKeys(f.database.db, old, f.clock);
    expect(await rotating.rotate(next)).toEqual({ rewrapped: 3, already: 0 });
    expect(await f.recording.keys.wrappedBy()).toEqual({ [next.id]: 3 });
    // With only the new key every live day opens to the same footage; with only the old key none does.
    for (const i of [0, 1, 2]) expect((await readWith(new DayKeys(f.database.db, next, f.clock), i)).equals(footage[i]!.plaintext)).toBe(true);
    await expect(readWith(new DayKeys(f.database.db, old, f.clock), 0)).rejects.toThrow(/does not open with this master key/);
    // The destroyed day stays destroyed.
    await expect(readWith(new DayKeys(f.database.db, next, f.clock), 3)).rejects.toThrow(/destroyed/);
    // The rotating instance now wraps new day keys with the new key.
    await rotating.forWriting('cam-a', '2026-03-30');
    expect(await f.recording.keys.wrappedBy()).toEqual({ [next.id]: 4 });
    // Rotating again to the same key is a no-op.
    expect(await rotating.rotate(next)).toEqual({ rewrapped: 0, already: 4 });
  });

  it('from the CLI: a new key file, the rotation in the logboek (key ids only, never the keys)', async () => {
    // Back to the fixture's own master key first (a rotation works in any direction).
    expect(await new DayKeys(f.database.db, first, f.clock).rotate(old)).toEqual({ rewrapped: 4, already: 0 });
    const file = path.join(f.dataDir, 'keys', 'footage-master-2.key');
    const out: string[] = [];
    expect(await runMasterKeyRotate(f.recording, file, (l) => out.push(l))).toBe(0);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const next = masterOf(fs.readFileSync(file, 'utf8').trim());
    expect(out[0]).toMatch(new RegExp(`Re-wrapped 4 day key\\(s\\) under master key ${next.id}`));
    expect(await f.recording.keys.wrappedBy()).toEqual({ [next.id]: 4 });
    expect((await readWith(new DayKeys(f.database.db, next, f.clock), 2)).equals(footage[2]!.plaintext)).toBe(true);
    const [entry] = await f.entries('recording.master_key_rotated');
    expect(entry!.subject).toMatchObject({ to: next.id, rewrapped: 4, already: 0 });
    expect(JSON.stringify(entry)).not.toContain(next.key.toString('base64'));
  });
});
