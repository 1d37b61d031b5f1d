import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCameras } from '../../src/bin/demo.js';
import { systemClock } from '../../src/platform/clock.js';
import type { Polygon } from '../../src/masks/polygon.js';
import { resolveBinaries, type FfmpegBinaries } from '../../src/recording/media-tools.js';
import { decodeTime, videoTimescale } from '../../src/viewing/live-feeds.js';
import { createTestApp, type Client, type TestApp } from '../support/app.js';
import { dialects } from '../support/databases.js';
import { grayFrames, maskInterior, maxIn, spread, unmaskedArea } from './frames.js';
import { grantMaskLift } from './support.js';

/**
 * A running live feed follows a privacy-mask edit and the end of a lift within seconds (issue 9):
 * the viewer stays on the same stream (its player's MediaSource continues), which carries a new
 * init part and then fragments from a transcode with the new masks, their decode times continued on
 * the viewer's timeline. The stream is read as the player reads it (one HTTP response), split at the
 * new init part, and both parts are decoded by ffmpeg and their pixels checked.
 */
const W = 320;
const H = 240;
/** The demo scene's lit window (as the acceptance test), and a second area drawn while the viewer watches. */
const window = { name: 'Raam buren', points: [{ x: 0.6, y: 0.1 }, { x: 0.93, y: 0.1 }, { x: 0.93, y: 0.37 }, { x: 0.76, y: 0.4 }, { x: 0.6, y: 0.37 }] };
const added = { name: 'Voordeur buren', points: [{ x: 0.05, y: 0.45 }, { x: 0.45, y: 0.45 }, { x: 0.45, y: 0.95 }, { x: 0.05, y: 0.95 }] };
const windowInner = maskInterior([window.points] as Polygon[], W, H, 3);
const addedInner = maskInterior([added.points] as Polygon[], W, H, 3);
const outsideBoth = unmaskedArea([window.points, added.points] as Polygon[], W, H, 3);

/** Reads a live stream in the background, as the player does: every chunk with its arrival time; ended() says whether the server ended it. */
function reading(c: Client, streamUrl: string) {
  const chunks: { at: number; bytes: Buffer }[] = [];
  let ended = false;
  let stopping = false;
  let reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
  const done = (async () => {
    const res = await c.get(streamUrl);
    expect(res.status).toBe(200);
    reader = res.body!.getReader();
    for (;;) {
      const { value, done: end } = await reader.read();
      if (end) {
        ended = !stopping;
        return;
      }
      chunks.push({ at: Date.now(), bytes: Buffer.from(value) });
    }
  })();
  return {
    chunks,
    ended: () => ended,
    async stop() {
      stopping = true;
      await reader?.cancel();
      await done.catch(() => undefined);
    },
  };
}

/** Splits a stream into its parts, each starting with an init part (ftyp); with when each part's first byte arrived. */
function parts(chunks: { at: number; bytes: Buffer }[]): { at: number; bytes: Buffer }[] {
  const all = Buffer.concat(chunks.map((c) => c.bytes));
  const arrival: number[] = [];
  let offset = 0;
  for (const c of chunks) {
    arrival.push(offset);
    offset += c.bytes.length;
  }
  const atOffset = (o: number) => chunks[arrival.findLastIndex((a) => a <= o)]!.at;
  const starts: number[] = [];
  for (let at = 0; at + 8 <= all.length;) {
    const size = all.readUInt32BE(at);
    if (size < 8) break;
    if (all.toString('latin1', at + 4, at + 8) === 'ftyp') starts.push(at);
    at += size;
  }
  return starts.map((s, i) => ({ at: atOffset(s), bytes: all.subarray(s, starts[i + 1] ?? all.length) }));
}

/** The decode times (seconds) of a part's fragments. */
function times(part: Buffer): number[] {
  const out: number[] = [];
  let timescale = 90_000;
  for (let at = 0; at + 8 <= part.length;) {
    const size = part.readUInt32BE(at);
    const type = part.toString('latin1', at + 4, at + 8);
    if (type === 'moov') timescale = videoTimescale(part.subarray(0, at + size));
    if (type === 'moof') out.push(Number(decodeTime(part.subarray(at, at + size))) / timescale);
    at += size;
  }
  return out;
}

