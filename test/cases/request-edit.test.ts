import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domijn, welwonen } from '../../src/protocol/profiles/index.js';
import type { Cases } from '../../src/cases/cases.module.js';
import { dialects } from '../support/databases.js';
import { as, createCasesFixture, entree, refusedWith, stalling, type CasesFixture } from './support.js';

/**
 * Issue 7: a request's details are edited after filing with a reason; the diff is in the logboek
 * (values only where they are no personal data), and the deadline moves only where the law says:
 * a corrected date of receipt (the term runs from receipt, AVG art. 12(3)) or the delivery date a
 * vordering names (art. 126nd/126nda Sv). Run against SQLite and PostgreSQL.
 */
const subject = { category: 'data_subject' as const, name: 'A. Bewoner', contact: 'a@example.test' };
const window = { location: 'Hoofdingang', from: '2026-03-01T20:00:00Z', to: '2026-03-01T20:05:00Z' };

describe.each(dialects)('editing requests on %s', (dialect) => {
  let f: CasesFixture;
  let cases: Cases;
  beforeAll(async () => {
    f = await createCasesFixture(dialect);
    cases = f.casesFor(domijn);
  }, 60_000);
  afterAll(() => f.close());

  const edited = async (ref: string) => {
    const page = await f.logbook.query({ caseRef: ref, limit: 100 });
    return page.entries.filter((e) => e.action === 'request.edited').reverse();
  };

  it('naming the cameras and a new contact leaves the deadline; the logboek shows the camera diff but not the contact', async () => {
    const request = await cases.requests.file({ kind: 'access', channel: 'letter', requester: subject, details: { window } }, as('wijkbeheerder'));
    const after = await cases.requests.edit(request.id, { details: { window: { ...window, cameraIds: [entree] } }, requester: { contact: 'nieuw@example.test' } }, 'Camera bij de hoofdingang gezocht', as('wijkbeheerder'));
    expect(after.details.window?.cameraIds).toEqual([entree]);
    expect(after.requester.contact).toBe('nieuw@example.test');
    expect(after.deadline).toEqual(request.deadline);
    const [entry] = await edited(request.ref);
    expect(entry).toMatchObject({ reason: 'Camera bij de hoofdingang gezocht', actorName: 'wijkbeheerder' });
    expect(entry!.subject).toMatchObject({ deadline: null, changes: [{ field: 'details.window.cameraIds', from: null, to: [entree] }, { field: 'requester.contact' }] });
    expect(JSON.stringify(entry!.subject)).not.toContain('example.test');
    expect((await cases.requests.get(request.id)).timeline.map((e) => e.action)).toContain('request.edited');
  });

  it('correcting the date of receipt computes the deadline again from that date, as a filing on that date would', async () => {
    const request = await cases.requests.file({ kind: 'access', channel: 'letter', requester: subject, details: { window } }, as('wijkbeheerder'));
    const asIfFiled = await cases.requests.file({ kind: 'access', channel: 'letter', receivedAt: '2026-02-20T10:00:00Z', requester: subject, details: { window } }, as('wijkbeheerder'));
    expect(asIfFiled.deadline.due).not.toBe(request.deadline.due);
    const after = await cases.requests.edit(request.id, { receivedAt: '2026-02-20T10:00:00Z' }, 'Brief lag al een week bij de receptie', as('wijkbeheerder'));
    expect(after.deadline).toMatchObject({ due: asIfFiled.deadline.due, rule: asIfFiled.deadline.rule });
    const [entry] = await edited(request.ref);
    expect(entry!.subject).toMatchObject({ deadline: { from: request.deadline.due, to: asIfFiled.deadline.due, why: 'receipt_corrected' }, receivedOn: '2026-02-20' });
    await refusedWith(cases.requests.edit(request.id, { receivedAt: '2026-12-01T10:00:00Z' }, 'typo', as('wijkbeheerder')), { code: 'received_in_future' });
    await refusedWith(cases.requests.edit(request.id, {}, 'niets', as('wijkbeheerder')), { code: 'edit_nothing_changed' });
  });

  it('a vordering\u2019s new delivery date moves its deadline; its description does not', async () => {
    const police = await cases.requests.file(
      { kind: 'police', channel: 'letter', requester: { category: 'police', name: 'Agent J. de Vries' }, details: { window, officer: 'J. de Vries', legalBasis: 'art. 126nda Sv', deliveryDeadline: '2026-03-06' } },
      as('wijkbeheerder'),
    );
    expect(police.deadline.due).toBe('2026-03-06');
    const described = await cases.requests.edit(police.id, { details: { description: 'Ook de fietsenstalling' } }, 'Aanvulling per telefoon', as('wijkbeheerder'));
    expect(described.deadline.due).toBe('2026-03-06');
    const moved = await cases.requests.edit(police.id, { details: { deliveryDeadline: '2026-03-10' } }, 'Nieuwe vordering met later leverdatum', as('wijkbeheerder'));
    expect(moved.deadline).toMatchObject({ due: '2026-03-10', rule: 'DOM-5' });
    expect((await edited(police.ref))[1]!.subject).toMatchObject({ changes: [{ field: 'details.deliveryDeadline', from: '2026-03-06', to: '2026-03-10' }], deadline: { why: 'delivery_date_changed', to: '2026-03-10' } });
  });

  it('after the decision only the cameras of the decided window and the contact change; a carried-out request not at all', async () => {
    const w = f.casesFor(welwonen);
    const erasure = await w.requests.file({ kind: 'erasure', channel: 'letter', requester: subject, details: { window } }, as('privacy_officer'));
    await w.requests.step(erasure.id, { type: 'decide', decision: 'allow', outcome: 'erasure', reasons: 'Toegewezen.' }, as('privacy_officer'));
    await refusedWith(w.requests.edit(erasure.id, { details: { window: { ...window, to: '2026-03-01T21:00:00Z' } } }, 'langer', as('privacy_officer')), { code: 'edit_after_decision', kind: 'conflict' });
    const named = await w.requests.edit(erasure.id, { details: { window: { ...window, cameraIds: [entree, stalling] } } }, 'Camera\u2019s bij de hoofdingang', as('privacy_officer'));
    expect(named.details.window?.cameraIds).toEqual([entree, stalling]);

    const withdrawn = await cases.requests.file({ kind: 'access', channel: 'letter', requester: subject, details: { window } }, as('wijkbeheerder'));
    await cases.requests.step(withdrawn.id, { type: 'withdraw', reason: 'Ingetrokken' }, as('wijkbeheerder'));
    await refusedWith(cases.requests.edit(withdrawn.id, { requester: { contact: 'x@example.test' } }, 'x', as('wijkbeheerder')), { code: 'edit_request_finished' });
  });
});
