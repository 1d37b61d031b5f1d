import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domijn, soest, wooncompas } from '../../src/protocol/profiles/index.js';
import { dialects } from '../support/databases.js';
import { as, createCasesFixture, entree, refusedWith, stalling, type CasesFixture } from './support.js';

/** Incidents and "veiligstellen": holds placed in one step, released only as the profile allows (both databases). */
const incident = {
  type: 'vandalism' as const, siteId: 'site-1', place: 'Fietsenstalling', occurredFrom: '2026-03-01T20:00:00Z', occurredTo: '2026-03-01T20:30:00Z',
  cameraIds: [entree, stalling], description: 'Fietsen vernield', reporter: 'Huismeester',
};

describe.each(dialects)('incidents and holds on %s', (dialect) => {
  let f: CasesFixture;
  beforeAll(async () => {
    f = await createCasesFixture(dialect);
  }, 60_000);
  afterAll(() => f.close());

  it('reports an incident and secures cameras × window with margins in one step; the logboek records the longer retention (DOM-10)', async () => {
    const cases = f.casesFor(domijn);
    const reported = await cases.incidents.report(incident, as('wijkbeheerder'), { preMarginMinutes: 10, postMarginMinutes: 15 });
    expect(reported.holds).toMatchObject([
      { kind: 'incident', cameraIds: [entree, stalling], from: '2026-03-01T19:50:00.000Z', to: '2026-03-01T20:45:00.000Z', releasedAt: null, reviewAt: '2026-03-30T09:00:00.000Z' },
    ]);
    expect(await f.logged(reported.ref)).toEqual(['incident.reported', 'hold.created', 'incident.longer_retention']);
    expect(await cases.holds.covering(entree, '2026-03-01T19:55:00Z', '2026-03-01T19:56:00Z')).toHaveLength(1);
    expect(await cases.holds.covering(entree, '2026-03-01T21:00:00Z', '2026-03-01T21:10:00Z')).toHaveLength(0);
  });

  it('only those who may secure footage do (DOM-8), and only known cameras', async () => {
    const cases = f.casesFor(domijn);
    const reported = await cases.incidents.report(incident, as('wijkbeheerder'));
    await refusedWith(cases.incidents.secure(reported.id, { preMarginMinutes: 0, postMarginMinutes: 0 }, as('privacy_officer')), { code: 'not_allowed', rule: 'DOM-8' });
    await refusedWith(cases.incidents.secure(reported.id, { cameraIds: ['no-such-camera'], preMarginMinutes: 0, postMarginMinutes: 0 }, as('wijkbeheerder')), { code: 'camera_not_found' });
  });

  it('Domijn: an incident with a police report is released only after the incident is handled and the police were consulted (DOM-9)', async () => {
    const cases = f.casesFor(domijn);
    const reported = await cases.incidents.report({ ...incident, policeReportRef: 'PL0900-2026-1234' }, as('wijkbeheerder'), { preMarginMinutes: 5, postMarginMinutes: 5 });
    const hold = reported.holds[0]!;
    expect(hold.kind).toBe('police');
    await refusedWith(cases.incidents.releaseHold(hold.id, 'Niet meer nodig', as('wijkbeheerder')), { code: 'hold_until_incident_handled', rule: 'DOM-8' });
    await cases.incidents.step(reported.id, { type: 'handled', notes: 'Dader aangesproken' }, as('wijkbeheerder'));
    await refusedWith(cases.incidents.releaseHold(hold.id, 'Niet meer nodig', as('wijkbeheerder')), { code: 'hold_until_police_consulted', rule: 'DOM-9' });
    await cases.incidents.step(reported.id, { type: 'police_consultation', notes: 'Rechercheur akkoord met vernietiging' }, as('wijkbeheerder'));
    const released = await cases.incidents.releaseHold(hold.id, 'Overleg met politie gehad', as('wijkbeheerder'));
    expect(released).toMatchObject({ releasedBy: 'wijkbeheerder', releaseReason: 'Overleg met politie gehad' });
    await refusedWith(cases.incidents.releaseHold(hold.id, 'nog eens', as('wijkbeheerder')), { code: 'hold_released' });
    expect(await f.logged(reported.ref)).toEqual([
      'incident.reported', 'hold.created', 'incident.longer_retention', 'incident.handled', 'incident.police_consultation', 'hold.released',
    ]);
  });

  it('Wooncompas: footage in proceedings is kept until an irrevocable judgment is recorded (WCP-11)', async () => {
    const cases = f.casesFor(wooncompas);
    const reported = await cases.incidents.report({ ...incident, proceedings: true }, as('wijkbeheerder'), { preMarginMinutes: 0, postMarginMinutes: 0 });
    const hold = reported.holds[0]!;
    expect(hold.kind).toBe('court');
    await cases.incidents.step(reported.id, { type: 'handled' }, as('wijkbeheerder'));
    await refusedWith(cases.incidents.releaseHold(hold.id, 'Klaar', as('wijkbeheerder')), { code: 'hold_until_irrevocable_judgment', rule: 'WCP-11' });
    await cases.incidents.step(reported.id, { type: 'judgment', ref: 'ECLI:NL:RBMNE:2026:123' }, as('wijkbeheerder'));
    expect((await cases.incidents.releaseHold(hold.id, 'Vonnis onherroepelijk', as('wijkbeheerder'))).releasedAt).not.toBeNull();
  });

  it('Soest: an aggression incident is also reported under the aggression protocol (SOE-2/3)', async () => {
    const cases = f.casesFor(soest);
    await refusedWith(cases.incidents.report({ ...incident, type: 'aggression' }, as('beheerder')), { code: 'aggression_report_required', rule: 'SOE-2/3' });
    const reported = await cases.incidents.report({ ...incident, type: 'aggression', aggressionReport: 'Melding AG-2026-7' }, as('beheerder'));
    expect(reported.aggressionReport).toBe('Melding AG-2026-7');
    expect((await cases.incidents.get(reported.id)).reportedUnder).toMatchObject({ rule: 'SOE-2/3', protocol: { nl: 'Omgangsprotocol Agressie en Geweld' } });
  });

  it('the incident types come from the profile: Domijn uses footage only for the incidents DOM-3 names', async () => {
    const cases = f.casesFor(domijn);
    await refusedWith(cases.incidents.report({ ...incident, type: 'aggression' }, as('wijkbeheerder')), { code: 'incident_type_not_in_protocol', rule: 'DOM-3', kind: 'forbidden' });
    const breach = await cases.incidents.report({ ...incident, type: 'house_rules_breach' }, as('wijkbeheerder'));
    expect(breach).toMatchObject({ type: 'house_rules_breach', reportedUnder: null });
  });

  it('holds due for review appear on the overview', async () => {
    const cases = f.casesFor(domijn);
    await cases.incidents.report(incident, as('wijkbeheerder'), { preMarginMinutes: 0, postMarginMinutes: 0, reviewAt: '2026-03-05T09:00:00Z' });
    const before = (await cases.overview.overview()).holdsToReview.length;
    f.clock.set('2026-03-06T09:00:00Z');
    try {
      const overview = await cases.overview.overview();
      expect(overview.holdsToReview.length).toBeGreaterThan(before);
      expect(overview.activeHolds).toBeGreaterThan(0);
      expect(overview.openIncidents).toBeGreaterThan(0);
      expect(overview.perMonth.map((m) => m.month)).toEqual(['2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03']);
    } finally {
      f.clock.set('2026-03-02T09:00:00Z');
    }
  });
});
