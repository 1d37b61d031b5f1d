import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { dialects } from '../../../test/support/databases.js';

type Version = { id: string; profile: Record<string, any> };

describe.each(dialects)('the public protocol routes on %s (issue 3 item 9)', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(dialect, { profile: 'mozaiek' });
  }, 60_000);
  afterAll(() => t.close());

  const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());

  it('MOZ-7: publishes the protocol without a login, in Dutch, with version and effective date', async () => {
    const res = await t.client().get('/protocol');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await res.text();
    expect(html).toMatch(/<html lang="nl">/);
    expect(html).toContain('<h1>Protocol cameratoezicht</h1>');
    const [y, m, d] = today().split('-').map(Number) as [number, number, number];
    const date = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
    expect(html).toContain(`Versie 1.0.0, geldig vanaf ${date}.`);
    expect(html).toContain('binnen 5 werkdagen');
    expect(html).not.toMatch(/<script/i);
  });

  it('in English with ?lang=en, and the links lead to the other language and the PDF', async () => {
    const html = await (await t.client().get('/protocol?lang=en')).text();
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toContain('Version 1.0.0, in force from');
    expect(html).toContain('href="/protocol" hreflang="nl"');
    expect(html).toContain('href="/protocol.pdf?lang=en"');
  });

  it('the PDF starts with %PDF and names the version', async () => {
    const res = await t.client().get('/protocol.pdf');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.toString('latin1')).toContain(`(Mozaiek Wonen, versie 1.0.0, geldig vanaf ${today()})`);
  });

  it('X-6: the page follows the version in force: a new activation changes what is published', async () => {
    const officer = await t.loginAs('privacy_officer');
    const draft = ((await (await officer.post('/api/protocol/drafts')).json()) as { version: Version }).version;
    const profile = { ...draft.profile, retention: { ...draft.profile.retention, limitDays: 21 } };
    expect((await officer.request('PUT', `/api/protocol/versions/${draft.id}`, { profile })).status).toBe(200);
    expect((await t.client().get('/protocol')).status).toBe(200);
    expect(await (await t.client().get('/protocol')).text()).toContain('na ten hoogste 28 dagen'); // a draft is not published
    expect((await officer.post(`/api/protocol/versions/${draft.id}/activate`, { effectiveFrom: today() })).status).toBe(200);
    const html = await (await t.client().get('/protocol')).text();
    expect(html).toContain('na ten hoogste 21 dagen');
    expect(html).toContain('Versie 1.1.0');
  });

  it('DOM-12: a site\u2019s page shows the site\u2019s tightenings; an unknown site has none', async () => {
    const site = await t.toezicht.register.sites.create(
      { name: 'Complex De Linde', address: 'Lindelaan 1, Hengelo', organisation: 'Mozaiek Wonen', siteOverride: { site: 'linde', retention: { limitDays: 7 } } },
      { id: null, name: 'test', role: null },
    );
    const html = await (await t.client().get(`/protocol/${site.id}`)).text();
    expect(html).toContain('<h1>Protocol cameratoezicht \u2014 Complex De Linde</h1>');
    expect(html).toContain('na ten hoogste 7 dagen');
    const pdf = await t.client().get(`/protocol/${site.id}/pdf?lang=en`);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const missing = await t.client().get('/protocol/no-such-site');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Dit protocol bestaat niet');
  });
});
