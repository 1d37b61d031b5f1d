import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToezicht, type Toezicht } from '../../src/bin/app.js';
import { loadConfig } from '../../src/platform/config.js';
import { createLogger } from '../../src/platform/logger.js';
import { Client, createTestApp, type TestApp } from '../support/app.js';
import { dialects } from '../support/databases.js';
import { testOnvifDiscovery } from '../support/network.js';
import { ingestFootage } from './support.js';

const camera = 'cam-lift';
const base = Date.now() - 10 * 60_000;

/**
 * Several API servers behind one load balancer (issue 6 item 7): a media URL minted by server A is
 * accepted by server B when both have the same media-URL key (A's from its key file, B's from
 * TOEZICHT_MEDIA_TOKEN_KEY), refused (403) by a server with another key, and accepted during a key
 * rotation by a server that has A's key as its previous key.
 */
describe.each(dialects)('shared media-URL key (%s)', (dialect) => {
  let a: TestApp;
  const others: { toezicht: Toezicht; dataDir: string }[] = [];
  let playlistUrl = '';
  let segmentUrl = '';
  let wijk: Client;

  /** Another API server on the same database, with its own data directory and the given key settings. */
  async function server(keys: { mediaTokenKey?: string; mediaTokenPreviousKey?: string }): Promise<Client> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-node-'));
    // Like API nodes at scale: one database, one footage store and master key, no recorder of its own.
    const shared = { footageDir: a.toezicht.config.footageDir, masterKeyFile: a.toezicht.config.masterKeyFile, recorder: false };
    const config = loadConfig({}, { dataDir, logLevel: 'silent', profile: 'domijn', onvifDiscovery: testOnvifDiscovery, ...shared, ...keys });
    // The database is A's: this server must not close it.
    const toezicht = await createToezicht({ config, database: { ...a.database, close: async () => undefined }, logger: createLogger('silent') });
    others.push({ toezicht, dataDir });
    const c = new Client(toezicht);
    c.cookie = wijk.cookie;
    c.csrf = wijk.csrf;
    return c;
  }

  beforeAll(async () => {
    a = await createTestApp(dialect);
    await ingestFootage(a.toezicht, camera, { seconds: 4, segmentSeconds: 2, anchorMs: base });
    wijk = await a.loginAs('wijkbeheerder');
    const incident = await a.toezicht.cases.incidents.report(
      { type: 'vandalism', place: 'Lift', occurredFrom: new Date(base).toISOString(), occurredTo: new Date(base + 60_000).toISOString(), cameraIds: [], description: 'Spiegel bekrast', reporter: 'Bewoner' },
      { id: null, name: 'test', role: 'wijkbeheerder' },
    );
    const started = await wijk.post('/api/viewing/sessions', { scope: 'recordings', cameraIds: [camera], caseRef: incident.ref });
    expect(started.status).toBe(201);
    const { session } = (await started.json()) as { session: { id: string } };
    const playback = await wijk.post(`/api/viewing/sessions/${session.id}/playback`, { cameraId: camera, at: new Date(base).toISOString() });
    expect(playback.status).toBe(200);
    playlistUrl = ((await playback.json()) as { playlistUrl: string }).playlistUrl;
    const m3u8 = await (await wijk.get(playlistUrl)).text();
    segmentUrl = playlistUrl.slice(0, playlistUrl.indexOf('playlist.m3u8')) + m3u8.split('\n').find((l) => l.startsWith('segments/'))!;
  }, 60_000);

  afterAll(async () => {
    for (const o of others) {
      await o.toezicht.close();
      fs.rmSync(o.dataDir, { recursive: true, force: true });
    }
    await a?.close();
  });

  it('creates the key file 0600 on first start when no key is configured', () => {
    const file = a.toezicht.config.mediaTokenKeyFile;
    expect(file.startsWith(a.toezicht.config.dataDir)).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64')).toHaveLength(32);
  });

  it('a URL minted by server A is accepted by server B with the same key and refused (403) with another', async () => {
    const shared = fs.readFileSync(a.toezicht.config.mediaTokenKeyFile, 'utf8').trim();
    const same = await server({ mediaTokenKey: shared });
    const playlist = await same.get(playlistUrl);
    expect(playlist.status).toBe(200);
    expect(await playlist.text()).toContain('#EXTM3U');
    const segment = await same.get(segmentUrl);
    expect(segment.status).toBe(200);
    expect((await segment.arrayBuffer()).byteLength).toBeGreaterThan(100);

    const other = await server({ mediaTokenKey: crypto.randomBytes(32).toString('base64') });
    const refused = await other.get(playlistUrl);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'media_url_mismatch', rule: 'X-2' });
    expect((await other.get(segmentUrl)).status).toBe(403);
    // The login session itself is valid on that server: only the URL's key differs.
    expect((await other.get('/api/auth/me')).status).toBe(200);
  }, 60_000);

  it('during a rotation a server with the new key accepts URLs signed with the previous one', async () => {
    const shared = fs.readFileSync(a.toezicht.config.mediaTokenKeyFile, 'utf8').trim();
    const rotated = await server({ mediaTokenKey: crypto.randomBytes(32).toString('base64'), mediaTokenPreviousKey: `${crypto.randomBytes(32).toString('base64')},${shared}` });
    expect((await rotated.get(playlistUrl)).status).toBe(200);
    expect((await rotated.get(segmentUrl)).status).toBe(200);
  }, 60_000);

  it('refuses a malformed key at boot with a message that does not repeat it', () => {
    expect(() => loadConfig({ TOEZICHT_MEDIA_TOKEN_KEY: 'c2hvcnQ=' }, { dataDir: os.tmpdir() })).toThrow(/TOEZICHT_MEDIA_TOKEN_KEY: must be 32 bytes, base64-encoded \(got \[redacted\]\)/);
  });
});
