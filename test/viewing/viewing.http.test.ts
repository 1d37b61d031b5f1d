import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock.js';
import { createTestApp, type Client, type TestApp } from '../support/app.js';
import { beheerder, cameraInput, siteInput } from '../register/support.js';
import { dialects } from '../support/databases.js';
import { ingestFootage } from './support.js';

const camera = 'cam-hall';
const base = Date.UTC(2026, 2, 3, 20, 0, 0); // 3 March, 21:00 Amsterdam

/** Watching over HTTP (issue 6): purpose binding, token-bound HLS playback, logging and the "who saw" search. */
describe.each(dialects)('viewing over HTTP (%s)', (dialect) => {
  let t: TestApp;
  let clock: ManualClock;
  let wijk: Client;
  let incidentRef: string;
  let footage: Awaited<ReturnType<typeof ingestFootage>>;

  beforeAll(async () => {
    clock = new ManualClock(new Date(base + 3 * 86_400_000));
    t = await createTestApp(dialect, { clock });
    footage = await ingestFootage(t.toezicht, camera, { seconds: 8, segmentSeconds: 2, anchorMs: base });
    wijk = await t.loginAs('wijkbeheerder');
    const incident = await t.toezicht.cases.incidents.report(
      { type: 'vandalism', place: 'Hal', occurredFrom: new Date(base).toISOString(), occurredTo: new Date(base + 300_000).toISOString(), cameraIds: [], description: 'Ruit ingegooid', reporter: 'Bewoner' },
      { id: null, name: 'test', role: 'wijkbeheerder' },
    );
    incidentRef = incident.ref;
  }, 60_000);
  afterAll(() => t.close());

  async function start(c: Client, body: Record<string, unknown>) {
    return c.post('/api/viewing/sessions', { scope: 'recordings', cameraIds: [camera], ...body });
  }

  async function playlistOf(c: Client) {
    const started = await start(c, { caseRef: incidentRef });
    expect(started.status).toBe(201);
    const { session } = (await started.json()) as { session: { id: string } };
    const playback = await c.post(`/api/viewing/sessions/${session.id}/playback`, { cameraId: camera, at: new Date(base + 1000).toISOString() });
    expect(playback.status).toBe(200);
    const { playlistUrl } = (await playback.json()) as { playlistUrl: string };
    return { sessionId: session.id, playlistUrl };
  }

  it('refuses to start without a reason, and with a free-text reason the profile does not allow (X-2)', async () => {
    const none = await start(wijk, {});
    expect(none.status).toBe(403);
    expect(await none.json()).toMatchObject({ code: 'reason_required', rule: 'X-2' });
    const free = await start(wijk, { reasonText: 'even kijken' });
    expect(free.status).toBe(403);
    expect(await free.json()).toMatchObject({ code: 'free_text_refused', rule: 'X-2' });
    const unknown = await start(wijk, { caseRef: 'IN-2026-ZZZZZZ' });
    expect((await unknown.json()) as object).toMatchObject({ code: 'case_not_found' });
    const noCamera = await start(wijk, { caseRef: incidentRef, cameraIds: ['cam-nowhere'] });
    expect(noCamera.status).toBe(400);
    expect(await noCamera.json()).toMatchObject({ code: 'camera_unknown' });
  });

  it('police first record identification and reason (SOE-5)', async () => {
    const police = await t.loginAs('police');
    // Police state their own reason: the organisation's cases are not offered to them.
    expect(((await (await police.get('/api/viewing/options')).json()) as { cases: unknown[]; identificationRequired: boolean })).toMatchObject({ cases: [], identificationRequired: true });
    const bare = await start(police, {});
    expect(bare.status).toBe(403);
    expect(await bare.json()).toMatchObject({ code: 'identification_required', rule: 'SOE-5' });
    const ok = await start(police, { identification: 'Politie Oost-NL, 123456', reasonText: 'Onderzoek inbraak PL0600-2026' });
    expect(ok.status).toBe(201);
    const entry = await t.toezicht.database.db.selectFrom('logbook_entries').selectAll().where('action', '=', 'footage.playback_started').where('actor_role', '=', 'police').executeTakeFirstOrThrow();
    expect(JSON.parse(entry.subject)).toMatchObject({ identification: 'Politie Oost-NL, 123456', reason: 'police_investigation', cameras: [camera] });
    expect(entry.reason).toBe('Onderzoek inbraak PL0600-2026');
  });

  it('plays an open incident’s footage as HLS: playlist, init and media parts decrypted in memory, byte-identical', async () => {
    const { sessionId, playlistUrl } = await playlistOf(wijk);
    const entry = await t.toezicht.database.db.selectFrom('logbook_entries').selectAll().where('action', '=', 'footage.playback_started').where('case_ref', '=', incidentRef).executeTakeFirstOrThrow();
    expect(JSON.parse(entry.subject)).toMatchObject({ viewSession: sessionId, cameras: [camera], reason: 'incident' });
    const res = await wijk.get(playlistUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('mpegurl');
    const m3u8 = await res.text();
    expect(m3u8).toContain('#EXT-X-ENDLIST');
    const media = m3u8.split('\n').filter((l) => l.startsWith('segments/'));
    const inits = [...m3u8.matchAll(/#EXT-X-MAP:URI="([^"]+)"/g)].map((m) => m[1]!);
    expect(media).toHaveLength(footage.segments.length);
    const dir = playlistUrl.slice(0, playlistUrl.indexOf('playlist.m3u8'));
    for (const [i, line] of media.entries()) {
      const init = Buffer.from(await (await wijk.get(dir + inits[i])).arrayBuffer());
      const part = Buffer.from(await (await wijk.get(dir + line)).arrayBuffer());
      expect(init.subarray(4, 8).toString()).toBe('ftyp');
      expect(part.subarray(4, 8).toString()).toBe('moof');
      expect(Buffer.concat([init, part]).equals(footage.plaintext[i]!)).toBe(true);
    }
  });

  it('media URLs are bound to the user, the login session and the role; expired or tampered ones give 403', async () => {
    const { playlistUrl } = await playlistOf(wijk);
    const m3u8 = await (await wijk.get(playlistUrl)).text();
    const segmentUrl = playlistUrl.slice(0, playlistUrl.indexOf('playlist.m3u8')) + m3u8.split('\n').find((l) => l.startsWith('segments/'))!;
    // Another user who may view footage, replaying the URL.
    const other = await t.loginAs('wijkbeheerder', 'second-wijkbeheerder');
    expect((await other.get(playlistUrl)).status).toBe(403);
    expect((await other.get(segmentUrl)).status).toBe(403);
    // A role without view_recordings: can() refuses and names the rule.
    const privacy = await t.loginAs('privacy_officer');
    const denied = await privacy.get(segmentUrl);
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { rule?: string }).rule).toBeTruthy();
    expect((await privacy.get(playlistUrl)).status).toBe(403);
    // Anonymous.
    expect((await t.client().get(segmentUrl)).status).toBe(401);
    // Tampered: another segment id with this token.
    expect((await wijk.get(segmentUrl.replace(/segments\/(\d+)\//, (_m, n: string) => `segments/${Number(n) + 1}/`))).status).toBe(403);
    // Expired.
    clock.advance(21 * 60_000);
    try {
      expect((await wijk.get(segmentUrl)).status).toBe(403);
      expect((await wijk.get(playlistUrl)).status).toBe(403);
    } finally {
      clock.advance(-21 * 60_000);
    }
  });

  it('records watched ranges in the logboek and answers "who saw the camera between 21:00 and 21:05"', async () => {
    const { sessionId } = await playlistOf(wijk);
    const from = new Date(base + 1000).toISOString();
    const report = await wijk.post(`/api/viewing/sessions/${sessionId}/ranges`, { ranges: [{ cameraId: camera, key: 'r1', from, to: new Date(base + 4000).toISOString(), final: true }] });
    expect(await report.json()).toEqual({ logged: 1 });
    await wijk.post(`/api/viewing/sessions/${sessionId}/ranges`, { ranges: [{ cameraId: camera, key: 'r2', from: new Date(base + 6000).toISOString(), to: new Date(base + 7000).toISOString() }] });
    // The last stretch comes with the end call (the player closes it as the viewer stops).
    const ended = await wijk.post(`/api/viewing/sessions/${sessionId}/end`, { ranges: [{ cameraId: camera, key: 'r3', from: new Date(base + 7000).toISOString(), to: new Date(base + 7900).toISOString(), final: true }] });
    expect(ended.status).toBe(200);
    const viewed = await t.toezicht.database.db.selectFrom('logbook_entries').selectAll().where('action', '=', 'footage.viewed').execute();
    expect(viewed.filter((e) => JSON.parse(e.subject).viewSession === sessionId).map((e) => JSON.parse(e.subject).from).sort()).toEqual([
      from, new Date(base + 6000).toISOString(), new Date(base + 7000).toISOString(),
    ]);
    const summary = await t.toezicht.database.db.selectFrom('logbook_entries').selectAll().where('action', '=', 'footage.playback_ended').execute();
    expect(JSON.parse(summary.at(-1)!.subject)).toMatchObject({ viewSession: sessionId, cameras: [camera] });
    expect(JSON.parse(summary.at(-1)!.subject).watched).toHaveLength(3);
    // The ended session refuses further media.
    expect((await wijk.post(`/api/viewing/sessions/${sessionId}/playback`, { cameraId: camera, at: from })).status).toBe(403);

    const auditor = await t.loginAs('auditor');
    const q = (a: number, b: number) => `/api/viewing/search?cameraId=${camera}&from=${new Date(base + a).toISOString()}&to=${new Date(base + b).toISOString()}`;
    const hit = (await (await auditor.get(q(0, 300_000))).json()) as { results: { session: { id: string; user: { username: string }; caseRef: string }; ranges: unknown[] }[] };
    const mine = hit.results.find((r) => r.session.id === sessionId)!;
    expect(mine.session).toMatchObject({ user: { username: 'wijkbeheerder-user' }, caseRef: incidentRef });
    expect(mine.ranges).toHaveLength(3);
    const miss = (await (await auditor.get(q(8000, 300_000))).json()) as { results: { session: { id: string } }[] };
    expect(miss.results.some((r) => r.session.id === sessionId)).toBe(false);
    expect((await wijk.get(q(0, 300_000))).status).toBe(403);
  });

  it('footage past retention is not playable with a clear message (WCP-8); held footage stays playable', async () => {
    const old = Date.UTC(2026, 1, 1, 12, 0, 0); // older than 28 days at the test clock
    await ingestFootage(t.toezicht, 'cam-old', { seconds: 4, segmentSeconds: 2, anchorMs: old, retentionDays: 60 });
    await t.toezicht.recording.cameras.upsert({ cameraId: 'cam-old', name: 'Old', retentionDays: 28, mode: 'continuous' }, clock.now());
    const started = await start(wijk, { caseRef: incidentRef, cameraIds: ['cam-old'] });
    const { session } = (await started.json()) as { session: { id: string } };
    const refused = await wijk.post(`/api/viewing/sessions/${session.id}/playback`, { cameraId: 'cam-old', at: new Date(old).toISOString() });
    expect(refused.status).toBe(404);
    expect(await refused.json()).toMatchObject({ code: 'footage_past_retention' });
    await t.toezicht.recording.holds.create({ cameraIds: ['cam-old'], from: new Date(old - 1000).toISOString(), to: new Date(old + 10_000).toISOString(), reason: 'Politieonderzoek' }, { id: null, name: 'test', role: null });
    const held = await wijk.post(`/api/viewing/sessions/${session.id}/playback`, { cameraId: 'cam-old', at: new Date(old).toISOString() });
    expect(held.status).toBe(200);
  });

  it('footage under a restriction of processing is not served, not even by a URL minted before (AVG-18); after release it plays again', async () => {
    const at = base + 2 * 3_600_000;
    await ingestFootage(t.toezicht, 'cam-restricted', { seconds: 4, segmentSeconds: 2, anchorMs: at });
    const started = await start(wijk, { caseRef: incidentRef, cameraIds: ['cam-restricted'] });
    const { session } = (await started.json()) as { session: { id: string } };
    const before = await wijk.post(`/api/viewing/sessions/${session.id}/playback`, { cameraId: 'cam-restricted', at: new Date(at).toISOString() });
    expect(before.status).toBe(200);
    const { playlistUrl } = (await before.json()) as { playlistUrl: string };
    const playlist = await (await wijk.get(playlistUrl)).text();
    const segmentUrl = new URL(playlist.split('\n').find((line) => line.includes('media.m4s'))!, `http://x${playlistUrl}`);
    const hold = await t.toezicht.recording.holds.create(
      { cameraIds: ['cam-restricted'], from: new Date(at - 1000).toISOString(), to: new Date(at + 10_000).toISOString(), reason: 'Beperking verwerking', kind: 'restriction', caseRef: 'AV-2026-RESTR1' },
      { id: null, name: 'test', role: null },
    );
    const refused = await wijk.post(`/api/viewing/sessions/${session.id}/playback`, { cameraId: 'cam-restricted', at: new Date(at).toISOString() });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'footage_restricted', rule: 'AVG-18' });
    const segment = await wijk.get(segmentUrl.pathname + segmentUrl.search);
    expect(segment.status).toBe(403);
    await t.toezicht.recording.holds.release(hold.id, 'Beperking opgeheven', { id: null, name: 'test', role: null });
    const again = await wijk.post(`/api/viewing/sessions/${session.id}/playback`, { cameraId: 'cam-restricted', at: new Date(at).toISOString() });
    expect(again.status).toBe(200);
  });

  it('ends a session whose player went away, logging what it had reported (abandoned)', async () => {
    const { sessionId } = await playlistOf(wijk);
    await wijk.post(`/api/viewing/sessions/${sessionId}/ranges`, { ranges: [{ cameraId: camera, key: 'a1', from: new Date(base).toISOString(), to: new Date(base + 3000).toISOString() }] });
    // A keep-alive without ranges is accepted.
    expect((await wijk.post(`/api/viewing/sessions/${sessionId}/ranges`, { ranges: [] })).status).toBe(200);
    clock.advance(3 * 60_000);
    const auditor = await t.loginAs('auditor');
    await auditor.get(`/api/viewing/search?cameraId=${camera}&from=${new Date(base).toISOString()}&to=${new Date(base + 60_000).toISOString()}`);
    const ended = await t.toezicht.database.db.selectFrom('logbook_entries').selectAll().where('action', '=', 'footage.playback_ended').execute();
    const mine = ended.map((e) => JSON.parse(e.subject)).find((s) => s.viewSession === sessionId);
    expect(mine).toMatchObject({ abandoned: true, watched: [{ camera, from: new Date(base).toISOString(), to: new Date(base + 3000).toISOString() }] });
    const viewed = await t.toezicht.database.db.selectFrom('logbook_entries').selectAll().where('action', '=', 'footage.viewed').execute();
    expect(viewed.some((e) => JSON.parse(e.subject).viewSession === sessionId)).toBe(true);
    expect((await wijk.post(`/api/viewing/sessions/${sessionId}/ranges`, { ranges: [] })).status).toBe(403);
  });

  it('offers the who-saw search a camera picker: the register\'s cameras and watched ones since removed; the wijkbeheerder is refused', async () => {
    type Picker = { cameras: { id: string; name: string; siteName: string; inRegister: boolean }[] };
    const site = await t.toezicht.register.sites.create(siteInput('domijn'), beheerder);
    const added = await t.toezicht.register.cameras.create(cameraInput('domijn', site.id), beheerder);
    const auditor = await t.loginAs('auditor');
    const res = await auditor.get('/api/viewing/search/cameras');
    expect(res.status).toBe(200);
    const { cameras } = (await res.json()) as Picker;
    expect(cameras.find((c) => c.id === added.id)).toMatchObject({ inRegister: true, name: added.name, siteName: site.name });
    // This test's camera is not in the register (its segments are seeded directly) but its footage was watched above: offered, marked.
    expect(cameras.find((c) => c.id === camera)).toMatchObject({ inRegister: false, name: camera });
    expect((await wijk.get('/api/viewing/search/cameras')).status).toBe(403);
  });

  it('refuses a handled incident as reason', async () => {
    const incident = await t.toezicht.cases.incidents.report(
      { type: 'nuisance', place: 'Trap', occurredFrom: new Date(base).toISOString(), occurredTo: new Date(base + 60_000).toISOString(), cameraIds: [], description: 'Overlast', reporter: 'Bewoner' },
      { id: null, name: 'test', role: 'wijkbeheerder' },
    );
    await t.toezicht.cases.incidents.step(incident.id, { type: 'handled' }, { id: null, name: 'test', role: 'wijkbeheerder' });
    const res = await start(wijk, { caseRef: incident.ref });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'case_not_open' });
  });
});
