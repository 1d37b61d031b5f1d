import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock.js';
import { openThumbnail, sealThumbnail, thumbnailDay } from '../../src/redaction/jobs/thumbnail-crypto.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { dialects } from '../support/databases.js';
import { recordScene } from './analysis.support.js';

/**
 * Track thumbnails are personal data: encrypted at rest with the day key of the footage they were
 * cut from, so they go with the footage (INV-9) and stay as long as a hold keeps it. Two cameras
 * record the same scene; one is held. After a retention sweep 30 days later the unheld camera's day
 * key is destroyed: its thumbnails are refused with 410; the held camera's are still shown.
 */
describe('thumbnail sealing (pure)', () => {
  const key = Buffer.alloc(32, 7);
  const jpeg = Buffer.from('ffd8ffe000104a464946', 'hex');
  it('round-trips, is not a JPEG at rest, and is bound to its analysis and track', () => {
    const sealed = sealThumbnail(key, jpeg, 'a1', 't1');
    expect(sealed.subarray(0, 3).toString('hex')).not.toBe('ffd8ff');
    expect(sealed.includes(jpeg)).toBe(false);
    expect(openThumbnail(key, sealed, 'a1', 't1')).toEqual(jpeg);
    expect(() => openThumbnail(key, sealed, 'a1', 't2')).toThrow();
    expect(() => openThumbnail(Buffer.alloc(32, 8), sealed, 'a1', 't1')).toThrow();
  });
  it.each([
    ['inside the first segment', '2026-03-01T23:59:58Z', '2026-03-01'],
    ['in a segment that started the day before', '2026-03-02T00:00:01Z', '2026-03-01'],
    ['inside the next day\'s segment', '2026-03-02T00:00:05Z', '2026-03-02'],
    ['after the last segment', '2026-03-02T00:01:00Z', '2026-03-02'],
  ])('the day of a thumbnail taken %s is its segment\'s', (_what, at, day) => {
    const segments = [
      { start: new Date('2026-03-01T23:59:56Z'), end: new Date('2026-03-02T00:00:04Z'), day: '2026-03-01' },
      { start: new Date('2026-03-02T00:00:04Z'), end: new Date('2026-03-02T00:00:12Z'), day: '2026-03-02' },
    ];
    expect(thumbnailDay(segments, new Date(at))).toBe(day);
  });
});

describe.each(dialects)('redaction thumbnails are encrypted with the footage day key (%s)', (dialect) => {
  let t: TestApp;
  let clock: ManualClock;
  let requestId = '';
  const anchorMs = Math.floor(Date.now() / 1000) * 1000 - 120_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  const actor = { id: 'u-wijk', name: 'wijkbeheerder-user', role: 'wijkbeheerder' } as never;
  const analysed = new Map<string, { id: string; thumbnails: string[] }>();

  beforeAll(async () => {
    clock = new ManualClock(new Date());
    t = await createTestApp(dialect, { profile: 'domijn', clock });
    for (const camera of ['cam-vrij', 'cam-vast']) await recordScene(t.toezicht, camera, { anchorMs, seconds: 8 });
    requestId = (await t.toezicht.cases.requests.file({
      kind: 'access', channel: 'letter', requester: { category: 'data_subject', name: 'A. Bewoner', contact: 'a@example.test' },
      details: { window: { location: 'Hal', from: iso(anchorMs), to: iso(anchorMs + 8_000) } },
    } as never, actor)).id;
  }, 120_000);
  afterAll(() => t?.close());

  it('serves each thumbnail as a JPEG while the stored bytes are sealed, not a JPEG', async () => {
    const wijk = await t.loginAs('wijkbeheerder');
    for (const camera of ['cam-vrij', 'cam-vast']) {
      const res = await wijk.post('/api/redaction/analyses', { requestId, cameraId: camera, from: iso(anchorMs), to: iso(anchorMs + 8_000), settings: { fps: 10, width: 320, detectors: ['motion'] } });
      expect(res.status, await res.clone().text()).toBe(202);
      const { analysis } = (await res.json()) as { analysis: { id: string } };
      expect((await t.toezicht.redaction.analysis.whenFinished(analysis.id, 60_000)).state).toBe('done');
      const { tracks } = (await (await wijk.get(`/api/redaction/analyses/${analysis.id}/tracks`)).json()) as { tracks: { id: string; thumbnailUrl: string | null }[] };
      const urls = tracks.map((tr) => tr.thumbnailUrl).filter((u): u is string => !!u);
      expect(urls.length).toBeGreaterThanOrEqual(2);
      for (const url of urls) {
        const res = await wijk.get(url);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('image/jpeg');
        expect(Buffer.from(await res.arrayBuffer()).subarray(0, 3).toString('hex')).toBe('ffd8ff');
      }
      const rows = await t.toezicht.database.db.withTables<{ redaction_tracks: { thumbnail_day: string | null } }>()
        .selectFrom('redaction_tracks').selectAll().where('analysis_id', '=', analysis.id).where('thumbnail_path', 'is not', null).execute();
      expect(rows.length).toBe(urls.length);
      for (const row of rows) {
        expect(row.thumbnail_day).toBe(iso(anchorMs).slice(0, 10));
        const stored = fs.readFileSync(path.join(t.toezicht.config.dataDir, 'cases', 'documents', row.thumbnail_path!));
        expect(stored.subarray(0, 3).toString('hex')).not.toBe('ffd8ff');
        expect(stored.subarray(0, 6).toString('latin1')).toBe('TZSEG1');
        expect(stored.indexOf(Buffer.from('JFIF')), 'no JPEG marker in the clear').toBe(-1);
        expect((fs.statSync(path.join(t.toezicht.config.dataDir, 'cases', 'documents', row.thumbnail_path!)).mode & 0o777).toString(8)).toBe('600');
      }
      analysed.set(camera, { id: analysis.id, thumbnails: urls });
    }
  }, 120_000);

  it('after retention destroys the day key the thumbnail is refused with 410; a held camera\'s stays', async () => {
    const { toezicht } = t;
    await toezicht.recording.holds.create(
      { cameraIds: ['cam-vast'], from: iso(anchorMs - 60_000), to: iso(anchorMs + 60_000), reason: 'Inbraak: beelden bewaren voor de politie', caseRef: null },
      { id: null, name: 'test', role: 'wijkbeheerder' } as never,
    );
    clock.advance(30 * 86_400_000);
    const swept = await toezicht.recording.retention.sweep();
    expect(swept.keysDestroyed).toBeGreaterThanOrEqual(1);
    expect(await toezicht.recording.keys.isLive('cam-vrij', iso(anchorMs).slice(0, 10))).toBe(false);
    expect(await toezicht.recording.keys.isLive('cam-vast', iso(anchorMs).slice(0, 10))).toBe(true);

    const wijk = await t.loginAs('wijkbeheerder', 'wijk-later');
    for (const url of analysed.get('cam-vrij')!.thumbnails) {
      const res = await wijk.get(url);
      expect(res.status).toBe(410);
      const problem = (await res.json()) as { code: string; title: string };
      expect(problem.code).toBe('redaction_thumbnail_gone');
      expect(problem.title).toMatch(/past its retention.*key was destroyed/);
    }
    for (const url of analysed.get('cam-vast')!.thumbnails) {
      const res = await wijk.get(url);
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).subarray(0, 3).toString('hex')).toBe('ffd8ff');
    }
  }, 120_000);
});
