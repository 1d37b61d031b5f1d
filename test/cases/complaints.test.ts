import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domijn, mozaiek, soest, wooncompas } from '../../src/protocol/profiles/index.js';
import { dialects } from '../support/databases.js';
import { as, createCasesFixture, entree, onePixelPng, refusedWith, type CasesFixture } from './support.js';

describe.each(dialects)('complaints and the viewing log on %s', (dialect) => {
  let f: CasesFixture;
  beforeAll(async () => {
    f = await createCasesFixture(dialect);
  }, 60_000);
  afterAll(() => f.close());

  it('a complaint is registered, handled and closed with the route to the Autoriteit Persoonsgegevens (MOZ-8, WCP-13)', async () => {
    const cases = f.casesFor(mozaiek);
    const complaint = await cases.complaints.register(
      { channel: 'letter', complainant: { name: 'C. Klager', contact: 'c@example.test' }, topic: 'access_request', description: 'Mijn inzageverzoek duurde te lang.' },
      as('wijkbeheerder'),
    );
    expect(complaint).toMatchObject({ state: 'received', rule: 'MOZ-8', possibleSteps: ['start', 'resolve', 'refer'] });
    await cases.complaints.step(complaint.id, { type: 'start' }, as('wijkbeheerder'));
    const referred = await cases.complaints.step(complaint.id, { type: 'refer', outcome: 'Geen oplossing in overleg.' }, as('wijkbeheerder'));
    expect(referred).toMatchObject({ state: 'referred', outcome: 'Geen oplossing in overleg.' });
    expect(referred.authorityInformedAt).not.toBeNull();
    expect(referred.authorityRoute.nl).toContain('Autoriteit Persoonsgegevens');
    await refusedWith(cases.complaints.step(complaint.id, { type: 'resolve' }, as('wijkbeheerder')), { code: 'complaint_step_not_possible' });
    expect(await f.logged(referred.ref)).toEqual(['complaint.received', 'complaint.handling_started', 'complaint.referred']);
    expect((await f.casesFor(wooncompas).complaints.get(complaint.id)).rule).toBe('WCP-13');
    expect((await f.casesFor(domijn).complaints.get(complaint.id)).rule).toBe('AVG-77');
  });

  it('Soest\u2019s "Logboek Inzien Beeldmateriaal" lists requests, decisions (refusals too) and signed declarations, and reading it is logged (SOE-10.6)', async () => {
    const cases = f.casesFor(soest);
    const window = { location: 'Publiekshal', from: '2026-03-01T10:00:00Z', to: '2026-03-01T10:10:00Z', cameraIds: [entree] };
    const granted = await cases.requests.file({ kind: 'access', channel: 'letter', requester: { category: 'data_subject', name: 'D. Bezoeker' }, details: { window, motivation: 'Mijn tas is gestolen' } }, as('privacy_officer'));
    for (const fact of ['own_images_checked', 'balancing_recorded'] as const) await cases.requests.step(granted.id, { type: 'record_fact', fact }, as('manager'));
    await cases.requests.step(granted.id, { type: 'decide', decision: 'allow', outcome: 'supervised_viewing_at_office', reasons: 'Eigen beelden.' }, as('manager'));
    const doc = await cases.documents.generate(granted.id, 'viewing_declaration', as('beheerder'));
    await cases.documents.signOnScreen(doc.id, { signerName: 'D. Bezoeker', signaturePng: onePixelPng.toString('base64') }, as('beheerder'));
    const refused = await cases.requests.file({ kind: 'third-party', channel: 'letter', requester: { category: 'lawyer', name: 'Mr. X' }, details: { window, recipient: 'lawyer', motivation: 'Verdediging' } }, as('privacy_officer'));
    await cases.requests.step(refused.id, { type: 'decide', decision: 'refuse', ground: 'not_permitted_by_protocol', reasons: 'Via de officier van justitie.' }, as('privacy_officer'));

    const log = await cases.overview.viewingLog(as('auditor'));
    expect(log).toMatchObject({ title: 'Logboek Inzien Beeldmateriaal', rule: 'SOE-10' });
    const byRef = new Map(log.entries.map((e) => [e.ref, e]));
    expect(byRef.get(granted.ref)).toMatchObject({ why: 'Mijn tas is gestolen', decision: { decision: 'allow', rule: 'SOE-10', by: 'manager' }, declarations: [{ kind: 'viewing_declaration', signer: 'D. Bezoeker', method: 'pad' }] });
    expect(byRef.get(refused.ref)).toMatchObject({ decision: { decision: 'refuse', rule: 'SOE-10' }, declarations: [] });
    const read = await f.logbook.query({ action: 'cases.viewing_log_read', limit: 1 });
    expect(read.entries[0]).toMatchObject({ actorName: 'auditor' });
    expect((await f.casesFor(domijn).overview.viewingLog(as('auditor'))).rule).toBeNull();
  });
});
