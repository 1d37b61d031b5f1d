import { describe, expect, it } from 'vitest';
import { computeDeadline } from './deadline.js';
import { getProfile, type ShippedProfileId } from './profiles/index.js';
import type { RequestKind } from './vocabulary.js';

function deadline(profile: ShippedProfileId, kind: RequestKind, received: string) {
  const found = getProfile(profile);
  if (!found) throw new Error(`no profile ${profile}`);
  return computeDeadline(found, kind, new Date(received));
}

type Case = [ShippedProfileId, RequestKind, string | null | false, string];

/** Every kind of every profile, received on Monday 5 January 2026 at 11:00 in Amsterdam. */
const everyKind: Case[] = [
  ['domijn', 'access', '2026-02-05', 'AVG-12.3'],
  ['domijn', 'erasure', '2026-02-05', 'AVG-12.3'],
  ['domijn', 'restriction', '2026-02-05', 'AVG-12.3'],
  ['domijn', 'objection', '2026-02-05', 'AVG-12.3'],
  ['domijn', 'retention-extension', '2026-01-19', 'DOM-8'],
  ['domijn', 'police', null, 'DOM-5'],
  ['domijn', 'third-party', false, 'DOM-5'],
  ['welwonen', 'access', '2026-02-05', 'AVG-12.3'],
  ['welwonen', 'erasure', '2026-02-02', 'WEL-15'],
  ['welwonen', 'restriction', '2026-02-05', 'AVG-12.3'],
  ['welwonen', 'objection', '2026-02-05', 'AVG-12.3'],
  ['welwonen', 'retention-extension', null, 'WEL-5'],
  ['welwonen', 'police', null, 'WEL-13'],
  ['welwonen', 'third-party', null, 'WEL-13'],
  ['mozaiek', 'access', '2026-01-12', 'MOZ-4.4'],
  ['mozaiek', 'erasure', '2026-01-12', 'MOZ-4.7'],
  ['mozaiek', 'restriction', '2026-01-12', 'MOZ-4.7'],
  ['mozaiek', 'objection', '2026-01-12', 'MOZ-4.7'],
  ['mozaiek', 'retention-extension', '2026-01-05', 'MOZ-2.4'],
  ['mozaiek', 'police', null, 'MOZ-5'],
  ['mozaiek', 'third-party', null, 'MOZ-5'],
  ['soest', 'access', '2026-01-07', 'SOE-10'],
  ['soest', 'erasure', '2026-02-05', 'AVG-12.3'],
  ['soest', 'restriction', '2026-02-05', 'AVG-12.3'],
  ['soest', 'objection', '2026-02-05', 'AVG-12.3'],
  ['soest', 'retention-extension', null, 'SOE-7.1'],
  ['soest', 'police', null, 'SOE-9'],
  ['soest', 'third-party', '2026-01-07', 'SOE-10'],
  ['wooncompas', 'access', '2026-02-05', 'AVG-12.3'],
  ['wooncompas', 'erasure', '2026-02-05', 'AVG-12.3'],
  ['wooncompas', 'restriction', '2026-02-05', 'AVG-12.3'],
  ['wooncompas', 'objection', '2026-02-05', 'AVG-12.3'],
  ['wooncompas', 'retention-extension', '2026-01-05', 'WCP-4'],
  ['wooncompas', 'police', null, 'WCP-4'],
  ['wooncompas', 'third-party', null, 'WCP-9'],
];

describe('INV-7: every request kind of every profile', () => {
  it.each(everyKind)('%s %s → %s (%s)', (profile, kind, due, rule) => {
    const result = deadline(profile, kind, '2026-01-05T10:00:00Z');
    if (due === false) {
      expect(result).toEqual({ allowed: false, rule });
      return;
    }
    expect(result).toMatchObject({ allowed: true, due, rule, received: '2026-01-05' });
  });
});