describe.each(dialects)('live feeds follow privacy-mask changes (%s)', (dialect) => {
  let t: TestApp;
  let ff: FfmpegBinaries;
  let cameraId = '';
  let incidentRef = '';

  beforeAll(async () => {
    ff = await resolveBinaries();
    t = await createTestApp(dialect);
    cameraId = (await seedDemoCameras(t.toezicht, new Date()))[0] ?? '';
    const admin = await t.loginAs('admin');
    const saved = await admin.request('PUT', `/api/masks/cameras/${cameraId}`, { polygons: [window], reason: 'DOM-2: raam van de buren in beeld' });
    expect(saved.status, await saved.clone().text()).toBe(200);
    await grantMaskLift(t, systemClock, ['wijkbeheerder']);
    incidentRef = (await t.toezicht.cases.incidents.report(
      { type: 'vandalism', place: 'Entree', occurredFrom: new Date(Date.now() - 60_000).toISOString(), occurredTo: new Date().toISOString(), cameraIds: [cameraId], description: 'Ruit ingegooid', reporter: 'Bewoner' },
      { id: null, name: 'test', role: 'wijkbeheerder' },
    )).ref;
  }, 120_000);
  afterAll(() => t?.close());

  async function watch(c: Client, body: Record<string, unknown>) {
    const created = await c.post('/api/viewing/sessions', { cameraIds: [cameraId], scope: 'live', ...body });
    expect(created.status, await created.clone().text()).toBe(201);
    const sessionId = ((await created.json()) as { session: { id: string } }).session.id;
    const started = await c.post(`/api/viewing/sessions/${sessionId}/live`, { cameraId });
    expect(started.status, await started.clone().text()).toBe(200);
    return { sessionId, stream: reading(c, ((await started.json()) as { streamUrl: string }).streamUrl) };
  }

  const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('a mask drawn while a viewer watches is black in the live picture within seconds, on the same stream', async () => {
    const police = await t.loginAs('police');
    const { stream } = await watch(police, { identification: 'Politie, 123456', reasonText: 'Onderzoek inbraak' });
    await settle(3_000);
    const admin = await t.loginAs('admin');
    const saved = await admin.request('PUT', `/api/masks/cameras/${cameraId}`, { polygons: [window, added], reason: 'DOM-2: ook de voordeur van de buren' });
    expect(saved.status, await saved.clone().text()).toBe(200);
    const savedAt = Date.now();
    await settle(6_000);
    await stream.stop();
    expect(stream.ended(), 'the stream went on (the player continues)').toBe(false);

    const [before, after, ...more] = parts(stream.chunks);
    expect(more).toEqual([]);
    expect(after, 'a new init part on the same stream').toBeTruthy();
    expect(after!.at - savedAt, 'ms from the save to the new picture').toBeLessThan(5_000);
    const old = await grayFrames(ff.ffmpeg, before!.bytes, W, H);
    const next = await grayFrames(ff.ffmpeg, after!.bytes, W, H);
    // Before: the window masked, the area about to be masked visible (the test can fail).
    expect(maxIn(old, windowInner)).toBeLessThanOrEqual(8);
    expect(maxIn(old, addedInner)).toBeGreaterThan(40);
    // After: both black in every frame, the rest of the picture there.
    expect(next.length).toBeGreaterThan(10);
    expect(maxIn(next, addedInner)).toBeLessThanOrEqual(8);
    expect(maxIn(next, windowInner)).toBeLessThanOrEqual(8);
    for (const f of next) expect(spread(f, outsideBoth)).toBeGreaterThan(3);
    // The new fragments continue the viewer's timeline (no jump back to 0, no leap ahead).
    const [a, b] = [times(before!.bytes), times(after!.bytes)];
    expect(b[0]!).toBeGreaterThan(a[a.length - 1]! - 1.5);
    expect(b[0]!).toBeLessThan(a[a.length - 1]! + 5);
    for (let i = 1; i < b.length; i++) expect(b[i]!).toBeGreaterThan(b[i - 1]!);
  }, 60_000);

  it('when a lift ends the lifted viewer\'s live picture is masked again within seconds, on the same stream', async () => {
    const wijk = await t.loginAs('wijkbeheerder');
    const created = await wijk.post('/api/viewing/sessions', { cameraIds: [cameraId], scope: 'live', caseRef: incidentRef });
    expect(created.status, await created.clone().text()).toBe(201);
    const sessionId = ((await created.json()) as { session: { id: string } }).session.id;
    const lifted = await wijk.post(`/api/masks/cameras/${cameraId}/lifts`, { reason: 'Live: iemand klimt bij het raam naar binnen', minutes: 15, viewSessionId: sessionId });
    expect(lifted.status, await lifted.clone().text()).toBe(201);
    const liftId = ((await lifted.json()) as { lift: { id: string } }).lift.id;
    const started = await wijk.post(`/api/viewing/sessions/${sessionId}/live`, { cameraId });
    expect(started.status).toBe(200);
    const stream = reading(wijk, ((await started.json()) as { streamUrl: string }).streamUrl);
    await settle(3_000);
    const ended = await wijk.post(`/api/masks/cameras/${cameraId}/lifts/${liftId}/end`);
    expect(ended.status, await ended.clone().text()).toBe(200);
    const endedAt = Date.now();
    await settle(5_000);
    await stream.stop();
    expect(stream.ended()).toBe(false);

    const [before, after] = parts(stream.chunks);
    expect(after, 'a new init part on the same stream').toBeTruthy();
    expect(after!.at - endedAt).toBeLessThan(5_000);
    expect(maxIn(await grayFrames(ff.ffmpeg, before!.bytes, W, H), windowInner), 'lifted: the window is visible').toBeGreaterThan(120);
    const next = await grayFrames(ff.ffmpeg, after!.bytes, W, H);
    expect(next.length).toBeGreaterThan(5);
    expect(maxIn(next, windowInner)).toBeLessThanOrEqual(8);
    expect(maxIn(next, addedInner)).toBeLessThanOrEqual(8);
  }, 60_000);
});
