import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock.js';
import { dialects } from '../support/databases.js';
import { createTestApp, type Client, type TestApp } from '../support/app.js';
import { onePixelPng } from './support.js';

/** The case API over HTTP: the public request page (no account) and the staff side that handles it. */
const form = { kind: 'access', name: 'Anna de Boer', contact: 'anna@example.test', location: 'Hoofdingang De Linde', date: '2026-03-01', startTime: '21:00', endTime: '21:05', description: 'Ik ben daar gevallen en wil zien wat er gebeurde.' };

async function publicForm(client: Client): Promise<string> {
  const res = await client.get('/api/public/requests/form');
  expect(res.status).toBe(200);
  return ((await res.json()) as { formToken: string }).formToken;
}

/** A filing as the page's own script sends it: same origin, the form token in its header. */
const fileAs = (client: Client, body: unknown, token: string, origin = 'http://toezicht.example') =>
  client.request('POST', '/api/public/requests', body, { origin, host: 'toezicht.example', 'x-form-token': token });

describe.each(dialects)('cases over HTTP on %s', (dialect) => {
  let t: TestApp;
  const clock = new ManualClock('2026-03-02T09:00:00Z');
  beforeAll(async () => {
    t = await createTestApp(dialect, { clock, profile: 'mozaiek' });
  }, 120_000);
  afterAll(() => t.close());

  it('a resident files an access request without an account and gets a reference and what happens next', async () => {
    const resident = t.client('203.0.113.10');
    const info = (await (await resident.get('/api/public/requests/form')).json()) as { organisation: string; kinds: { kind: string; term: { nl: string } }[] };
    expect(info.organisation).toBe('Mozaiek Wonen');
    expect(info.kinds.find((k) => k.kind === 'access')?.term.nl).toBe('binnen 5 werkdagen (MOZ-4.4)');
    const token = await publicForm(resident);
    const res = await fileAs(resident, form, token);
    expect(res.status).toBe(201);
    const receipt = (await res.json()) as { reference: string; due: string; rule: string; whatNext: { nl: string }[] };
    expect(receipt.reference).toMatch(/^VZ-2026-[2-9A-Z]{6}$/);
    expect(receipt).toMatchObject({ due: '2026-03-09', rule: 'MOZ-4.4' });
    expect(receipt.whatNext.map((w) => w.nl).join(' ')).toMatch(/Stuur geen kopie van uw identiteitsbewijs/);
    expect(receipt.whatNext.map((w) => w.nl).join(' ')).toMatch(/inzageverklaring/);
  });

  it('refuses a filing without the form token, from another site, or with fields that fail validation or are not asked for', async () => {
    const resident = t.client('203.0.113.11');
    const noToken = await fileAs(resident, form, '');
    expect(noToken.status).toBe(403);
    expect(((await noToken.json()) as { code: string }).code).toBe('form_token');
    expect((await fileAs(resident, form, 'v1.forged.token.x')).status).toBe(403);
    const token = await publicForm(resident);
    expect((await fileAs(resident, form, token, 'https://evil.example')).status).toBe(403);
    expect((await resident.request('POST', '/api/public/requests', form, { 'x-form-token': token })).status).toBe(403); // no Origin at all
    const badTime = await fileAs(resident, { ...form, endTime: '25:00' }, token);
    expect(badTime.status).toBe(400);
    expect(((await badTime.json()) as { field: string }).field).toBe('endTime');
    const reversed = await fileAs(resident, { ...form, startTime: '21:05', endTime: '21:00' }, token);
    expect(((await reversed.json()) as { code: string }).code).toBe('window_order');
    const withId = await fileAs(resident, { ...form, identityDocument: 'base64…' }, token);
    expect(withId.status).toBe(400);
    const future = await fileAs(resident, { ...form, date: '2026-03-03' }, token);
    expect(((await future.json()) as { code: string }).code).toBe('window_in_future');
  });

  it('rate-limits the public form per address (429 with Retry-After)', async () => {
    const resident = t.client('203.0.113.12');
    const token = await publicForm(resident);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await fileAs(resident, form, token)).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    const limited = await fileAs(resident, form, token);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await fileAs(t.client('203.0.113.13'), form, token)).status).not.toBe(429);
  });

  it('staff find the request by its deadline, take its steps, draw up and sign the PDF; police see no cases (the grant of MOZ-2.4)', async () => {
    const resident = t.client('203.0.113.14');
    const receipt = (await (await fileAs(resident, form, await publicForm(resident))).json()) as { reference: string };
    const staff = await t.loginAs('wijkbeheerder');
    const list = (await (await staff.get('/api/cases/requests')).json()) as { requests: { id: string; ref: string; deadlineStatus: string; publicFiling: boolean }[] };
    const mine = list.requests.find((r) => r.ref === receipt.reference)!;
    expect(mine).toMatchObject({ deadlineStatus: 'on_track', publicFiling: true });
    for (const fact of ['own_images_checked', 'balancing_recorded']) {
      expect((await staff.post(`/api/cases/requests/${mine.id}/steps`, { type: 'record_fact', fact })).status).toBe(200);
    }
    const early = await staff.post(`/api/cases/requests/${mine.id}/steps`, { type: 'carry_out' });
    expect(early.status).toBe(400);
    const decided = await staff.post(`/api/cases/requests/${mine.id}/steps`, { type: 'decide', decision: 'allow', outcome: 'supervised_viewing_at_office', reasons: 'Alleen verzoeker in beeld.' });
    expect(decided.status).toBe(200);
    const carry = await staff.post(`/api/cases/requests/${mine.id}/steps`, { type: 'carry_out' });
    expect(carry.status).toBe(409);
    expect(((await carry.json()) as { rule: string }).rule).toBe('MOZ-4.5');
    const doc = (await (await staff.post(`/api/cases/requests/${mine.id}/documents`, { kind: 'viewing_declaration' })).json()) as { document: { id: string } };
    const pdf = await staff.get(`/api/cases/documents/${doc.document.id}`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const signed = await staff.post(`/api/cases/documents/${doc.document.id}/signature`, { signerName: 'Anna de Boer', signaturePng: `data:image/png;base64,${onePixelPng.toString('base64')}` });
    expect(signed.status).toBe(201);
    const detail = (await (await staff.get(`/api/cases/requests/${mine.id}`)).json()) as { request: { timeline: { action: string }[]; documents: { status: string }[] } };
    expect(detail.request.timeline.map((e) => e.action)).toEqual(['request.received', 'request.fact_recorded', 'request.fact_recorded', 'request.allowed', 'document.generated', 'document.signed']);
    const overview = await staff.get('/api/cases/overview');
    expect(overview.status).toBe(200);

    const police = await t.loginAs('police');
    const denied = await police.get('/api/cases/requests');
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { rule: string }).rule).toBe('MOZ-2.4');
  });

  it('describes every case route in the OpenAPI document', async () => {
    const res = await t.client().get('/api/openapi.json');
    expect(res.status).toBe(200);
    const paths = Object.keys(((await res.json()) as { paths: Record<string, unknown> }).paths);
    for (const path of ['/api/cases/requests', '/api/cases/requests/{id}/steps', '/api/cases/documents/{id}/signature', '/api/cases/incidents/{id}/holds', '/api/cases/holds/{id}/release', '/api/cases/viewing-log', '/api/public/requests']) {
      expect(paths).toContain(path);
    }
  });

  it('names what the case routes answer: their domain schemas, not an untyped object', async () => {
    const doc = (await (await t.client().get('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>> };
    const schema = (path: string, method: string, status: string) => JSON.stringify(doc.paths[path]![method]!.responses[status]!.content!['application/json']!.schema);
    expect(schema('/api/cases/incidents/{id}', 'get', '200')).toContain('#/components/schemas/Incident');
    expect(schema('/api/cases/incident-types', 'get', '200')).toContain('#/components/schemas/IncidentType');
    expect(schema('/api/cases/requests/{id}', 'get', '200')).toContain('#/components/schemas/CaseRequest');
    expect(schema('/api/cases/viewing-log', 'get', '200')).toContain('#/components/schemas/ViewingLog');
    expect(schema('/api/cases/requests/{id}/steps', 'post', '409')).toContain('#/components/schemas/Problem');
    expect(JSON.stringify(doc)).not.toContain('CaseData');
  });
});
