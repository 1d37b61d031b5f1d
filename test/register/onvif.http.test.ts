import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToezicht, type Toezicht } from '../../src/bin/app.js';
import type { Role } from '../../src/auth/roles.js';
import { base32Decode, totp } from '../../src/auth/totp.js';
import { loadConfig } from '../../src/platform/config.js';
import { createLogger } from '../../src/platform/logger.js';
import { isJpeg } from '../../src/register/connection-test.js';
import { RtspServer } from '../recording/rtsp-server.js';
import { Client, TEST_PASSWORD } from '../support/app.js';
import { createTestDatabase, dialects, type TestDatabase } from '../support/databases.js';
import { OnvifDevice } from './onvif-device.js';
import { cameraInput } from './support.js';

/**
 * Adding a real camera end to end over HTTP: discover the (simulated) ONVIF device, probe it for
 * its stream URL, register the camera with that URL and the credentials, and test the connection
 * against the real RTSP server (GStreamer) — plus every failure as clear problem JSON. Every
 * response, every log line (trace level) and every logboek row is searched for the passwords.
 */
const camera = { username: 'onvif-admin', password: 'Cam-Pass-8820' };
const secrets = [camera.password, 'Wrong-Pass-4417', 'Embedded-Pass-5123'];

interface Problem { status: number; code: string; field?: string; detail?: string; message?: { nl: string; en: string } }

let rtsp: RtspServer;
let device: OnvifDevice;

beforeAll(async () => {
  rtsp = await RtspServer.start({ mounts: ['/cam1'], width: 320, height: 240, fps: 10, gop: 5, user: camera.username, password: camera.password });
  device = await OnvifDevice.start({
    ...camera,
    manufacturer: 'Demo Vision',
    model: 'DV-4K',
    profiles: [
      { token: 'main', name: 'Hoofdstroom', streamUri: rtsp.url('/cam1'), width: 320, height: 240 },
      // Some firmware puts the credentials into the URI: they must not come back.
      { token: 'sub', name: 'Substroom', streamUri: rtsp.url('/cam1', { user: camera.username, password: secrets[2]! }), width: 160, height: 120 },
    ],
  });
}, 30_000);

afterAll(async () => {
  await device?.stop();
  await rtsp?.stop();
});