/** Special cases: every holiday, month ends, weekends, and receipt just before midnight UTC. */
const special: [string, ShippedProfileId, RequestKind, string, string][] = [
  ['MOZ-4.4: five working days over Easter; Good Friday counts', 'mozaiek', 'access', '2026-04-02T08:00:00Z', '2026-04-10'],
  ['MOZ-4.7: working days skip 5 May', 'mozaiek', 'restriction', '2026-04-30T08:00:00Z', '2026-05-08'],
  ['MOZ-4.7: working days skip King\u2019s Day', 'mozaiek', 'erasure', '2026-04-24T08:00:00Z', '2026-05-04'],
  ['MOZ-4.7: working days skip Ascension Day', 'mozaiek', 'objection', '2026-05-13T08:00:00Z', '2026-05-21'],
  ['SOE-10: two working days skip Whit Monday', 'soest', 'access', '2026-05-22T08:00:00Z', '2026-05-27'],
  ['SOE-10: two working days skip Christmas and Boxing Day', 'soest', 'third-party', '2025-12-24T08:00:00Z', '2025-12-30'],
  ['SOE-10: two working days skip New Year\u2019s Day', 'soest', 'access', '2025-12-31T08:00:00Z', '2026-01-05'],
  ['MOZ-4.4: receipt on a Saturday counts from Monday', 'mozaiek', 'access', '2026-01-10T12:00:00Z', '2026-01-16'],
  ['SOE-10: receipt on a Sunday counts from Monday', 'soest', 'third-party', '2026-01-11T12:00:00Z', '2026-01-13'],
  ['DOM-8: two weeks from a Saturday end on a Saturday, so Monday', 'domijn', 'retention-extension', '2026-01-10T12:00:00Z', '2026-01-26'],
  ['DOM-8: two weeks ending on Easter Monday move to Tuesday', 'domijn', 'retention-extension', '2026-03-23T12:00:00Z', '2026-04-07'],
  ['WEL-15: four weeks ending on Ascension Day move to Friday', 'welwonen', 'erasure', '2026-04-16T12:00:00Z', '2026-05-15'],
  ['AVG-12.3: 31 January + 1 month is 28 February, a Saturday, so 2 March', 'wooncompas', 'access', '2026-01-31T09:00:00Z', '2026-03-02'],
  ['AVG-12.3: 31 January + 1 month in a leap year is 29 February', 'wooncompas', 'access', '2024-01-31T09:00:00Z', '2024-02-29'],
  ['AVG-12.3: a month ending on King\u2019s Day moves to the next day', 'domijn', 'access', '2026-03-27T09:00:00Z', '2026-04-28'],
  ['AVG-12.3: a month ending on Christmas Day moves past the weekend', 'welwonen', 'access', '2026-11-25T09:00:00Z', '2026-12-28'],
  ['AVG-12.3: a month ending on New Year\u2019s Day moves to 2 January', 'soest', 'erasure', '2025-12-01T09:00:00Z', '2026-01-02'],
  ['AVG-12.3: 23:30 UTC on 30 January is 31 January in Amsterdam', 'wooncompas', 'access', '2026-01-30T23:30:00Z', '2026-03-02'],
  ['AVG-12.3: 22:30 UTC on 30 June is 1 July in Amsterdam (summer time)', 'domijn', 'access', '2026-06-30T22:30:00Z', '2026-08-03'],
  ['AVG-12.3: 21:59 UTC on 30 June is still 30 June in Amsterdam', 'domijn', 'access', '2026-06-30T21:59:59Z', '2026-07-30'],
  ['MOZ-4.4: 23:30 UTC on Friday is Saturday in Amsterdam', 'mozaiek', 'access', '2026-01-09T23:30:00Z', '2026-01-16'],
  ['MOZ-2.4: securing is immediate, even on a Saturday', 'mozaiek', 'retention-extension', '2026-01-10T12:00:00Z', '2026-01-10'],
];

describe('X-4: holidays, month ends, weekends and midnight', () => {
  it.each(special)('%s', (_name, profile, kind, received, due) => {
    expect(deadline(profile, kind, received)).toMatchObject({ allowed: true, due });
  });
});

describe('calculation steps', () => {
  it('explain the working days skipped', () => {
    const result = deadline('mozaiek', 'access', '2026-04-02T08:00:00Z');
    expect(result.allowed && result.steps).toEqual([
      'received 2026-04-02T08:00:00.000Z: 2026-04-02 (Thursday) in Europe/Amsterdam',
      'the day of receipt does not count (Regulation 1182/71 art. 3(1))',
      '5 working days (MOZ-4.4), skipping weekends and public holidays of the Algemene termijnenwet',
      'skipped: 2026-04-04 (Saturday), 2026-04-05 (Sunday), 2026-04-06 (Easter Monday)',
      'due 2026-04-10 (Friday)',
    ]);
  });

  it('explain a clamped month and the move to the next working day', () => {
    const result = deadline('wooncompas', 'access', '2026-01-30T23:30:00Z');
    expect(result.allowed && result.steps).toEqual([
      'received 2026-01-30T23:30:00.000Z: 2026-01-31 (Saturday) in Europe/Amsterdam',
      'the day of receipt does not count (Regulation 1182/71 art. 3(1))',
      '1 month (AVG-12.3: the AVG default): the same-numbered day does not exist, so the last day of the month, 2026-02-28 (art. 3(2)(c))',
      '2026-02-28 is not a working day (Saturday): the period ends on the next working day, 2026-03-02 (art. 3(4))',
    ]);
  });

  it('DOM-5: a police request has no protocol deadline; the vordering sets its own date', () => {
    const result = deadline('domijn', 'police', '2026-01-05T10:00:00Z');
    expect(result).toMatchObject({ allowed: true, due: null, rule: 'DOM-5' });
    expect(result.allowed && result.steps.at(-1)).toContain('vordering');
  });
});
