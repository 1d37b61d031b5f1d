import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock.js';
import { createTestApp, type Client, type TestApp } from '../../../test/support/app.js';
import { dialects } from '../../../test/support/databases.js';

type Version = { id: string; version: number; status: string; state: string; profileVersion: string; effectiveFrom: string | null; profile: Record<string, any> };

describe.each(dialects)('protocol version routes on %s (issue 3 items 6 and 10)', (dialect) => {
  let t: TestApp;
  let officer: Client;
  let auditor: Client;
  let wijkbeheerder: Client;
  const clock = new ManualClock(new Date());

  beforeAll(async () => {
    t = await createTestApp(dialect, { clock });
    officer = await t.loginAs('privacy_officer');
    auditor = await t.loginAs('auditor');
    wijkbeheerder = await t.loginAs('wijkbeheerder');
  }, 60_000);
  afterAll(() => t.close());

  const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(clock.now());

  it('lists the versions with the one in force: the shipped profile recorded at first start', async () => {
    const res = await auditor.get('/api/protocol/versions');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { profileId: string; inForce: string; versions: Version[] };
    expect(body.profileId).toBe('domijn');
    expect(body.versions).toHaveLength(1);
    expect(body.versions[0]).toMatchObject({ version: 1, status: 'active', state: 'in_force', profileVersion: '1.0.0', effectiveFrom: today() });
    expect(body.inForce).toBe(body.versions[0]!.id);
    const one = (await (await auditor.get(`/api/protocol/versions/${body.inForce}`)).json()) as { version: Version };
    expect(one.version.profile.id).toBe('domijn');
  });

  it('refuses roles without the right, naming the rule', async () => {
    const read = await wijkbeheerder.get('/api/protocol/versions');
    expect(read.status).toBe(403);
    expect(((await read.json()) as { rule: string }).rule).toBe('AVG-24');
    const manage = await auditor.post('/api/protocol/drafts');
    expect(manage.status).toBe(403);
  });

  it('a privacy officer drafts, validates, edits and activates a version; each change is in the logboek with its diff', async () => {
    const created = await officer.post('/api/protocol/drafts');
    expect(created.status).toBe(201);
    const draft = ((await created.json()) as { version: Version }).version;
    expect(draft).toMatchObject({ version: 2, status: 'draft', profileVersion: '1.1.0' });
    expect((await officer.post('/api/protocol/drafts')).status).toBe(409);

    const broken = { ...draft.profile, retention: { ...draft.profile.retention, limitDays: 0 } };
    const validation = (await (await officer.post('/api/protocol/validate', { profile: broken })).json()) as { valid: boolean; errors: { field: string }[] };
    expect(validation).toMatchObject({ valid: false, errors: [{ field: 'retention.limitDays' }] });
    const refused = await officer.request('PUT', `/api/protocol/versions/${draft.id}`, { profile: broken });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ code: 'profile_invalid', field: 'retention.limitDays' });

    const edited = { ...draft.profile, retention: { ...draft.profile.retention, limitDays: 14 } };
    const saved = await officer.request('PUT', `/api/protocol/versions/${draft.id}`, { profile: edited });
    expect(saved.status).toBe(200);
    expect(((await saved.json()) as { changes: unknown[] }).changes).toEqual([{ path: 'retention.limitDays', before: 28, after: 14 }]);

    const diff = (await (await auditor.get(`/api/protocol/diff?from=${draft.id}&to=${(await firstVersionId(auditor))}`)).json()) as { changes: { path: string }[] };
    expect(diff.changes.map((c) => c.path)).toEqual(['version.profile', 'version.effectiveFrom', 'retention.limitDays']);

    const past = await officer.post(`/api/protocol/versions/${draft.id}/activate`, { effectiveFrom: '2020-01-01' });
    expect(past.status).toBe(400);
    expect(await past.json()).toMatchObject({ code: 'effective_date_past', field: 'effectiveFrom' });
    expect((await officer.post(`/api/protocol/versions/${draft.id}/activate`, { effectiveFrom: 'tomorrow' })).status).toBe(400);

    clock.advance(1000);
    const activated = await officer.post(`/api/protocol/versions/${draft.id}/activate`, { effectiveFrom: today() });
    expect(activated.status).toBe(200);
    expect(((await activated.json()) as { version: Version }).version).toMatchObject({ status: 'active', state: 'in_force', effectiveFrom: today() });
    expect(t.toezicht.profile.current().retention.limitDays).toBe(14);
    expect((await officer.request('PUT', `/api/protocol/versions/${draft.id}`, { profile: edited })).status).toBe(409);

    const log = (await (await officer.get('/api/logbook?action=protocol')).json()) as { entries: { action: string; subject: Record<string, unknown> }[] };
    expect(log.entries.map((e) => e.action)).toEqual(['protocol.version.activate', 'protocol.draft.update', 'protocol.draft.create', 'protocol.version.record']);
    expect(log.entries[0]!.subject).toMatchObject({ version: 2, replaces: 1, changes: [{ path: 'version.profile' }, { path: 'retention.limitDays', before: 28, after: 14 }] });
  });

  it('answers 404 for a version that does not exist', async () => {
    expect((await auditor.get('/api/protocol/versions/no-such-version')).status).toBe(404);
  });
});

async function firstVersionId(client: Client): Promise<string> {
  const body = (await (await client.get('/api/protocol/versions')).json()) as { versions: Version[] };
  return body.versions[0]!.id;
}
