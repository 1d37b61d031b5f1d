import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCameras } from '../../src/bin/demo.js';
import { Browsers } from '../support/browser.js';
import { startTestServer } from '../support/server.js';
import { buildWebIfStale, chooseToWatch, demoUserPage, reportIncident } from '../viewing/e2e-support.js';

/**
 * A live view in Chromium follows a privacy-mask edit (issue 9): the wijkbeheerder watches the demo
 * camera live; the admin draws a mask over a part of the picture that was visible; within seconds
 * that part is black in the frames the browser shows, and the same player (one MediaSource, one
 * stream) keeps playing: its time goes on and no error is shown. Read from the decoded frames
 * (video → canvas), not from the server.
 */
type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
let page: Page;
let cameraId = '';
let incidentRef = '';
const browsers = new Browsers();
/** Drawn while the viewer watches: the left half of the lower part of the demo scene. */
const area = { name: 'Voordeur buren', points: [{ x: 0.05, y: 0.45 }, { x: 0.45, y: 0.45 }, { x: 0.45, y: 0.95 }, { x: 0.05, y: 0.95 }] };

beforeAll(async () => {
  await buildWebIfStale();
  server = await startTestServer();
  cameraId = (await seedDemoCameras(server.toezicht))[0] ?? '';
  expect(cameraId).toBeTruthy();
  const now = Date.now();
  incidentRef = await reportIncident(server.toezicht, { type: 'nuisance', place: 'Entree', fromMs: now - 60_000, toMs: now, cameraIds: [cameraId], description: 'Overlast bij de ingang' });
  page = await demoUserPage(browsers, server, 'wijkbeheerder');
}, 240_000);

afterAll(async () => {
  await browsers.closeAll();
  await server?.stop();
});

describe('live view follows a mask edit (browser)', () => {
  it('the newly masked area turns black in the shown frames within seconds while the player keeps playing', async () => {
    await chooseToWatch(page, server.url, { live: true, cameras: [], incidentRef });
    await page.getByRole('button', { name: 'Live meekijken' }).click();
    const video = page.getByTestId('viewing-video');
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 30_000 }).toBeGreaterThan(1);
    /** The brightest pixel inside the area (3 % in from its edges), as the browser shows the frame now. */
    const brightestInArea = () => video.evaluate((v: HTMLVideoElement, a: { x0: number; y0: number; x1: number; y1: number }) => {
      const c = document.createElement('canvas');
      c.width = 320;
      c.height = 240;
      const g = c.getContext('2d')!;
      g.drawImage(v, 0, 0, 320, 240);
      const x0 = Math.ceil(a.x0 * 320);
      const y0 = Math.ceil(a.y0 * 240);
      const d = g.getImageData(x0, y0, Math.floor(a.x1 * 320) - x0, Math.floor(a.y1 * 240) - y0).data;
      let max = 0;
      for (let i = 0; i < d.length; i += 4) max = Math.max(max, 0.299 * d[i]! + 0.587 * d[i + 1]! + 0.114 * d[i + 2]!);
      return max;
    }, { x0: 0.08, y0: 0.48, x1: 0.42, y1: 0.92 });
    // Visible before (the test can fail).
    expect(await brightestInArea()).toBeGreaterThan(40);
    const before = await video.evaluate((v: HTMLVideoElement) => v.currentTime);

    const admin = { id: 'admin-e2e', username: 'admin-e2e', displayName: 'Beheerder', role: 'admin' } as never;
    await server.toezicht.masks.service.save(cameraId, [area], 'DOM-2: de voordeur van de buren in beeld', admin, null);
    const savedAt = Date.now();
    await expect.poll(brightestInArea, { timeout: 8_000, interval: 100 }).toBeLessThanOrEqual(24);
    const blackAfterMs = Date.now() - savedAt;
    console.log(`live view in Chromium: the new mask black in the shown frame ${blackAfterMs} ms after the save`);

    // The same player goes on: its time advances and stays black in the area; no error on the page.
    const at = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
    expect(at).toBeGreaterThan(before);
    await page.waitForTimeout(3_000);
    expect(await video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThan(at + 1.5);
    expect(await brightestInArea()).toBeLessThanOrEqual(24);
    expect(await video.evaluate((v: HTMLVideoElement) => v.error)).toBeNull();
    await page.getByRole('button', { name: 'Stoppen met bekijken' }).click();
    await page.getByRole('button', { name: 'Live meekijken' }).waitFor();
  }, 120_000);
});
