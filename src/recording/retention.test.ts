import { describe, expect, it } from 'vitest';
import { dayKeyDestroyable, heldBy, motionPrune, pressurePlan, retentionCutoff, sweepDecision, unheldStartRanges } from './retention.js';

const t = (s: string) => new Date(`2026-03-${s}Z`);
const seg = (start: string, end: string) => ({ start: t(start), end: t(end) });
const hold = (from: string, to: string, released = false) => ({ from: t(from), to: t(to), releasedAt: released ? t('31T00:00:00') : null });

describe('retention cutoff', () => {
  it.each([
    [28, '2026-03-30T12:00:00.000Z', '2026-03-02T12:00:00.000Z'],
    [7, '2026-03-30T12:00:00.000Z', '2026-03-23T12:00:00.000Z'],
    // Days are 24 h of UTC: the DST change on 29 March does not move the cutoff by an hour.
    [1, '2026-03-30T01:30:00.000Z', '2026-03-29T01:30:00.000Z'],
  ])('%i days before %s is %s', (days, now, cutoff) => {
    expect(retentionCutoff(new Date(now), days).toISOString()).toBe(cutoff);
  });
  it('refuses a non-positive limit', () => {
    expect(() => retentionCutoff(new Date(), 0)).toThrow();
  });
});

describe('sweepDecision: expired? held?', () => {
  const cutoff = t('10T12:00:00');
  it.each([
    { name: 'younger than the limit', s: seg('10T12:00:00', '10T12:00:10'), holds: [], d: 'keep' },
    { name: 'straddles the cutoff: holds older footage, deleted', s: seg('10T11:59:55', '10T12:00:05'), holds: [], d: 'delete' },
    { name: 'older, no hold', s: seg('09T08:00:00', '09T08:00:10'), holds: [], d: 'delete' },
    { name: 'older, inside an active hold', s: seg('09T08:00:00', '09T08:00:10'), holds: [hold('09T07:00:00', '09T09:00:00')], d: 'held' },
    { name: 'older, hold covers only its last second', s: seg('09T08:00:00', '09T08:00:10'), holds: [hold('09T08:00:09', '09T09:00:00')], d: 'held' },
    { name: 'older, hold ends exactly at its start', s: seg('09T08:00:00', '09T08:00:10'), holds: [hold('09T07:00:00', '09T08:00:00')], d: 'delete' },
    { name: 'older, hold released', s: seg('09T08:00:00', '09T08:00:10'), holds: [hold('09T07:00:00', '09T09:00:00', true)], d: 'delete' },
  ])('$name → $d', ({ s, holds, d }) => {
    expect(sweepDecision(s, cutoff, holds)).toBe(d);
  });
  it('heldBy names the hold', () => {
    const h = hold('09T07:00:00', '09T09:00:00');
    expect(heldBy(seg('09T08:00:00', '09T08:00:10'), [hold('01T00:00:00', '01T01:00:00'), h])).toBe(h);
  });
});

describe('unheldStartRanges: the sweep skips held windows by index', () => {
  const cutoff = t('20T00:00:00');
  const iso = (r: { from: Date | null; to: Date }) => [r.from?.toISOString() ?? null, r.to.toISOString()];
  it.each([
    { name: 'no holds: everything before the cutoff', holds: [], ranges: [[null, '2026-03-20T00:00:00.000Z']] },
    {
      name: 'one hold splits the range',
      holds: [hold('05T00:00:00', '06T00:00:00')],
      ranges: [[null, '2026-03-05T00:00:00.000Z'], ['2026-03-06T00:00:00.000Z', '2026-03-20T00:00:00.000Z']],
    },
    {
      name: 'overlapping and nested holds merge; released ones do not count',
      holds: [hold('05T00:00:00', '07T00:00:00'), hold('06T00:00:00', '08T00:00:00'), hold('06T10:00:00', '06T11:00:00'), hold('10T00:00:00', '12T00:00:00', true)],
      ranges: [[null, '2026-03-05T00:00:00.000Z'], ['2026-03-08T00:00:00.000Z', '2026-03-20T00:00:00.000Z']],
    },
    { name: 'a hold past the cutoff', holds: [hold('19T00:00:00', '25T00:00:00')], ranges: [[null, '2026-03-19T00:00:00.000Z']] },
    { name: 'a hold entirely after the cutoff is irrelevant', holds: [hold('21T00:00:00', '25T00:00:00')], ranges: [[null, '2026-03-20T00:00:00.000Z']] },
  ])('$name', ({ holds, ranges }) => {
    expect(unheldStartRanges(cutoff, holds).map(iso)).toEqual(ranges);
  });
});

