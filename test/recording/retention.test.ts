import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock.js';
import { FootageKeyError } from '../../src/recording/footage-crypto.js';
import { dialects } from '../support/databases.js';
import { createRecordingFixture, someone, type RecordingFixture } from './support.js';

const day = 86_400_000;

describe.each(dialects)('retention sweep on %s (INV-1, INV-2, INV-9)', (dialect) => {
  let f: RecordingFixture;
  let clock: ManualClock;
  beforeEach(async () => {
    clock = new ManualClock('2026-03-30T12:00:00Z');
    f = await createRecordingFixture(dialect, { clock });
  });
  afterEach(() => f.close());

  it('deletes unheld footage past the limit, keeps held and young footage, writes one summary entry', async () => {
    await f.camera('cam-a', 28);
    await f.camera('cam-b', 7);
    const old = await f.addSegment('cam-a', '2026-03-01T10:00:00Z');
    const held = await f.addSegment('cam-a', '2026-03-01T11:00:00Z');
    const straddling = await f.addSegment('cam-a', '2026-03-02T11:59:55Z');
    const young = await f.addSegment('cam-a', '2026-03-02T12:00:00Z');
    const bOld = await f.addSegment('cam-b', '2026-03-23T11:00:00Z');
    const bYoung = await f.addSegment('cam-b', '2026-03-25T11:00:00Z');
    await f.recording.holds.create({ cameraIds: ['cam-a'], from: '2026-03-01T10:59:00Z', to: '2026-03-01T11:30:00Z', reason: 'Vernieling entree', caseRef: 'INC-1' }, someone);

    const summary = await f.recording.retention.sweep();

    const left = (await f.database.db.selectFrom('recording_segments').select('id').orderBy('id').execute()).map((r) => r.id);
    expect(left).toEqual([held.id, young.id, bYoung.id]);
    expect(summary.cameras['cam-a']).toMatchObject({ deleted: 2, held: 1, retentionDays: 28, oldestKept: '2026-03-01T11:00:00.000Z' });
    expect(summary.cameras['cam-b']).toMatchObject({ deleted: 1, held: 0, retentionDays: 7 });
    expect(summary.holdsHonoured).toBe(1);
    expect(summary.objectsPurged).toBe(3);
    for (const gone of [old, straddling, bOld]) expect(await f.recording.store.exists(gone.storageKey)).toBe(false);
    expect(await f.recording.store.exists(held.storageKey)).toBe(true);
    const entries = await f.entries('retention.sweep');
    expect(entries).toHaveLength(1);
    expect(entries[0]!.actor_name).toBe('retention');
    expect(entries[0]!.subject).toMatchObject({ holdsHonoured: 1, cameras: { 'cam-a': { deleted: 2, held: 1 } } });
    expect(await f.database.db.selectFrom('recording_purge_queue').selectAll().execute()).toEqual([]);
    const totals = await f.recording.cameras.get('cam-a');
    expect(totals).toMatchObject({ segmentCount: 2 });
  });

  it('INV-9: once the last segment of a day is purged its key dies, and a copy of the ciphertext cannot be decrypted', async () => {
    await f.camera('cam-a', 7);
    const first = await f.addSegment('cam-a', '2026-03-10T08:00:00Z');
    const last = await f.addSegment('cam-a', '2026-03-10T23:59:50Z');
    const nextDay = await f.addSegment('cam-a', '2026-03-11T00:00:00Z');
    const copies = [first, last, nextDay].map(async (s) => ({ ...s, blob: await f.recording.store.get(s.storageKey) }));
    const aside = await Promise.all(copies);
    // A copy decrypts while the footage is within retention.
    expect((await f.recording.footage.open({ cameraId: 'cam-a', ...aside[0]! }, aside[0]!.blob)).equals(first.plaintext)).toBe(true);

    clock.set('2026-03-17T12:00:00Z'); // cutoff 03-10 12:00: the first segment goes, the day's key stays (its last segment is young)
    let summary = await f.recording.retention.sweep();
    expect(summary.cameras['cam-a']!.deleted).toBe(1);
    expect(summary.keysDestroyed).toBe(0);
    expect((await f.recording.footage.open({ cameraId: 'cam-a', ...aside[0]! }, aside[0]!.blob)).equals(first.plaintext)).toBe(true);

    clock.set('2026-03-18T00:00:00Z'); // cutoff 03-11 00:00: the whole of 03-10 is past, nothing of it left
    summary = await f.recording.retention.sweep();
    expect(summary.cameras['cam-a']!.deleted).toBe(1);
    expect(summary.keysDestroyed).toBe(1);
    for (const copy of aside.slice(0, 2)) {
      await expect(f.recording.footage.open({ cameraId: 'cam-a', ...copy }, copy.blob)).rejects.toMatchObject({ code: 'day_key_destroyed' });
    }
    const row = await f.database.db.selectFrom('recording_day_keys').selectAll().where('day', '=', '2026-03-10').executeTakeFirstOrThrow();
    expect(row.wrapped_key).toBeNull();
    expect(row.destroyed_at).toBe('2026-03-18T00:00:00.000Z');
    // The next day is untouched, and no new key is ever made for a destroyed day.
    expect((await f.recording.footage.read({ cameraId: 'cam-a', ...nextDay })).equals(nextDay.plaintext)).toBe(true);
    await expect(f.recording.keys.forWriting('cam-a', '2026-03-10')).rejects.toBeInstanceOf(FootageKeyError);
  });

  it('a held segment keeps its day key alive; after release and the next sweep both are gone', async () => {
    await f.camera('cam-a', 7);
    const held = await f.addSegment('cam-a', '2026-03-10T08:00:00Z');
    const { id } = await f.recording.holds.create({ cameraIds: ['cam-a'], from: '2026-03-10T07:00:00Z', to: '2026-03-10T09:00:00Z', reason: 'Politie vraagt beelden' }, someone);
    let summary = await f.recording.retention.sweep();
    expect(summary).toMatchObject({ holdsHonoured: 1, keysDestroyed: 0 });
    expect((await f.recording.footage.read({ cameraId: 'cam-a', ...held })).equals(held.plaintext)).toBe(true);

    await f.recording.holds.release(id, 'Zaak afgehandeld', someone);
    summary = await f.recording.retention.sweep();
    expect(summary).toMatchObject({ holdsHonoured: 0, keysDestroyed: 1 });
    expect(summary.cameras['cam-a']!.deleted).toBe(1);
    expect(await f.database.db.selectFrom('recording_segments').selectAll().execute()).toEqual([]);
  });

  it('the deleting statement itself refuses held segments, whatever the caller passes (INV-2)', async () => {
    await f.camera('cam-a', 28);
    const s = await f.addSegment('cam-a', '2026-03-29T10:00:00Z');
    await f.recording.holds.create({ cameraIds: ['cam-a', 'cam-b'], from: '2026-03-29T10:00:05Z', to: '2026-03-29T10:00:06Z', reason: 'Incident' }, someone);
    const deleted = await f.database.db.transaction().execute(async (trx) => {
      await f.recording.segments.lockCamera(trx, 'cam-a');
      return f.recording.segments.deleteUnheld(trx, 'cam-a', [s.id], clock.now());
    });
    expect(deleted).toEqual([]);
    expect(await f.recording.store.exists(s.storageKey)).toBe(true);
  });

  it('motion mode: still footage farther than the margin from motion goes at the next sweep; holds still count', async () => {
    await f.camera('cam-m', 28, 'motion');
    const base = Date.parse('2026-03-30T10:00:00Z');
    const ids: number[] = [];
    const motion = [0, 0, 0, 0.4, 0, 0, 0, 0, 0, 0];
    for (let i = 0; i < motion.length; i++) ids.push((await f.addSegment('cam-m', new Date(base + i * 10_000), 10, { motion: motion[i] })).id);
    await f.recording.holds.create({ cameraIds: ['cam-m'], from: '2026-03-30T10:01:10Z', to: '2026-03-30T10:01:15Z', reason: 'Melding bewoner' }, someone);
    const summary = await f.recording.retention.sweep();
    // Margin 10 s (one segment): kept 2,3,4 (motion ± margin), 7 (held), 9 (undecided: the footage after it is not known yet).
    expect(summary.cameras['cam-m']!.motionPruned).toBe(5);
    const left = (await f.database.db.selectFrom('recording_segments').select('id').orderBy('id').execute()).map((r) => r.id);
    expect(left).toEqual([ids[2], ids[3], ids[4], ids[7], ids[9]]);
    // The next sweep does not decide the same segments twice.
    const again = await f.recording.retention.sweep();
    expect(again.cameras['cam-m']!.motionPruned).toBe(0);
  });

  it('sweeps skip held windows by index: held footage is not read again and again', async () => {
    await f.camera('cam-a', 1);
    const start = Date.parse('2026-03-20T00:00:00Z');
    for (let i = 0; i < 30; i++) await f.addSegment('cam-a', new Date(start + i * 10_000));
    await f.recording.holds.create({ cameraIds: ['cam-a'], from: '2026-03-20T00:00:00Z', to: '2026-03-20T00:05:00Z', reason: 'Incident' }, someone);
    const segments = f.recording.segments;
    const startingIn = segments.startingIn.bind(segments);
    let read = 0;
    segments.startingIn = async (...args) => {
      const page = await startingIn(...args);
      read += page.length;
      return page;
    };
    const summary = await f.recording.retention.sweep();
    expect(summary.cameras['cam-a']).toMatchObject({ deleted: 0, held: 30 });
    expect(read).toBe(0); // every segment lies inside the window: counted through the index, none read
    expect(Number((await f.database.db.selectFrom('recording_segments').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(30);
  });
});

describe.each(dialects)('disk pressure on %s', (dialect) => {
  it('below the floor the oldest unheld footage goes first; with only held footage left recording stops and an alert is raised', async () => {
    let free = 0;
    const f = await createRecordingFixture(dialect, { freeBytes: async () => free, config: { footageMinFreeMb: 1 } });
    try {
      await f.camera('cam-a', 28);
      await f.camera('cam-b', 28);
      const floor = 1024 * 1024;
      const segs = [];
      for (let i = 0; i < 6; i++) segs.push(await f.addSegment(i % 2 ? 'cam-b' : 'cam-a', new Date(Date.parse('2026-03-29T00:00:00Z') + i * 10_000), 10, { bytes: 300_000 }));
      await f.recording.holds.create({ cameraIds: ['cam-a'], from: '2026-03-29T00:00:00Z', to: '2026-03-29T00:00:05Z', reason: 'Incident' }, someone);
      // Each purged object frees its bytes.
      const store = f.recording.store;
      const del = store.delete.bind(store);
      store.delete = async (key) => {
        if (await store.exists(key)) free += (await store.get(key)).length;
        return del(key);
      };
      free = floor - 200_000;
      let summary = await f.recording.retention.sweep();
      expect(summary.pressure).toMatchObject({ deleted: 2, exhausted: false });
      expect(await store.exists(segs[0]!.storageKey)).toBe(true); // held, though oldest
      expect(await store.exists(segs[1]!.storageKey)).toBe(false);
      expect(await store.exists(segs[2]!.storageKey)).toBe(false);
      expect(await store.exists(segs[3]!.storageKey)).toBe(true);

      free = 0; // something else filled the disk
      await f.recording.holds.create({ cameraIds: ['cam-a', 'cam-b'], from: '2026-03-29T00:00:00Z', to: '2026-03-30T00:00:00Z', reason: 'Alles veiligstellen' }, someone);
      summary = await f.recording.retention.sweep();
      expect(summary.pressure).toMatchObject({ deleted: 0, exhausted: true });
      expect(await f.entries('recording.store_full')).toHaveLength(1);
      for (const s of [segs[0], segs[3], segs[4], segs[5]]) expect(await store.exists(s!.storageKey)).toBe(true);

      free = 10 * floor;
      await f.recording.retention.sweep();
      expect(await f.entries('recording.store_recovered')).toHaveLength(1);
    } finally {
      await f.close();
    }
  });
});

describe('holds by hand', () => {
  it('create and release are logged with reason and case; bad input names the field', async () => {
    const f = await createRecordingFixture('sqlite');
    try {
      const hold = await f.recording.holds.create({ cameraIds: ['cam-b', 'cam-a', 'cam-a'], from: '2026-03-29T10:00:00+02:00', to: '2026-03-29T11:00:00+02:00', reason: ' Vernieling ', caseRef: 'INC-7' }, someone);
      expect(hold).toMatchObject({ cameraIds: ['cam-a', 'cam-b'], from: '2026-03-29T08:00:00.000Z', to: '2026-03-29T09:00:00.000Z', reason: 'Vernieling', caseRef: 'INC-7', kind: 'manual', releasedAt: null });
      expect((await f.recording.holds.list({ cameraId: 'cam-b', active: true })).map((h) => h.id)).toEqual([hold.id]);
      const released = await f.recording.holds.release(hold.id, 'Afgehandeld', someone);
      expect(released).toMatchObject({ releasedBy: 'priya', releaseReason: 'Afgehandeld' });
      await expect(f.recording.holds.release(hold.id, 'nogmaals', someone)).rejects.toMatchObject({ code: 'hold_released' });
      expect(await f.recording.holds.list({ active: true })).toEqual([]);
      const [created] = await f.entries('hold.create');
      expect(created).toMatchObject({ reason: 'Vernieling', case_ref: 'INC-7', subject: { cameras: ['cam-a', 'cam-b'], holdId: hold.id } });
      expect(await f.entries('hold.release')).toHaveLength(1);
      for (const [input, code] of [
        [{ cameraIds: [], from: '2026-03-29T10:00:00Z', to: '2026-03-29T11:00:00Z', reason: 'x' }, 'hold_cameras_required'],
        [{ cameraIds: ['a'], from: '2026-03-29T11:00:00Z', to: '2026-03-29T10:00:00Z', reason: 'x' }, 'hold_window_empty'],
        [{ cameraIds: ['a'], from: 'gisteren', to: '2026-03-29T10:00:00Z', reason: 'x' }, 'hold_bad_instant'],
        [{ cameraIds: ['a'], from: '2026-03-29T10:00:00Z', to: '2026-03-29T11:00:00Z', reason: '  ' }, 'hold_reason_required'],
        [{ cameraIds: ['../etc'], from: '2026-03-29T10:00:00Z', to: '2026-03-29T11:00:00Z', reason: 'x' }, 'hold_camera_invalid'],
      ] as const) {
        await expect(f.recording.holds.create(input as never, someone)).rejects.toMatchObject({ code });
      }
    } finally {
      await f.close();
    }
  });

  it('the case workflows place holds through CaseHoldPort in their own transaction', async () => {
    const f = await createRecordingFixture('sqlite');
    try {
      const port = f.recording.caseHolds;
      const { id } = await f.database.db.transaction().execute((trx) =>
        port.create({ cameraIds: ['cam-a'], from: '2026-03-29T10:00:00Z', to: '2026-03-29T11:00:00Z', reason: 'Inbraak', caseRef: 'INC-9', kind: 'police', createdBy: someone, reviewAt: '2026-04-30T00:00:00Z' }, trx),
      );
      expect(await port.list('INC-9')).toMatchObject([{ id, kind: 'police', cameraIds: ['cam-a'], reviewAt: '2026-04-30T00:00:00.000Z' }]);
      expect(await port.covering('cam-a', '2026-03-29T10:30:00Z', '2026-03-29T10:31:00Z')).toHaveLength(1);
      expect(await port.covering('cam-b', '2026-03-29T10:30:00Z', '2026-03-29T10:31:00Z')).toHaveLength(0);
      expect(await port.dueForReview(new Date('2026-05-01T00:00:00Z'))).toHaveLength(1);
      await port.release(id, someone, 'Overleg politie vastgelegd');
      expect(await port.active()).toEqual([]);
    } finally {
      await f.close();
    }
  });
});