describe.each(dialects)('adding a real camera over HTTP on %s', (dialect) => {
  let t: Toezicht;
  let database: TestDatabase;
  let dataDir: string;
  let beheerder: Client;
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

  async function call<T = unknown>(c: Client, method: string, url: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await c.request(method, url, body);
    const text = await res.text();
    responses.push(`${res.status} ${JSON.stringify([...res.headers])} ${text}`);
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-onvif-'));
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    t = await createToezicht({ config: loadConfig({}, { dataDir, logLevel: 'trace', profile: 'soest' }), database, logger: createLogger('trace', sink) });
    beheerder = await loginAs('beheerder');
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await database?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('discover → probe → register → connection test, each in the logboek, no password anywhere', async () => {
    const found = await call<{ devices: { host: string; port: number; name: string; endpoint: string }[] }>(beheerder, 'POST', '/api/register/onvif/discover', {
      address: '127.0.0.1', port: device.discoveryPort, timeoutMs: 500,
    });
    expect(found.status).toBe(200);
    expect(found.body.devices).toEqual([expect.objectContaining({ host: '127.0.0.1', port: device.port, name: 'DV-4K', endpoint: device.endpoint })]);

    const probed = await call<{ device: { manufacturer: string; model: string }; profiles: { token: string; streamUrl: string | null; width: number }[] }>(
      beheerder, 'POST', '/api/register/onvif/probe', { host: '127.0.0.1', port: device.port, ...camera },
    );
    expect(probed.status).toBe(200);
    expect(probed.body.device).toMatchObject({ manufacturer: 'Demo Vision', model: 'DV-4K' });
    expect(probed.body.profiles.map((p) => [p.token, p.streamUrl, p.width])).toEqual([
      ['main', rtsp.url('/cam1'), 320],
      ['sub', rtsp.url('/cam1'), 160], // the embedded credentials are gone
    ]);

    const site = await call<{ site: { id: string } }>(beheerder, 'POST', '/api/register/sites', { name: 'De Linde', address: 'Lindelaan 1', organisation: 'Soest' });
    const created = await call<{ camera: { id: string; hasCredentials: boolean } }>(beheerder, 'POST', '/api/register/cameras', {
      ...cameraInput('soest', site.body.site.id, { username: camera.username, password: camera.password }), streamUrl: probed.body.profiles[0]!.streamUrl,
    });
    expect(created.status).toBe(201);
    const id = created.body.camera.id;

    const tested = await call<{ ok: boolean; width: number; height: number; codec: string; thumbnail: string }>(beheerder, 'POST', `/api/register/cameras/${id}/connection-test`);
    expect(tested.status).toBe(200);
    expect(tested.body).toMatchObject({ ok: true, width: 320, height: 240, codec: 'h264' });
    expect(tested.body.thumbnail).toMatch(/^data:image\/jpeg;base64,/);
    expect(isJpeg(Buffer.from(tested.body.thumbnail.split(',')[1]!, 'base64'))).toBe(true);

    // Wrong credentials, at the ONVIF service and at the stream.
    const refusedProbe = await call<Problem>(beheerder, 'POST', '/api/register/onvif/probe', { host: '127.0.0.1', port: device.port, username: camera.username, password: secrets[1] });
    expect(refusedProbe).toMatchObject({ status: 502, body: { code: 'camera_auth_failed', detail: 'rejected', message: { nl: expect.stringContaining('wachtwoord'), en: expect.stringContaining('password') } } });
    expect((await call(beheerder, 'PATCH', `/api/register/cameras/${id}`, { username: camera.username, password: secrets[1] })).status).toBe(200);
    const refusedStream = await call<Problem>(beheerder, 'POST', `/api/register/cameras/${id}/connection-test`);
    expect(refusedStream).toMatchObject({ status: 502, body: { code: 'camera_auth_failed', detail: 'rejected' } });

    // Unreachable: nothing listens there.
    const gone = await call<{ camera: { id: string } }>(beheerder, 'POST', '/api/register/cameras', {
      ...cameraInput('soest', site.body.site.id, { username: camera.username, password: camera.password }), streamUrl: 'rtsp://127.0.0.1:1/cam1',
    });
    const unreachable = await call<Problem>(beheerder, 'POST', `/api/register/cameras/${gone.body.camera.id}/connection-test`);
    expect(unreachable).toMatchObject({ status: 502, body: { code: 'camera_unreachable', detail: 'refused', message: { nl: expect.any(String), en: expect.any(String) } } });
    const noOnvif = await call<Problem>(beheerder, 'POST', '/api/register/onvif/probe', { host: '127.0.0.1', port: 1, ...camera });
    expect(noOnvif).toMatchObject({ status: 502, body: { code: 'camera_unreachable', detail: 'refused' } });

    const entries = await database.db.selectFrom('logbook_entries').select(['action', 'subject', 'actor_name']).orderBy('seq').execute();
    const of = (action: string) => entries.filter((e) => e.action === action).map((e) => JSON.parse(e.subject) as Record<string, unknown>);
    expect(of('register.onvif_discovered')).toEqual([expect.objectContaining({ target: `127.0.0.1:${device.discoveryPort}`, found: 1, outcome: 'ok' })]);
    expect(of('register.onvif_probed').map((s) => s.outcome)).toEqual(['ok', 'camera_auth_failed', 'camera_unreachable']);
    expect(of('register.onvif_probed')[0]).toMatchObject({ host: '127.0.0.1', port: device.port, manufacturer: 'Demo Vision', model: 'DV-4K', profiles: 2 });
    expect(of('register.camera_connection_tested').map((s) => [s.cameraId, s.outcome, s.reason])).toEqual([
      [id, 'ok', null],
      [id, 'camera_auth_failed', 'rejected'],
      [gone.body.camera.id, 'camera_unreachable', 'refused'],
    ]);
    expect(entries.find((e) => e.action === 'register.camera_connection_tested')?.actor_name).toBe('beheerder');

    expect((await call(beheerder, 'GET', '/api/openapi.json')).status).toBe(200);
    const places = { responses: responses.join('\n'), logs: logLines.join(''), logbook: JSON.stringify(entries) };
    expect(logLines.length).toBeGreaterThan(5);
    for (const [place, text] of Object.entries(places)) {
      for (const secret of secrets) expect(text.includes(secret), `${secret} in ${place}`).toBe(false);
    }
  });

  it('bad requests are problems naming the field; nothing to test is a 409; other roles are refused', async () => {
    const cases: [string, unknown, string][] = [
      ['/api/register/onvif/probe', { host: 'http://10.0.0.5/onvif' }, 'host'],
      ['/api/register/onvif/probe', { host: '10.0.0.5', port: 70000 }, 'port'],
      ['/api/register/onvif/probe', { host: '10.0.0.5', password: 'x' }, 'username'],
      ['/api/register/onvif/probe', { host: '10.0.0.5', colour: 'red' }, '(body)'],
      ['/api/register/onvif/discover', { address: 'camera.local' }, 'address'],
      ['/api/register/onvif/discover', { timeoutMs: 60_000 }, 'timeoutMs'],
    ];
    for (const [url, body, field] of cases) {
      const res = await call<Problem>(beheerder, 'POST', url, body);
      expect(res.status, `${url} ${JSON.stringify(body)}`).toBe(400);
      expect(res.body.field ?? '', `${url} ${JSON.stringify(body)}`).toContain(field);
    }
    const site = await call<{ site: { id: string } }>(beheerder, 'POST', '/api/register/sites', { name: 'Zonder adres', address: 'Lindelaan 2', organisation: 'Soest' });
    const planned = await call<{ camera: { id: string } }>(beheerder, 'POST', '/api/register/cameras', {
      ...cameraInput('soest', site.body.site.id, { username: undefined, password: undefined }), streamUrl: null,
    });
    expect(await call(beheerder, 'POST', `/api/register/cameras/${planned.body.camera.id}/connection-test`)).toMatchObject({ status: 409, body: { code: 'camera_no_stream_url' } });
    expect(await call(beheerder, 'POST', '/api/register/cameras/00000000-0000-4000-8000-000000000000/connection-test')).toMatchObject({ status: 404, body: { code: 'camera_not_found' } });

    const manager = await loginAs('manager');
    expect((await call(manager, 'POST', '/api/register/onvif/probe', { host: '127.0.0.1', port: device.port, ...camera })).status).toBe(403);
    expect((await call(manager, 'POST', `/api/register/cameras/${planned.body.camera.id}/connection-test`)).status).toBe(403);
    expect((await call(manager, 'POST', '/api/register/onvif/discover', {})).status).toBe(403);
  });
});