describe('INV-9: when a day key may be destroyed', () => {
  it.each([
    ['2026-03-01', '2026-03-02T00:00:00.000Z', 0, true],
    ['2026-03-01', '2026-03-01T23:59:59.999Z', 0, false],
    ['2026-03-01', '2026-03-05T00:00:00.000Z', 1, false],
  ])('day %s, cutoff %s, %i segments left → %s', (day, cutoff, left, destroyable) => {
    expect(dayKeyDestroyable(day, new Date(cutoff), left)).toBe(destroyable);
  });
});

describe('motionPrune: the motion mode keeps motion plus a margin', () => {
  const s = (id: number, startSec: number, motion: number | null) => ({
    id, motion, start: new Date(Date.UTC(2026, 2, 2, 10, 0, startSec)), end: new Date(Date.UTC(2026, 2, 2, 10, 0, startSec + 10)),
  });
  const segments = [s(1, 0, 0), s(2, 10, 0), s(3, 20, 0), s(4, 30, 0.3), s(5, 40, 0), s(6, 50, 0), s(7, 60, null), s(8, 70, 0), s(9, 80, 0), s(10, 90, 0)];
  it('drops still segments farther than the margin from motion; keeps the margin and unmeasured ones', () => {
    const { drop, decidedUntil } = motionPrune(segments, { threshold: 0.02, marginMs: 10_000, knownUntil: segments[9]!.end });
    expect(drop).toEqual([1, 2, 9]);
    expect(decidedUntil?.toISOString()).toBe('2026-03-02T10:01:30.000Z');
  });
  it('leaves segments undecided until the footage after them is known', () => {
    const { drop, decidedUntil } = motionPrune(segments.slice(0, 3), { threshold: 0.02, marginMs: 10_000, knownUntil: segments[2]!.end });
    expect(drop).toEqual([1, 2]);
    expect(decidedUntil?.toISOString()).toBe('2026-03-02T10:00:20.000Z');
  });
});

describe('pressurePlan: oldest unheld first, never held', () => {
  const c = (id: number, mb: number, held = false) => ({ id, storedBytes: mb * 1_000_000, held });
  it.each([
    { name: 'above the floor: nothing', free: 600, list: [c(1, 10)], del: [], exhausted: false },
    { name: 'below: oldest until floor + 10 %', free: 470, list: [c(1, 40), c(2, 40), c(3, 40), c(4, 40)], del: [1, 2], exhausted: false },
    { name: 'held footage is skipped', free: 470, list: [c(1, 40, true), c(2, 40), c(3, 40, true), c(4, 40)], del: [2, 4], exhausted: false },
    { name: 'only held left: exhausted', free: 450, list: [c(1, 40, true), c(2, 40, true)], del: [], exhausted: true },
    { name: 'not enough unheld: all of it, exhausted', free: 300, list: [c(1, 40), c(2, 40, true)], del: [1], exhausted: true },
  ])('$name', ({ free, list, del, exhausted }) => {
    const plan = pressurePlan(free * 1_000_000, 500_000_000, list);
    expect(plan.delete).toEqual(del);
    expect(plan.exhausted).toBe(exhausted);
  });
});
