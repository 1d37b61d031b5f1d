import { describe, expect, it } from 'vitest';
import { domijn } from '../profiles/index.js';
import {
  activationTime, firstActivated, latestActivated, nextProfileVersion, overtaken, startOfAmsterdamDay, stateOf, versionInForce,
  type ProfileVersion, type VersionStatus,
} from './profile-version.js';

function version(n: number, status: VersionStatus, effectiveAt: string | null): ProfileVersion {
  return {
    id: `v${n}`, profileId: 'domijn', version: n, status, effectiveFrom: effectiveAt?.slice(0, 10) ?? null, effectiveAt, profile: domijn,
    basedOn: null, createdBy: 'test', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
    activatedBy: null, activatedAt: null, retiredAt: null,
  };
}

// v1 in force from 1 Jan; v2 from 1 Mar; v3 was scheduled for 1 Jun and overtaken (retired); v4 a draft; v5 scheduled for 1 Jul.
const history = [
  version(1, 'active', '2025-12-31T23:00:00.000Z'),
  version(2, 'active', '2026-02-28T23:00:00.000Z'),
  version(3, 'retired', '2026-05-31T22:00:00.000Z'),
  version(4, 'draft', null),
  version(5, 'active', '2026-06-30T22:00:00.000Z'),
];

describe('the version in force at an instant', () => {
  it.each([
    ['2025-06-01T12:00:00Z', null],
    ['2025-12-31T22:59:59.999Z', null],
    ['2025-12-31T23:00:00.000Z', 'v1'],
    ['2026-02-15T10:00:00Z', 'v1'],
    ['2026-02-28T23:00:00.000Z', 'v2'],
    ['2026-06-15T10:00:00Z', 'v2'], // v3 was retired: never in force
    ['2026-07-01T00:00:00Z', 'v5'],
  ])('at %s: %s', (instant, expected) => {
    expect(versionInForce(history, new Date(instant))?.id ?? null).toBe(expected);
  });

  it('on equal effective instants the later version wins', () => {
    const same = [version(1, 'active', '2026-01-05T09:00:00.000Z'), version(2, 'active', '2026-01-05T09:00:00.000Z')];
    expect(versionInForce(same, new Date('2026-01-05T10:00:00Z'))?.id).toBe('v2');
  });

  it('names the first and the last activated versions', () => {
    expect(firstActivated(history)?.id).toBe('v1');
    expect(latestActivated(history)?.id).toBe('v5');
    expect(firstActivated([version(1, 'draft', null)])).toBeNull();
  });
});

describe('the state a person sees', () => {
  const now = new Date('2026-04-01T12:00:00Z');
  it.each([
    ['v1', 'superseded'],
    ['v2', 'in_force'],
    ['v3', 'retired'],
    ['v4', 'draft'],
    ['v5', 'scheduled'],
  ])('%s is %s', (id, state) => {
    expect(stateOf(history.find((v) => v.id === id)!, history, now)).toBe(state);
  });

  it('a new activation from 1 July overtakes the version scheduled for that day, not the ones before', () => {
    expect(overtaken(history, '2026-06-30T22:00:00.000Z', 'v6').map((v) => v.id)).toEqual(['v5']);
    expect(overtaken(history, '2026-06-30T22:00:00.000Z', 'v5')).toEqual([]);
  });
});

describe('activation dates (Europe/Amsterdam)', () => {
  it.each([
    ['2026-01-15', '2026-01-14T23:00:00.000Z'], // winter time, UTC+1
    ['2026-07-15', '2026-07-14T22:00:00.000Z'], // summer time, UTC+2
    ['2026-03-29', '2026-03-28T23:00:00.000Z'], // the day clocks go forward starts in winter time
    ['2026-10-25', '2026-10-24T22:00:00.000Z'], // the day clocks go back starts in summer time
  ])('%s starts at %s', (date, instant) => {
    expect(startOfAmsterdamDay(date).toISOString()).toBe(instant);
  });

  const now = new Date('2026-03-10T23:30:00Z'); // already 11 March in Amsterdam
  it.each([
    ['2026-03-11', { ok: true, effectiveAt: now }],
    ['2026-03-12', { ok: true, effectiveAt: new Date('2026-03-11T23:00:00.000Z') }],
    ['2026-03-10', { ok: false, today: '2026-03-11' }],
  ])('activating from %s', (date, expected) => {
    expect(activationTime(date, now)).toEqual(expected);
  });
});

describe('profile version numbers', () => {
  it.each([
    ['1.0.0', '1.1.0'],
    ['1.4.2', '1.5.0'],
    ['2.9.0', '2.10.0'],
  ])('%s → %s', (current, next) => {
    expect(nextProfileVersion(current)).toBe(next);
  });
});
