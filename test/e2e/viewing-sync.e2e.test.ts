import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCameras } from '../../src/bin/demo.js';
import { Browsers } from '../support/browser.js';
import { startTestServer } from '../support/server.js';
import { buildWebIfStale, chooseToWatch, demoUserPage, reportIncident } from '../viewing/e2e-support.js';
import { ingestFootage } from '../viewing/support.js';

/**
 * Synchronised playback of an incident's cameras in Chromium (issue 6 item 2). Camera A recorded
 * from T0, camera B from T0 + 4 s (so their playlists start at different instants and a player left
 * to itself would be 4 s off). Choosing the incident brings both cameras and its time; one control
 * drives both players; after playing, and again after a seek, the footage instant each player
 * shows (its playlist's start + currentTime, read at one moment) agrees within 0.5 s. The watched
 * ranges are logged per camera.
 */
type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
const browsers = new Browsers();
let page: Page;
let incidentRef = '';
let cameras: string[] = [];
// On a whole minute: the incident's time is given to the minute, and playback starts there.
const t0 = Math.floor((Date.now() - 10 * 60_000) / 60_000) * 60_000;

beforeAll(async () => {
  await buildWebIfStale();
  server = await startTestServer();
  cameras = await seedDemoCameras(server.toezicht);
  expect(cameras).toHaveLength(2);
  await ingestFootage(server.toezicht, cameras[0]!, { seconds: 30, segmentSeconds: 2, anchorMs: t0 });
  await ingestFootage(server.toezicht, cameras[1]!, { seconds: 30, segmentSeconds: 2, anchorMs: t0 + 4000 });
  incidentRef = await reportIncident(server.toezicht, { type: 'theft', place: 'Fietsenstalling', fromMs: t0, toMs: t0 + 60_000, cameraIds: cameras, description: 'Fiets gestolen' });
  page = await demoUserPage(browsers, server, 'wijkbeheerder');
}, 180_000);

afterAll(async () => {
  await browsers.closeAll();
  await server?.stop();
});

/** The footage instant each player shows, read at one moment: its playlist's start + its currentTime. */
async function shown(): Promise<{ camera: string; at: number; paused: boolean }[]> {
  return page.getByTestId('sync-video').evaluateAll((vs: HTMLVideoElement[]) =>
    vs.map((v) => ({ camera: v.dataset.camera!, at: Date.parse(v.dataset.playlistStart!) + v.currentTime * 1000, paused: v.paused })),
  );
}

async function expectInSync(after: number): Promise<number> {
  await expect.poll(async () => (await shown()).every((p) => !p.paused && p.at > after), { timeout: 30_000 }).toBe(true);
  await page.waitForTimeout(3000);
  const now = await shown();
  console.log(`synchronised players: ${now.map((p) => `${p.camera} ${new Date(p.at).toISOString()}`).join(', ')}; apart ${Math.round(Math.abs(now[0]!.at - now[1]!.at))} ms`);
  expect(now.every((p) => !p.paused)).toBe(true);
  expect(Math.abs(now[0]!.at - now[1]!.at)).toBeLessThan(500);
  return Math.min(now[0]!.at, now[1]!.at);
}

describe('synchronised playback (browser)', () => {
  it('plays an incident’s two cameras on one clock with one control, also after a seek; logs each camera’s ranges', async () => {
    await chooseToWatch(page, server.url, { live: false, cameras: [], incidentRef });
    await page.getByRole('button', { name: 'Bekijken starten' }).click();
    const videos = page.getByTestId('sync-video');
    await expect.poll(() => videos.count(), { timeout: 20_000 }).toBe(2);
    expect(await page.getByTestId('viewing-watermark').count()).toBe(2);
    // Camera B has no footage before T0 + 4 s: it waits while A plays, then both play on the one clock.
    const first = await expectInSync(t0 + 4500);
    expect(first).toBeLessThan(t0 + 20_000);

    // One control: 10 s forward moves both players.
    await page.getByRole('button', { name: '10 s ▶' }).click();
    const second = await expectInSync(first + 9000);
    expect(second).toBeLessThan(t0 + 30_000);
    // Pause holds both.
    await page.getByRole('button', { name: 'Pauzeren' }).click();
    await expect.poll(async () => (await shown()).every((p) => p.paused), { timeout: 5000 }).toBe(true);
    if (process.env.TOEZICHT_E2E_SCREENSHOTS) await page.screenshot({ path: path.join(process.env.TOEZICHT_E2E_SCREENSHOTS, 'viewing-sync.png'), fullPage: true });
    await page.getByRole('button', { name: 'Stoppen met bekijken' }).click();
    await page.getByRole('button', { name: 'Bekijken starten' }).waitFor();

    const db = server.toezicht.database.db;
    const started = await db.selectFrom('logbook_entries').selectAll().where('action', '=', 'footage.playback_started').where('case_ref', '=', incidentRef).executeTakeFirstOrThrow();
    const session = (JSON.parse(started.subject) as { viewSession: string }).viewSession;
    const viewed = (await db.selectFrom('logbook_entries').selectAll().where('action', '=', 'footage.viewed').execute())
      .map((e) => JSON.parse(e.subject) as { viewSession: string; camera: string; from: string; to: string })
      .filter((s) => s.viewSession === session);
    expect(new Set(viewed.map((v) => v.camera))).toEqual(new Set(cameras));
    // What B is logged to have shown lies within its footage (from T0 + 4 s), not A's.
    for (const v of viewed.filter((x) => x.camera === cameras[1])) expect(Date.parse(v.from)).toBeGreaterThanOrEqual(t0 + 4000);
  }, 180_000);
});
