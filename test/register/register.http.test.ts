import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Toezicht } from '../../src/bin/app.js';
import { maxDocumentBytes } from '../../src/register/document.js';
import { createTestApp, type Client, type TestApp } from '../support/app.js';
import { dialects } from '../support/databases.js';
import { tinyPdf, tinyPng } from './fixtures.js';
import { cameraInput } from './support.js';

interface Problem { status: number; code: string; field?: string; rule?: string; message?: { nl: string; en: string }; errors?: { field: string; message: string }[] }

/** Uploads bytes as multipart form data with the client's session. */
function upload(t: Toezicht, client: Client, content: Uint8Array, name: string, type = 'application/octet-stream'): Promise<Response> {
  const form = new FormData();
  form.append('file', new Blob([Buffer.from(content)], { type }), name);
  return Promise.resolve(t.app.request('/api/register/documents', { method: 'POST', body: form, headers: { cookie: client.cookie, 'x-csrf-token': client.csrf } }));
}

describe.each(dialects)('register over HTTP (Soest) on %s', (dialect) => {
  let t: TestApp;
  let beheerder: Client;
  let privacy: Client;
  let siteId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect, { profile: 'soest' });
    beheerder = await t.loginAs('beheerder');
    privacy = await t.loginAs('privacy_officer');
    const res = await beheerder.post('/api/register/sites', { name: 'Gemeentehuis', address: 'Raadhuisplein 1, Soest', organisation: 'Gemeente Soest' });
    expect(res.status).toBe(201);
    siteId = ((await res.json()) as { site: { id: string; profileId: string } }).site.id;
  }, 120_000);
  afterAll(() => t.close());

  it('every bad request is a problem naming the field, never a 500', async () => {
    const cases: [string, string, unknown, string][] = [
      ['POST', '/api/register/sites', {}, 'name'],
      ['POST', '/api/register/sites', { name: 'X', address: 'Y', organisation: 'Z', profileId: 'nowhere' }, 'profileId'],
      ['POST', '/api/register/sites', { name: 'X', address: 'Y', organisation: 'Z', colour: 'red' }, '(body)'],
      ['POST', '/api/register/cameras', { ...cameraInput('soest', siteId), streamUrl: 'http://10.0.0.5/x' }, 'streamUrl'],
      ['POST', '/api/register/cameras', { ...cameraInput('soest', siteId), areaType: 'roof' }, 'areaType'],
      ['POST', '/api/register/cameras', { ...cameraInput('soest', siteId), siteId: 'not-an-id' }, 'siteId'],
      ['POST', '/api/register/cameras', { ...cameraInput('soest', siteId), recordingMode: 'continuous' }, 'recordingMode'],
      ['GET', '/api/register/cameras/12', undefined, 'id'],
      ['POST', '/api/register/cameras/00000000-0000-4000-8000-000000000000/status', { status: 'on' }, 'status'],
    ];
    for (const [method, url, body, field] of cases) {
      const res = await beheerder.request(method, url, body);
      const problem = (await res.json()) as Problem;
      expect([400, 403], `${method} ${url} → ${res.status} ${JSON.stringify(problem)}`).toContain(res.status);
      expect(problem.field ?? '', `${method} ${url}`).toContain(field);
    }
    const malformed = await beheerder.request('POST', '/api/register/sites', '{"name":');
    expect(malformed.status).toBe(400);
  });

  it('activation without the DPIA is refused with 409 naming SOE-0; with it the camera is active', async () => {
    const created = await beheerder.post('/api/register/cameras', cameraInput('soest', siteId, { areaType: 'public_hall', name: 'Publiekshal' }));
    expect(created.status).toBe(201);
    const { camera } = (await created.json()) as { camera: { id: string; status: string } };
    const refused = await beheerder.post(`/api/register/cameras/${camera.id}/status`, { status: 'active' });
    expect(refused.status).toBe(409);
    const problem = (await refused.json()) as Problem;
    expect(problem).toMatchObject({ code: 'approval_missing', rule: 'SOE-0' });
    expect(problem.message!.nl).toContain('SOE-0');

    for (const kind of ['proportionality_assessment', 'dpia']) {
      const res = await privacy.post(`/api/register/cameras/${camera.id}/approvals`, { kind, decider: 'Gemeentesecretaris', decidedOn: '2026-01-15' });
      expect(res.status, await res.clone().text()).toBe(201);
    }
    const denied = await beheerder.post(`/api/register/cameras/${camera.id}/approvals`, { kind: 'dpia', decider: 'x', decidedOn: '2026-01-15' });
    expect(denied.status).toBe(403);
    const active = await beheerder.post(`/api/register/cameras/${camera.id}/status`, { status: 'active' });
    expect(active.status).toBe(200);
    const detail = (await (await beheerder.get(`/api/register/cameras/${camera.id}`)).json()) as { camera: { status: string }; activation: { allowed: boolean }; approvals: unknown[] };
    expect(detail).toMatchObject({ camera: { status: 'active' }, activation: { allowed: true } });
    expect(detail.approvals).toHaveLength(2);
  });

  it('a hidden camera is refused with 403 naming SOE-6', async () => {
    const res = await beheerder.post('/api/register/cameras', cameraInput('soest', siteId, { hidden: true }));
    expect(res.status).toBe(403);
    expect((await res.json()) as Problem).toMatchObject({ rule: 'SOE-6', field: 'hidden' });
  });

  it('uploads: PDF and PNG are stored and served back; wrong type, oversize or no file are refused and leave nothing behind', async () => {
    const pdf = await upload(t.toezicht, privacy, tinyPdf, 'DPIA publiekshal.pdf');
    expect(pdf.status).toBe(201);
    const { document } = (await pdf.json()) as { document: { id: string; mediaType: string; sha256: string } };
    expect(document.mediaType).toBe('application/pdf');
    const png = await upload(t.toezicht, beheerder, tinyPng, 'bord.png', 'image/png');
    expect(png.status).toBe(201);
    const back = await beheerder.get(`/api/register/documents/${document.id}`);
    expect(back.headers.get('content-type')).toBe('application/pdf');
    expect(back.headers.get('x-content-type-options')).toBe('nosniff');
    expect(back.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(new Uint8Array(await back.arrayBuffer())).toEqual(tinyPdf);

    const count = async () => Number((await t.database.db.selectFrom('register_documents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const html = await upload(t.toezicht, beheerder, new TextEncoder().encode('<html><script>x</script>'), 'dpia.pdf', 'application/pdf');
    expect(html.status).toBe(400);
    expect((await html.json()) as Problem).toMatchObject({ code: 'document_type', field: 'file' });
    const big = new Uint8Array(maxDocumentBytes + 1024);
    big.set(tinyPdf);
    const oversize = await upload(t.toezicht, beheerder, big, 'groot.pdf');
    expect(oversize.status).toBe(400);
    expect((await oversize.json()) as Problem).toMatchObject({ code: 'document_too_large', field: 'file' });
    // Far over the limit, the body is refused before it is read in full.
    const huge = await upload(t.toezicht, beheerder, new Uint8Array(maxDocumentBytes * 2), 'enorm.pdf');
    expect(huge.status).toBe(413);
    expect((await huge.json()) as Problem).toMatchObject({ code: 'document_too_large', field: 'file' });
    const json = await beheerder.post('/api/register/documents', { file: 'x' });
    expect(json.status).toBe(415);
    expect(json.headers.get('content-type')).toContain('application/problem+json');
    expect(await count()).toBe(before);
  });

  it('CSV import refuses a bad file with every problem listed; export is a CSV download', async () => {
    const res = await beheerder.post('/api/register/import', { csv: 'site_name,camera_name,area_type\nGemeentehuis,Dak,roof\nGemeentehuis,Kelder,cellar\n' });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as Problem;
    expect(problem.code).toBe('import_refused');
    expect(problem.errors!.map((e) => e.field)).toEqual(['line 2: area_type', 'line 3: area_type']);
    const exported = await privacy.get('/api/register/export.csv');
    expect(exported.headers.get('content-type')).toContain('text/csv');
    expect(await exported.text()).toContain('Publiekshal');
  });

  it('the dashboard shows overdue checks and open defects to those who read the register', async () => {
    const dashboard = (await (await beheerder.get('/api/dashboard')).json()) as { overdueChecks?: number; openDefects?: number };
    expect(dashboard).toMatchObject({ overdueChecks: 0, openDefects: 0 });
    const police = await t.loginAs('police');
    expect((await (await police.get('/api/dashboard')).json()) as object).not.toHaveProperty('openDefects');
  });
});
