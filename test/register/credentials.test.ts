import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToezicht, type Toezicht } from '../../src/bin/app.js';
import { base32Decode, totp } from '../../src/auth/totp.js';
import type { Role } from '../../src/auth/roles.js';
import { loadConfig } from '../../src/platform/config.js';
import { createLogger } from '../../src/platform/logger.js';
import { Client, TEST_PASSWORD } from '../support/app.js';
import { createTestDatabase, dialects, type TestDatabase } from '../support/databases.js';
import { cameraInput } from './support.js';

/**
 * Camera credentials never appear in an API response, a log line or the logboek (issue 4): every
 * response body and header, every log line (at trace level) and every logboek row is searched.
 */
const secrets = ['Field-Pass-7731', 'Url-Pass-9924', 'Changed-Pass-1180', 'Refused-Pass-5542', 'url-user-x7'];

describe.each(dialects)('camera credentials on %s', (dialect) => {
  let t: Toezicht;
  let database: TestDatabase;
  let dataDir: string;
  const logLines: string[] = [];
  const responses: string[] = [];

  async function loginAs(role: Role): Promise<Client> {
    await t.users.create({ username: role.replace(/_/g, '-'), displayName: role, role, kind: 'internal', password: TEST_PASSWORD }, { id: null, name: 'test', role: null });
    const c = new Client(t);
    let { stage } = (await (await c.login(role.replace(/_/g, '-'))).json()) as { stage: string };
    if (stage === 'totp_enrolment_required') {
      const { secret } = (await (await c.post('/api/auth/totp/enrol')).json()) as { secret: string };
      stage = ((await (await c.post('/api/auth/totp/confirm', { code: totp(base32Decode(secret), new Date()) })).json()) as { stage: string }).stage;
    }
    expect(stage).toBe('ok');
    return c;
  }

  /** Sends a request and keeps everything that came back: status line, headers and body. */
  async function call(c: Client, method: string, url: string, body?: unknown): Promise<Response> {
    const res = await c.request(method, url, body);
    responses.push(`${res.status} ${JSON.stringify([...res.headers])} ${await res.clone().text()}`);
    return res;
  }

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-credentials-'));
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    const config = loadConfig({}, { dataDir, logLevel: 'trace', profile: 'soest' });
    t = await createToezicht({ config, database, logger: createLogger('trace', sink) });
  }, 60_000);

  afterAll(async () => {
    await t.close();
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('are sealed and usable by the recorder, yet found in no response, log line or logboek entry', async () => {
    const beheerder = await loginAs('beheerder');
    const manager = await loginAs('manager');
    const site = (await (await call(beheerder, 'POST', '/api/register/sites', { name: 'Gemeentehuis', address: 'Raadhuisplein 1', organisation: 'Soest' })).json()) as { site: { id: string } };

    const fromFields = await call(beheerder, 'POST', '/api/register/cameras', cameraInput('soest', site.site.id, { username: 'beheer', password: secrets[0] }));
    expect(fromFields.status).toBe(201);
    const { camera } = (await fromFields.json()) as { camera: { id: string; hasCredentials: boolean } };
    expect(camera.hasCredentials).toBe(true);
    const fromUrl = await call(beheerder, 'POST', '/api/register/cameras', {
      ...cameraInput('soest', site.site.id, { username: undefined, password: undefined }),
      streamUrl: `rtsps://${secrets[4]}:${secrets[1]}@10.1.2.3:322/live`,
    });
    expect(fromUrl.status).toBe(201);
    expect(await fromUrl.clone().json()).toMatchObject({ camera: { streamUrl: 'rtsps://10.1.2.3:322/live', hasCredentials: true } });
    expect((await call(beheerder, 'PATCH', `/api/register/cameras/${camera.id}`, { password: secrets[2], username: 'beheer' })).status).toBe(200);
    // Refused input that carried a password: the problem does not repeat it.
    expect((await call(beheerder, 'POST', '/api/register/cameras', { ...cameraInput('soest', site.site.id), streamUrl: `http://u:${secrets[3]}@10.1.2.3/` })).status).toBe(400);
    expect((await call(beheerder, 'PATCH', `/api/register/cameras/${camera.id}`, { streamUrl: `rtsp://u:${secrets[3]}@10.1.2.3/`, password: secrets[3] })).status).toBe(400);
    expect((await call(beheerder, 'POST', '/api/register/cameras', { ...cameraInput('soest', site.site.id), password: `${secrets[3]}${'x'.repeat(300)}` })).status).toBe(400);

    for (const kind of ['proportionality_assessment', 'dpia']) {
      await call(manager, 'POST', `/api/register/cameras/${camera.id}/approvals`, { kind, decider: 'Gemeentesecretaris', decidedOn: '2026-01-15' });
    }
    expect((await call(beheerder, 'POST', `/api/register/cameras/${camera.id}/status`, { status: 'active' })).status).toBe(200);
    for (const url of ['/api/register/cameras', `/api/register/cameras/${camera.id}`, '/api/register/export.csv', '/api/register/public-list', '/api/logbook?limit=500', '/api/openapi.json']) {
      expect((await call(beheerder, 'GET', url)).status, url).toBe(200);
    }

    // The credentials are really there, for the recorder only: the search below can find something.
    const targets = await t.register.camerasAllowedToRecord();
    expect(targets.find((target) => target.cameraId === camera.id)?.credentials).toEqual({ username: 'beheer', password: secrets[2] });

    const logbook = await database.db.selectFrom('logbook_entries').selectAll().execute();
    expect(logbook.filter((e) => e.action.startsWith('register.')).length).toBeGreaterThan(5);
    const stored = await database.db.selectFrom('register_cameras').select(['stream_url', 'credentials_sealed']).execute();
    expect(logLines.length).toBeGreaterThan(10);
    const places = { responses: responses.join('\n'), logs: logLines.join(''), logbook: JSON.stringify(logbook), storedInTheClear: JSON.stringify(stored) };
    for (const [place, text] of Object.entries(places)) {
      for (const secret of secrets) expect(text.includes(secret), `${secret} in ${place}`).toBe(false);
    }
  });
});
