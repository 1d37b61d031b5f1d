import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCameras } from '../../src/bin/demo.js';
import { createTestApp, type Client, type TestApp } from '../support/app.js';

/** Live view over HTTP: a live view session, the camera's on-demand feed as fMP4, token-bound. */
describe('live view over HTTP (sqlite)', () => {
  let t: TestApp;
  let wijk: Client;
  let cameraId: string;
  let incidentRef: string;

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    [cameraId] = (await seedDemoCameras(t.toezicht)) as [string];
    wijk = await t.loginAs('wijkbeheerder');
    const now = Date.now();
    incidentRef = (
      await t.toezicht.cases.incidents.report(
        { type: 'nuisance', place: 'Hal', occurredFrom: new Date(now - 60_000).toISOString(), occurredTo: new Date(now).toISOString(), cameraIds: [], description: 'Overlast nu', reporter: 'Bewoner' },
        { id: null, name: 'test', role: 'wijkbeheerder' },
      )
    ).ref;
  }, 60_000);
  afterAll(() => t.close());

  it('streams the init part and fragments within seconds; another user gets 403; the start is logged', async () => {
    expect(cameraId).toBeTruthy();
    const started = await wijk.post('/api/viewing/sessions', { scope: 'live', cameraIds: [cameraId], caseRef: incidentRef });
    expect(started.status).toBe(201);
    const { session } = (await started.json()) as { session: { id: string } };
    const t0 = Date.now();
    const live = await wijk.post(`/api/viewing/sessions/${session.id}/live`, { cameraId });
    expect(live.status).toBe(200);
    const { streamUrl, codec } = (await live.json()) as { streamUrl: string; codec: string };
    expect(codec).toMatch(/^avc1\.[0-9a-f]{6}$/);

    const other = await t.loginAs('wijkbeheerder', 'other-wijk');
    expect((await other.get(streamUrl)).status).toBe(403);
    expect((await (await t.loginAs('privacy_officer')).get(streamUrl)).status).toBe(403);

    const res = await wijk.get(streamUrl);
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let bytes = Buffer.alloc(0);
    while (bytes.indexOf('mdat', 0, 'latin1') < 0) {
      const { value, done } = await reader.read();
      if (done) break;
      bytes = Buffer.concat([bytes, Buffer.from(value)]);
    }
    await reader.cancel();
    expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
    expect(bytes.indexOf('moof', 0, 'latin1')).toBeGreaterThan(0);
    // From asking for the camera to the first fragment: the feed starts on demand.
    expect(Date.now() - t0).toBeLessThan(8000);
    const entry = await t.toezicht.database.db.selectFrom('logbook_entries').selectAll().where('action', '=', 'footage.live_view_started').executeTakeFirstOrThrow();
    expect(JSON.parse(entry.subject)).toMatchObject({ viewSession: session.id, scope: 'live', cameras: [cameraId] });
    // Ending the view session ends its stream (checked every few seconds).
    const again = await wijk.get(streamUrl);
    const tail = again.body!.getReader();
    await tail.read();
    expect((await wijk.post(`/api/viewing/sessions/${session.id}/end`, {})).status).toBe(200);
    const endedAt = Date.now();
    for (;;) {
      const { done } = await tail.read();
      if (done) break;
    }
    expect(Date.now() - endedAt).toBeLessThan(7000);
    // A playback session cannot take the live stream.
    const playbackOfLive = await wijk.post('/api/viewing/sessions', { scope: 'live', cameraIds: [cameraId], caseRef: incidentRef });
    const liveId = ((await playbackOfLive.json()) as { session: { id: string } }).session.id;
    expect((await wijk.post(`/api/viewing/sessions/${liveId}/playback`, { cameraId, at: new Date().toISOString() })).status).toBe(400);
  }, 30_000);
});
