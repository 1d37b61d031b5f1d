import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock.js';
import { resolveBinaries } from '../../src/recording/media-tools.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { dialects } from '../support/databases.js';
import { ingestFootage } from '../viewing/support.js';
import { ffmpegBytes, maskInterior, maxIn, spread, unmaskedArea } from './frames.js';

const window = { name: 'Raam buren', points: [{ x: 0.6, y: 0.1 }, { x: 0.93, y: 0.1 }, { x: 0.93, y: 0.37 }, { x: 0.76, y: 0.4 }, { x: 0.6, y: 0.37 }] };

/**
 * The still the mask editor draws on (issue 9 item 4): the last recorded frame with the current
 * masks burnt in. It is footage: it needs the right to view recordings too, and it is logged (INV-3).
 * Soest: the beheerder both manages cameras (SOE-5) and views recordings (SOE-5).
 */
describe.each(dialects)('privacy-mask still (%s)', (dialect) => {
  let t: TestApp;
  const camera = 'cam-trap';
  const anchorMs = Math.floor(Date.now() / 1000) * 1000 - 60_000;

  beforeAll(async () => {
    const clock = new ManualClock(new Date(anchorMs + 60_000));
    t = await createTestApp(dialect, { clock, profile: 'soest' });
    await ingestFootage(t.toezicht, camera, { seconds: 2, segmentSeconds: 2, anchorMs });
  }, 60_000);
  afterAll(() => t.close());

  it('shows the last frame with the masks black, logs the look, and refuses roles without the right to view footage', async () => {
    const beheerder = await t.loginAs('beheerder');
    expect((await beheerder.request('PUT', `/api/masks/cameras/${camera}`, { polygons: [window], reason: 'SOE-8: raam van de buren' })).status).toBe(200);
    const res = await beheerder.get(`/api/masks/cameras/${camera}/still.jpg`);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    const jpeg = Buffer.from(await res.arrayBuffer());
    const gray = await ffmpegBytes((await resolveBinaries()).ffmpeg, ['-hide_banner', '-loglevel', 'error', '-f', 'image2pipe', '-c:v', 'mjpeg', '-i', 'pipe:0', '-vf', 'scale=320:240', '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1'], jpeg);
    expect(gray.length).toBe(320 * 240);
    expect(maxIn([gray], maskInterior([window.points], 320, 240, 3))).toBeLessThanOrEqual(10);
    expect(spread(gray, unmaskedArea([window.points], 320, 240, 3))).toBeGreaterThan(3);
    const entry = await t.database.db.selectFrom('logbook_entries').selectAll().where('action', '=', 'footage.still_viewed').executeTakeFirstOrThrow();
    expect(JSON.parse(entry.subject)).toMatchObject({ camera, purpose: 'privacy_mask_placement', maskVersion: 1 });
    expect(entry.actor_role).toBe('beheerder');

    // The technisch beheerder manages cameras (SOE-2/3) but may not view recordings: refused, naming the rule.
    const technician = await t.loginAs('technisch_beheerder');
    const refused = await technician.get(`/api/masks/cameras/${camera}/still.jpg`);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'still_not_allowed', rule: 'SOE-5' });
    // No footage yet: a clear 404 (the editor then offers the blank area).
    await t.toezicht.recording.cameras.upsert({ cameraId: 'cam-nieuw', name: 'Nieuw', retentionDays: 28, mode: 'continuous' }, new Date());
    const none = await beheerder.get('/api/masks/cameras/cam-nieuw/still.jpg');
    expect(none.status).toBe(404);
    expect(await none.json()).toMatchObject({ code: 'no_still' });
  });
});
