import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToezicht, type Toezicht } from '../../src/bin/app.js';
import { DEMO_PASSWORD, demoAccountsFor, seedDemo } from '../../src/bin/demo.js';
import { loadConfig } from '../../src/platform/config.js';
import { createLogger } from '../../src/platform/logger.js';
import { RtspServer } from '../recording/rtsp-server.js';
import { Browsers, screenshot } from '../support/browser.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { testOnvifDiscovery } from '../support/network.js';
import { addActiveCamera } from '../viewing/cameras.js';
import { buildWebIfStale, logIn } from '../viewing/e2e-support.js';

/**
 * The recorder's health page and the dashboard's alert card in Chromium (issue 5 item 8), against
 * the whole application recording for real: a camera served by a real RTSP server (GStreamer) shows
 * as recording with its storage, oldest footage and retention limit; a camera whose address refuses
 * connections shows as offline with the reason; the dashboard raises an alert for it and — after a
 * retention sweep finds the store below its free-space floor with only held footage left — for the
 * recording that stopped. Dutch first, then the same in English.
 */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

let database: TestDatabase;
let dataDir: string;
let toezicht: Toezicht;
let http: ServerType;
let baseUrl = '';
let camera: RtspServer;
let page: Page;
const browsers = new Browsers();
const cameraIds = { good: '', dead: '' };

