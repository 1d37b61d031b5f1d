import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCameras } from '../../src/bin/demo.js';
import { Browsers } from '../support/browser.js';
import { startTestServer } from '../support/server.js';
import { addActiveCamera } from '../viewing/cameras.js';
import { ClockCamera } from '../viewing/clock-camera.js';
import { buildWebIfStale, chooseToWatch, demoUserPage, measureLiveLatency, percentile, reportIncident } from '../viewing/e2e-support.js';

/**
 * Live view in Chromium (issue 6 item 1):
 * - latency, measured: a real RTSP camera (GStreamer) burns the wall-clock time into every frame;
 *   the browser reads it back from each decoded frame (requestVideoFrameCallback → canvas) and
 *   compares it with its own clock when the frame is shown. Target ≤ 3 s.
 * - a grid: an incident's two cameras live side by side, each with the watermark, both advancing,
 *   one view session for both in the logboek.
 */
type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
let camera: ClockCamera;
const browsers = new Browsers();
/** One browser, logged in once (the second factor is enrolled at the first login), for both tests. */
let page: Page;
let incidentRef = '';
let gridCameras: { id: string; name: string }[] = [];

beforeAll(async () => {
  await buildWebIfStale();
  server = await startTestServer();
  const activated = await seedDemoCameras(server.toezicht);
  const demo = (await server.toezicht.cases.cameras.list()).filter((c) => activated.includes(c.id));
  expect(demo).toHaveLength(2);
  gridCameras = demo.map((c) => ({ id: c.id, name: c.name }));
  // A typical camera: 10 fps, a keyframe every 2 s.
  camera = await ClockCamera.start({ fps: 10, gop: 20 });
  await addActiveCamera(server.toezicht, { siteId: demo[0]!.siteId, name: 'Klokcamera', streamUrl: camera.url });
  const now = Date.now();
  incidentRef = await reportIncident(server.toezicht, { type: 'nuisance', place: 'Entree', fromMs: now - 60_000, toMs: now, cameraIds: gridCameras.map((c) => c.id), description: 'Overlast bij de ingang' });
  page = await demoUserPage(browsers, server, 'wijkbeheerder');
}, 180_000);

afterAll(async () => {
  await browsers.closeAll();
  await camera?.stop();
  await server?.stop();
});

describe('live view (browser)', () => {
  it('shows a real RTSP camera with at most 3 s latency, read from the clock burnt into its frames', async () => {
    // The incident brings its two demo cameras; the clock camera is chosen instead.
    await chooseToWatch(page, server.url, { live: true, cameras: ['Klokcamera'], incidentRef });
    await page.getByRole('button', { name: 'Live meekijken' }).click();
    const video = page.getByTestId('viewing-video');
    // Starting the camera's ffmpeg and the first fragment can take long on a loaded 2-core machine; the latency is measured below, once it plays.
    await video.waitFor({ timeout: 45_000 });
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 30_000 }).toBeGreaterThan(0.5);

    // Every frame shown: draw it, read its clock, compare with the browser's clock at its display time.
    const { latency, unreadable } = await measureLiveLatency(page, video, 10_000);
    const p50 = percentile(latency, 50);
    const p95 = percentile(latency, 95);
    console.log(`live latency (clock camera, 10 fps, GOP 2 s): ${latency.length} frames, p50 ${Math.round(p50)} ms, p95 ${Math.round(p95)} ms, max ${Math.round(Math.max(...latency))} ms, unreadable ${unreadable}`);
    // 10 s at 10 fps: most frames are shown and readable (a live view that stalls or falls behind fails here).
    expect(latency.length).toBeGreaterThan(50);
    expect(unreadable).toBeLessThan(latency.length / 10);
    expect(Math.min(...latency)).toBeGreaterThan(0);
    expect(p95).toBeLessThanOrEqual(3000);
    if (process.env.TOEZICHT_E2E_SCREENSHOTS) await page.screenshot({ path: path.join(process.env.TOEZICHT_E2E_SCREENSHOTS, 'viewing-live-clock.png'), fullPage: true });
    await page.getByRole('button', { name: 'Stoppen met bekijken' }).click();
    await page.getByRole('button', { name: 'Live meekijken' }).waitFor();
  }, 120_000);

  it('shows an incident’s cameras live in a grid, each with the watermark; one view session records both', async () => {
    await chooseToWatch(page, server.url, { live: true, cameras: [], incidentRef });
    await page.getByRole('button', { name: 'Live meekijken' }).click();
    const grid = page.getByTestId('viewing-live-grid');
    await grid.waitFor();
    const videos = grid.getByTestId('viewing-video');
    await expect.poll(() => videos.count(), { timeout: 20_000 }).toBe(2);
    const times = () => videos.evaluateAll((vs: HTMLVideoElement[]) => vs.map((v) => v.currentTime));
    await expect.poll(async () => Math.min(...(await times())), { timeout: 30_000 }).toBeGreaterThan(0.5);
    const first = await times();
    await page.waitForTimeout(2500);
    const later = await times();
    expect(later[0]!).toBeGreaterThan(first[0]! + 1);
    expect(later[1]!).toBeGreaterThan(first[1]! + 1);
    const frames = await videos.evaluateAll((vs: HTMLVideoElement[]) => vs.map((v) => v.getVideoPlaybackQuality().totalVideoFrames));
    expect(Math.min(...frames)).toBeGreaterThan(10);
    expect(await videos.evaluateAll((vs: HTMLVideoElement[]) => vs.map((v) => v.dataset.camera).sort())).toEqual(gridCameras.map((c) => c.id).sort());
    const marks = grid.getByTestId('viewing-watermark');
    expect(await marks.count()).toBe(2);
    for (const text of await marks.allInnerTexts()) expect(text).toContain('Wim de Wijkbeheerder');
    if (process.env.TOEZICHT_E2E_SCREENSHOTS) await page.screenshot({ path: path.join(process.env.TOEZICHT_E2E_SCREENSHOTS, 'viewing-live-grid.png'), fullPage: true });
    await page.getByRole('button', { name: 'Stoppen met bekijken' }).click();
    await page.getByRole('button', { name: 'Live meekijken' }).waitFor();

    const db = server.toezicht.database.db;
    const started = await db.selectFrom('logbook_entries').selectAll().where('action', '=', 'footage.live_view_started').where('case_ref', '=', incidentRef).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    const subject = JSON.parse(started.subject) as { viewSession: string; cameras: string[] };
    expect([...subject.cameras].sort()).toEqual(gridCameras.map((c) => c.id).sort());
    const ended = await db.selectFrom('logbook_entries').selectAll().where('action', '=', 'footage.live_view_ended').execute();
    const mine = ended.map((e) => JSON.parse(e.subject) as { viewSession: string; watched: { camera: string }[] }).find((s) => s.viewSession === subject.viewSession)!;
    expect(new Set(mine.watched.map((w) => w.camera))).toEqual(new Set(gridCameras.map((c) => c.id)));
  }, 120_000);
});
