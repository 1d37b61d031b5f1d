import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock.js';
import { dialects } from '../support/databases.js';
import { createTestApp, type TestApp } from '../support/app.js';

/**
 * Issue 7: a police officer or prosecutor files their own vordering (art. 126nd/126nda Sv; SOE-9)
 * through their account, which identifies them (with the second factor every shipped profile asks
 * of them); staff find it among the requests, with its deadline; the officer sees only their own.
 */
const vordering = {
  officer: 'J. de Vries', serviceNumber: 'NL-123456', unit: 'Team Amersfoort', legalBasis: 'art. 126nda Sv', personsConcerned: 'Verdachte van mishandeling',
  dataRequested: 'Beelden van de hoofdingang', deliveryDeadline: '2026-03-06', deliveryManner: 'Versleutelde gegevensdrager',
  window: { location: 'Hoofdingang gemeentehuis', from: '2026-03-01T20:00:00Z', to: '2026-03-01T20:30:00Z' },
};

describe.each(dialects)('police file their own vordering on %s', (dialect) => {
  let t: TestApp;
  const clock = new ManualClock('2026-03-02T09:00:00Z');
  beforeAll(async () => {
    t = await createTestApp(dialect, { clock, profile: 'soest' });
  }, 120_000);
  afterAll(() => t.close());

  it('the officer files, is identified by the account, follows only their own; staff find it with its deadline and the logboek says who filed', async () => {
    const officer = await t.loginAs('police', 'agent-devries');
    const res = await officer.post('/api/cases/police-requests', vordering);
    expect(res.status).toBe(201);
    const { request } = (await res.json()) as { request: { id: string; ref: string; state: string; channel: string; deadline: { due: string; rule: string }; requester: { category: string }; details: { identification: Record<string, unknown> } } };
    expect(request).toMatchObject({ state: 'received', channel: 'police_account', deadline: { due: '2026-03-06', rule: 'SOE-9' }, requester: { category: 'police' } });
    expect(request.details.identification).toMatchObject({ method: 'account_with_second_factor', username: 'agent-devries', role: 'police', serviceNumber: 'NL-123456' });

    const mine = (await (await officer.get('/api/cases/police-requests')).json()) as { requests: { ref: string }[] };
    expect(mine.requests.map((r) => r.ref)).toEqual([request.ref]);
    const colleague = await t.loginAs('police', 'agent-jansen');
    expect(((await (await colleague.get('/api/cases/police-requests')).json()) as { requests: unknown[] }).requests).toEqual([]);
    // Police see no cases beyond their own vorderingen (SOE-5/9: the beheerder handles them).
    const list = await officer.get('/api/cases/requests');
    expect(list.status).toBe(403);

    const beheerder = await t.loginAs('beheerder');
    const open = (await (await beheerder.get('/api/cases/requests')).json()) as { requests: { ref: string }[] };
    expect(open.requests.map((r) => r.ref)).toContain(request.ref);
    const detail = (await (await beheerder.get(`/api/cases/requests/${request.id}`)).json()) as { request: { pending: { beforeDecision: { code: string }[] }; timeline: { action: string; detail: Record<string, unknown> }[] } };
    // Filed in writing through the account: the written vordering is there; staff still decide and check identity at hand-over.
    expect(detail.request.pending.beforeDecision.map((p) => p.code)).not.toContain('condition_written_request');
    expect(detail.request.timeline[0]).toMatchObject({ action: 'request.received', detail: { channel: 'police_account', identification: { method: 'account_with_second_factor', role: 'police', account: 'agent-devries' } } });
  });

  it('refuses staff on the officers\u2019 route (SOE-9), and a vordering without its legal basis or with a window the wrong way round', async () => {
    const beheerder = await t.loginAs('beheerder');
    const denied = await beheerder.post('/api/cases/police-requests', vordering);
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { rule: string }).rule).toBe('SOE-9');
    const ovj = await t.loginAs('ovj');
    const { legalBasis: _omitted, ...noBasis } = vordering;
    expect((await ovj.post('/api/cases/police-requests', noBasis)).status).toBe(400);
    const backwards = await ovj.post('/api/cases/police-requests', { ...vordering, window: { ...vordering.window, from: vordering.window.to, to: vordering.window.from } });
    expect(backwards.status).toBe(400);
    expect((await ovj.post('/api/cases/police-requests', { ...vordering, identification: { method: 'account' } })).status).toBe(400);
  });
});
