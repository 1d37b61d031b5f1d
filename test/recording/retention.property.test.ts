import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock.js';
import { FootageKeyError } from '../../src/recording/footage-crypto.js';
import { heldBy, retentionCutoff } from '../../src/recording/retention.js';
import { dayEnd, utcDay } from '../../src/recording/segment.js';
import { dialects } from '../support/databases.js';
import { createRecordingFixture, someone, type RecordingFixture } from './support.js';

const base = Date.parse('2026-01-01T00:00:00Z');
const minute = 60_000;
const limits = [1, 2, 7] as const;

// Without bias: fast-check's default bias toward small numbers would put nearly every clock before any expiry.
const scenario = fc.noBias(fc.record({
  cameras: fc.array(fc.constantFrom(...limits), { minLength: 1, maxLength: 3 }),
  segments: fc.array(fc.record({ camera: fc.nat(2), slot: fc.nat(10 * 144), offsetSec: fc.nat(589), seconds: fc.integer({ min: 1, max: 10 }) }), { maxLength: 50 }),
  holds: fc.array(
    fc.record({ cameras: fc.subarray([0, 1, 2], { minLength: 1 }), fromMinute: fc.nat(10 * 1440), minutes: fc.integer({ min: 1, max: 2 * 1440 }), released: fc.boolean() }),
    { maxLength: 4 },
  ),
  nowMinute: fc.integer({ min: 0, max: 14 * 1440 }),
  // A second sweep later, after some holds were released (the sweep's cursor must go back for them).
  laterMinutes: fc.integer({ min: 0, max: 3 * 1440 }),
  release: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
}));

describe.each(dialects)('property: after every sweep INV-1, INV-2 and INV-9 hold (%s)', (dialect) => {
  let f: RecordingFixture;
  let clock: ManualClock;
  let run = 0;
  beforeAll(async () => {
    clock = new ManualClock(new Date(base));
    f = await createRecordingFixture(dialect, { clock });
  });
  afterAll(() => f.close());

  it('random footage, holds, releases and clock; two sweeps', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        run++;
        clock.set(new Date(base));
        const cams = s.cameras.map((limit, i) => ({ id: `r${run}-c${i}`, limit }));
        for (const cam of cams) await f.camera(cam.id, cam.limit);
        const seen = new Set<string>();
        const segments: { id: number; plaintext: Buffer; storageKey: string; day: string; cameraId: string; limit: number; start: Date; end: Date }[] = [];
        for (const seg of s.segments) {
          const cam = cams[seg.camera % cams.length]!;
          if (seen.has(`${cam.id}/${seg.slot}`)) continue; // a camera's segments never overlap
          seen.add(`${cam.id}/${seg.slot}`);
          const start = new Date(base + seg.slot * 10 * minute + seg.offsetSec * 1000);
          const added = await f.addSegment(cam.id, start, seg.seconds, { bytes: 64 });
          segments.push({ ...added, cameraId: cam.id, limit: cam.limit, start, end: new Date(start.getTime() + seg.seconds * 1000) });
        }
        const holds: { id: string; cameraIds: string[]; from: Date; to: Date; releasedAt: Date | null }[] = [];
        for (const h of s.holds) {
          const cameraIds = [...new Set(h.cameras.map((i) => cams[i % cams.length]!.id))];
          const from = new Date(base + h.fromMinute * minute);
          const to = new Date(from.getTime() + h.minutes * minute);
          const hold = await f.recording.holds.create({ cameraIds, from: from.toISOString(), to: to.toISOString(), reason: 'property' }, someone);
          if (h.released) await f.recording.holds.release(hold.id, 'done', someone);
          holds.push({ id: hold.id, cameraIds, from, to, releasedAt: h.released ? new Date(base) : null });
        }
        const copies = new Map(await Promise.all(segments.map(async (seg) => [seg.id, await f.recording.store.get(seg.storageKey)] as const)));

        const check = async () => {
          await f.recording.retention.sweep();
          const left = new Set((await f.database.db.selectFrom('recording_segments').select('id').where('camera_id', 'like', `r${run}-%`).execute()).map((r) => Number(r.id)));
          for (const seg of segments) {
            const cutoff = retentionCutoff(clock.now(), seg.limit);
            const held = heldBy(seg, holds.filter((h) => h.cameraIds.includes(seg.cameraId)));
            const expired = seg.start.getTime() < cutoff.getTime();
            // INV-2: held footage is never gone, and still opens.
            if (held) {
              expect(left.has(seg.id)).toBe(true);
              expect((await f.recording.footage.read({ ...seg })).equals(seg.plaintext)).toBe(true);
            }
            // INV-1: no unheld footage older than the limit survives.
            if (expired && !held) expect(left.has(seg.id)).toBe(false);
            if (!expired && !left.has(seg.id)) expect.fail('footage within its limit was deleted');
          }
          // INV-9: every day wholly past retention with nothing left has lost its key; its ciphertext no longer opens.
          for (const seg of segments.filter((x) => !left.has(x.id))) {
            const dayGone = dayEnd(seg.day).getTime() <= retentionCutoff(clock.now(), seg.limit).getTime();
            const dayLeft = segments.some((x) => x.cameraId === seg.cameraId && x.day === seg.day && left.has(x.id));
            if (dayGone && !dayLeft) await expect(f.recording.footage.open({ ...seg }, copies.get(seg.id)!)).rejects.toBeInstanceOf(FootageKeyError);
          }
          // And no key dies while its day still has footage.
          for (const seg of segments.filter((x) => left.has(x.id))) expect(await f.recording.keys.isLive(seg.cameraId, utcDay(seg.start))).toBe(true);
        };

        clock.set(new Date(base + s.nowMinute * minute));
        await check();
        for (const [i, hold] of holds.entries()) {
          if (hold.releasedAt || !s.release[i]) continue;
          await f.recording.holds.release(hold.id, 'done', someone);
          hold.releasedAt = clock.now();
        }
        clock.set(new Date(base + (s.nowMinute + s.laterMinutes) * minute));
        await check();
      }),
      { numRuns: dialect === 'sqlite' ? 60 : 15, seed: Number(process.env.FC_SEED ?? Date.now() % 2 ** 31), endOnFailure: true },
    );
  }, 120_000);
});
