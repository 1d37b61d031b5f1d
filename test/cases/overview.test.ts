import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domijn } from '../../src/protocol/profiles/index.js';
import type { Cases } from '../../src/cases/cases.module.js';
import { dialects } from '../support/databases.js';
import { as, createCasesFixture, entree, type CasesFixture } from './support.js';

/**
 * Issue 7 item 6, the dashboard's case data with an injected clock (Monday 2 March 2026): open
 * requests by deadline (overdue; due within two working days), open incidents, holds and their
 * reviews, requests per month and the share decided on time. Both databases.
 */
describe.each(dialects)('the cases overview on %s', (dialect) => {
  let f: CasesFixture;
  let cases: Cases;
  beforeAll(async () => {
    f = await createCasesFixture(dialect);
    cases = f.casesFor(domijn);
  }, 60_000);
  afterAll(() => f.close());

  const access = (receivedAt: string) =>
    cases.requests.file({ kind: 'access', channel: 'letter', receivedAt, requester: { category: 'data_subject', name: 'A. Bewoner' }, details: {} }, as('wijkbeheerder'));
  const refuse = (id: string) => cases.requests.step(id, { type: 'decide', decision: 'refuse', ground: 'unspecified_request', reasons: 'Geen tijdstip genoemd.' }, as('wijkbeheerder'));

  it('lists overdue and nearly due requests, counts per month and the share decided on time, open incidents and holds to review', async () => {
    const late = await access('2026-01-05T10:00:00Z'); // one month (AVG-12.3): due early February, decided in March
    const timely = await access('2026-02-20T10:00:00Z'); // due 20 March, decided now
    const overdue = await access('2026-01-26T10:00:00Z'); // due 26 February, still open
    const dueSoon = await access('2026-02-03T10:00:00Z'); // due 3 March: within two working days
    const onTrack = await access('2026-02-25T10:00:00Z');
    await refuse(late.id);
    await refuse(timely.id);
    const incident = await cases.incidents.report(
      { type: 'vandalism', place: 'Hal', occurredFrom: '2026-02-28T20:00:00Z', occurredTo: '2026-02-28T20:10:00Z', cameraIds: [entree], description: 'Ruit', reporter: 'Huismeester' },
      as('wijkbeheerder'),
      { preMarginMinutes: 0, postMarginMinutes: 0, reviewAt: '2026-03-01T09:00:00Z' },
    );
    const handled = await cases.incidents.report(
      { type: 'nuisance', place: 'Trap', occurredFrom: '2026-02-27T20:00:00Z', occurredTo: '2026-02-27T20:10:00Z', cameraIds: [], description: 'Lawaai', reporter: 'Bewoner' },
      as('wijkbeheerder'),
    );
    await cases.incidents.step(handled.id, { type: 'handled' }, as('wijkbeheerder'));

    const overview = await cases.overview.overview(3);
    expect(overview.overdue.map((l) => l.ref)).toEqual([overdue.ref]);
    expect(overview.overdue[0]).toMatchObject({ deadlineStatus: 'overdue', rule: 'AVG-12.3' });
    expect(overview.dueSoon.map((l) => l.ref)).toEqual([dueSoon.ref]);
    expect(overview.openRequests).toBe(5); // decided requests stay open until closed
    expect([late, timely, overdue, dueSoon, onTrack].every((r) => r.deadline.rule === 'AVG-12.3')).toBe(true);
    expect(overview.openIncidents).toBe(1);
    expect(overview.activeHolds).toBe(1);
    expect(overview.holdsToReview.map((h) => h.caseRef)).toEqual([incident.ref]);
    expect(overview.perMonth).toEqual([
      { month: '2026-01', received: 2, decided: 0, decidedOnTime: 0 },
      { month: '2026-02', received: 3, decided: 0, decidedOnTime: 0 },
      { month: '2026-03', received: 0, decided: 2, decidedOnTime: 1 },
    ]);
    expect(overview.onTimeShare).toBe(0.5);

    // A day later the nearly due one is overdue too.
    f.clock.set('2026-03-04T09:00:00Z');
    try {
      expect((await cases.overview.overview(3)).overdue.map((l) => l.ref).sort()).toEqual([overdue.ref, dueSoon.ref].sort());
    } finally {
      f.clock.set('2026-03-02T09:00:00Z');
    }
  });
});