beforeAll(async () => {
  await buildWebIfStale();
  camera = await RtspServer.start({ fps: 10, gop: 10, width: 320, height: 240 });
  database = await createTestDatabase('sqlite');
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-data-'));
  // A free-space floor no disk meets: the sweep below then finds the store "full" (the disk-pressure path).
  const config = loadConfig({}, { dataDir, port: 0, logLevel: 'silent', profile: 'domijn', onvifDiscovery: testOnvifDiscovery, segmentSeconds: 2, footageMinFreeMb: 1_000_000_000 });
  toezicht = await createToezicht({ config, database, logger: createLogger('silent') });
  await seedDemo(toezicht);
  http = await new Promise((resolve) => {
    const s = serve({ fetch: toezicht.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  baseUrl = `http://127.0.0.1:${(http.address() as net.AddressInfo).port}`;

  const site = await toezicht.register.sites.create({ name: 'Hofstede', address: 'Hofstede 1, Soest', organisation: 'Woningstichting (test)' }, { id: null, name: 'test', role: null });
  cameraIds.good = await addActiveCamera(toezicht, { siteId: site.id, name: 'Hal camera', streamUrl: camera.url('/cam1') });
  cameraIds.dead = await addActiveCamera(toezicht, { siteId: site.id, name: 'Dode camera', streamUrl: `rtsp://127.0.0.1:${await closedPort()}/stream` });
  await toezicht.recording.startRecorder({
    settings: {
      offlineAfterMs: 3_000, staleAfterMs: 8_000, socketTimeoutSeconds: 3, pollMs: 250,
      restart: { initialDelayMs: 300, factor: 2, maxDelayMs: 1_000, limit: 1_000, windowMs: 60_000, cooldownMs: 5_000, healthyAfterMs: 8_000 },
    },
  });
  await until('two segments of the RTSP camera', async () => (await toezicht.recording.segments.between(cameraIds.good, new Date(0), new Date(Date.now() + 60_000))).length >= 2);
  await until('the dead camera offline', async () => toezicht.recording.recorder!.snapshots().find((s) => s.cameraId === cameraIds.dead)?.state === 'offline');

  page = await browsers.newPage({ timezoneId: 'Europe/Amsterdam' });
  // Under the Domijn profile the wijkbeheerder reads the register, and with it the recorder's status.
  const wijkbeheerder = demoAccountsFor(toezicht).find((a) => a.role === 'wijkbeheerder')!;
  await logIn(page, baseUrl, wijkbeheerder.username, DEMO_PASSWORD);
}, 180_000);

afterAll(async () => {
  await browsers.closeAll();
  await toezicht?.recording.stop();
  await camera?.stop();
  if (http) await new Promise<void>((resolve) => http.close(() => resolve()));
  await toezicht?.close();
  await database?.drop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('recorder health and alerts (browser)', () => {
  it('shows the RTSP camera recording with storage, oldest footage and limit, the unreachable one offline with its reason; the dashboard alerts', async () => {
    const alerts = page.getByTestId('recorder-alerts');
    await alerts.getByRole('heading', { name: 'Meldingen van de recorder' }).waitFor();
    await alerts.getByText('Camera Dode camera is offline').waitFor();
    expect(await alerts.getByText('Camera Hal camera is offline').count()).toBe(0);
    await screenshot(page, 'recorder-dashboard-offline');

    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Recorder' }).click();
    await page.getByRole('heading', { level: 1, name: 'Recorder' }).waitFor();
    const status = await toezicht.recording.status.status();
    const good = status.cameras.find((c) => c.cameraId === cameraIds.good)!;
    const goodRow = page.getByRole('row').filter({ hasText: 'Hal camera' });
    await goodRow.getByText('Neemt op').waitFor();
    await expect.poll(() => goodRow.innerText()).toMatch(/\d+ MB · \d+/);
    const goodText = await goodRow.innerText();
    // Oldest footage in Dutch local time (a date and a time, not the "–" of no footage), and the limit.
    expect(goodText).toMatch(/\d{1,2}[-/]\d{1,2}[-/]\d{4}|\d{1,2} [a-z]+\.? \d{4}/);
    expect(goodText).toContain(`${good.retentionDays} dagen`);
    expect(goodText).not.toContain('Offline');
    const deadRow = page.getByRole('row').filter({ hasText: 'Dode camera' });
    await deadRow.getByText('Offline', { exact: true }).waitFor();
    const deadText = await deadRow.innerText();
    expect(deadText).toMatch(/sinds/);
    expect(deadText).toMatch(/Connection refused|ffmpeg exited/);
    await screenshot(page, 'recorder-page-nl');
  }, 60_000);

  it('a store below its floor with only held footage left stops recording: an alert on the dashboard and the recorder page, in Dutch and English', async () => {
    const now = Date.now();
    await toezicht.recording.holds.create(
      { cameraIds: [cameraIds.good], from: new Date(now - 3_600_000).toISOString(), to: new Date(now + 3_600_000).toISOString(), reason: 'Melding bewoner: inbraak' },
      { id: null, name: 'test', role: 'privacy_officer' },
    );
    const sweep = await toezicht.recording.retention.sweep();
    expect(sweep.pressure).toMatchObject({ exhausted: true });
    expect(toezicht.recording.recorder!.paused).toMatch(/held footage/);
    // The held footage is untouched (INV-2).
    expect((await toezicht.recording.segments.between(cameraIds.good, new Date(0), new Date(Date.now() + 60_000))).length).toBeGreaterThanOrEqual(2);

    await page.goto(baseUrl);
    const alerts = page.getByTestId('recorder-alerts');
    await alerts.getByText('Opname gestopt: de beeldopslag is vol met veiliggestelde beelden').waitFor();
    await screenshot(page, 'recorder-dashboard-store-full');

    await page.getByRole('radiogroup', { name: 'Taal' }).getByText('English', { exact: true }).click();
    await alerts.getByRole('heading', { name: 'Recorder alerts' }).waitFor();
    await alerts.getByText('Recording stopped: the footage store is full of held footage').waitFor();
    await alerts.getByText('Camera Dode camera is offline').waitFor();
    await alerts.getByRole('link', { name: 'Open the recorder' }).click();
    await page.getByRole('heading', { level: 1, name: 'Recorder' }).waitFor();
    await page.getByRole('row').filter({ hasText: 'Hal camera' }).getByText('Paused').waitFor();
    // The last column: active holds — the one just placed.
    expect((await page.getByRole('row').filter({ hasText: 'Hal camera' }).getByRole('cell').last().innerText()).trim()).toBe('1');
    await screenshot(page, 'recorder-page-en');
  }, 60_000);
});
