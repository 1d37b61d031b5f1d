import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock.js';
import { createTestApp, type Client, type TestApp } from '../support/app.js';
import { dialects } from '../support/databases.js';
import { grantMaskLift, neighboursWindow, publicRoad } from './support.js';

type Masks = { current: { version: number; polygons: typeof neighboursWindow[]; reason: string; createdBy: string } | null; versions: { version: number }[]; lifts: { id: string; reason: string }[]; may: { manage: boolean; lift: boolean } };

/** The mask store over HTTP on both databases (issue 9 item 4; DOM-2, WEL-4, SOE-8). */
describe.each(dialects)('privacy masks over HTTP (%s)', (dialect) => {
  let t: TestApp;
  let beheerder: Client;
  let clock: ManualClock;
  const camera = 'cam-galerij';

  beforeAll(async () => {
    clock = new ManualClock(new Date());
    t = await createTestApp(dialect, { clock });
    await t.toezicht.recording.cameras.upsert({ cameraId: camera, name: 'Galerij 3e', retentionDays: 28, mode: 'continuous' }, clock.now());
    beheerder = await t.loginAs('admin');
  }, 60_000);
  afterAll(() => t.close());

  const masksOf = async (c: Client) => (await (await c.get(`/api/masks/cameras/${camera}`)).json()) as Masks;
  const save = (c: Client, polygons: unknown[], reason = 'DOM-2: raam van nr. 12 en de openbare weg in beeld') => c.request('PUT', `/api/masks/cameras/${camera}`, { polygons, reason });

  it('saves versions with who and why, keeps every earlier version, and logs each change', async () => {
    expect((await masksOf(beheerder)).current).toBeNull();
    const first = await save(beheerder, [neighboursWindow]);
    expect(first.status, await first.clone().text()).toBe(200);
    const second = await save(beheerder, [neighboursWindow, publicRoad], 'WEL-4: ook de openbare weg afschermen');
    expect(second.status).toBe(200);
    const removed = await save(beheerder, [], 'Camera verplaatst; masker opnieuw tekenen');
    expect(removed.status).toBe(200);
    const masks = await masksOf(beheerder);
    expect(masks.versions.map((v) => v.version)).toEqual([3, 2, 1]);
    expect(masks.current).toMatchObject({ version: 3, polygons: [], createdBy: 'admin-user' });
    expect(masks.may).toEqual({ manage: true, lift: false });
    const log = await t.toezicht.database.db.selectFrom('logbook_entries').selectAll().where('action', '=', 'privacy_mask.saved').orderBy('seq').execute();
    expect(log.map((e) => JSON.parse(e.subject).version)).toEqual([1, 2, 3]);
    expect(JSON.parse(log[1]!.subject)).toMatchObject({ camera, masks: [{ name: 'Raam nr. 12', corners: 5 }, { name: 'Openbare weg', corners: 4 }], previousVersion: 1 });
    expect(log[1]!.reason).toBe('WEL-4: ook de openbare weg afschermen');
    expect((await t.toezicht.logbook.verify()).ok).toBe(true);
  });

  it.each<[string, unknown[], string, string]>([
    ['two corners', [{ name: 'x', points: [{ x: 0, y: 0 }, { x: 1, y: 1 }] }], 'polygons[0].points', 'at least 3 corners'],
    ['a corner outside the picture', [{ name: 'x', points: [{ x: 0, y: 0 }, { x: 1.5, y: 0 }, { x: 0, y: 1 }] }], 'polygons[0].points[1].x', 'between 0 and 1'],
    ['no name', [{ ...publicRoad, name: '' }], 'polygons[0].name', 'name'],
    ['too many corners', [{ name: 'x', points: Array.from({ length: 33 }, (_, i) => ({ x: 0.5 + 0.4 * Math.cos(i / 5.25), y: 0.5 + 0.4 * Math.sin(i / 5.25) })) }], 'polygons[0].points', 'at most 32 corners'],
  ])('refuses %s with a clear message naming the field', async (_, polygons, field, words) => {
    const res = await save(beheerder, polygons);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { code: string; field: string; title: string; message: { nl: string; en: string } };
    expect(body).toMatchObject({ code: 'privacy_mask_invalid', field });
    expect(body.title).toContain(words);
    expect(body.message.nl.length).toBeGreaterThan(5);
  });

  it('refuses a change without a reason, and an unknown camera', async () => {
    expect((await save(beheerder, [publicRoad], ' ')).status).toBe(400);
    expect((await beheerder.request('PUT', '/api/masks/cameras/cam-nowhere', { polygons: [publicRoad], reason: 'DOM-2 weg' })).status).toBe(404);
  });

  it('two saves at once never fail with a server error and never share a version number', async () => {
    const [a, b] = await Promise.all([save(beheerder, [publicRoad], 'Gelijktijdig A: weg'), save(beheerder, [neighboursWindow], 'Gelijktijdig B: raam')]);
    const statuses = [a.status, b.status].sort();
    expect([[200, 200], [200, 409]]).toContainEqual(statuses);
    const versions = (await masksOf(beheerder)).versions.map((v) => v.version);
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('only camera managers (Domijn: admin) change masks; the denial names the rule', async () => {
    const wijk = await t.loginAs('wijkbeheerder');
    const res = await save(wijk, [publicRoad]);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'forbidden', rule: 'DOM-7' });
  });

  it('under the shipped Domijn profile nobody lifts a mask: 403 citing DOM-2', async () => {
    await save(beheerder, [neighboursWindow]);
    for (const role of ['privacy_officer', 'admin', 'wijkbeheerder'] as const) {
      const c = await t.loginAs(role);
      const res = await c.post(`/api/masks/cameras/${camera}/lifts`, { reason: 'Inbraak bij nr. 12', minutes: 30, caseRef: 'IN-2026-000001' });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ code: 'forbidden', rule: 'DOM-2' });
    }
  });

  it('where the protocol lets the privacy officer lift, a lift needs a reason and a target, is logged, and can be ended', async () => {
    await grantMaskLift(t, clock, ['privacy_officer']);
    const officer = await t.loginAs('privacy_officer');
    expect((await masksOf(officer)).may.lift).toBe(true);
    expect((await officer.post(`/api/masks/cameras/${camera}/lifts`, { reason: 'kort', minutes: 30, caseRef: 'IN-1' })).status).toBe(400);
    expect((await officer.post(`/api/masks/cameras/${camera}/lifts`, { reason: 'Inbraak bij nr. 12', minutes: 30 })).status).toBe(400);
    expect((await officer.post(`/api/masks/cameras/${camera}/lifts`, { reason: 'Inbraak bij nr. 12', minutes: 100_000, caseRef: 'IN-1' })).status).toBe(400);
    // A lift for someone else's (or a non-existent) view session is refused.
    const foreign = await officer.post(`/api/masks/cameras/${camera}/lifts`, { reason: 'Inbraak bij nr. 12', minutes: 30, viewSessionId: 'not-mine' });
    expect(foreign.status).toBe(403);
    const res = await officer.post(`/api/masks/cameras/${camera}/lifts`, { reason: 'Inbraak bij nr. 12, politie vordert', minutes: 30, caseRef: 'IN-2026-000001' });
    expect(res.status, await res.clone().text()).toBe(201);
    const { lift } = (await res.json()) as { lift: { id: string; expiresAt: string; caseRef: string } };
    expect(new Date(lift.expiresAt).getTime() - clock.now().getTime()).toBe(30 * 60_000);
    const entry = await t.toezicht.database.db.selectFrom('logbook_entries').selectAll().where('action', '=', 'privacy_mask.lifted').executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_role: 'privacy_officer', reason: 'Inbraak bij nr. 12, politie vordert', case_ref: 'IN-2026-000001' });
    expect(JSON.parse(entry.subject)).toMatchObject({ camera, lift: lift.id });
    const applied = await t.toezicht.masks.service.toApply(camera, { caseRef: 'IN-2026-000001' });
    expect(applied).toMatchObject({ polygons: [], liftId: lift.id });
    expect((await t.toezicht.masks.service.toApply(camera, { caseRef: 'IN-2026-000002' })).polygons).toHaveLength(1);
    const ended = await officer.post(`/api/masks/cameras/${camera}/lifts/${lift.id}/end`);
    expect(ended.status).toBe(200);
    expect((await officer.post(`/api/masks/cameras/${camera}/lifts/${lift.id}/end`)).status).toBe(409);
    expect((await t.toezicht.masks.service.toApply(camera, { caseRef: 'IN-2026-000001' })).polygons).toHaveLength(1);
    expect((await t.toezicht.logbook.verify()).ok).toBe(true);
  });

  it('gives the redaction render the current polygons', async () => {
    expect(await t.toezicht.masks.polygonsOf(camera)).toEqual([neighboursWindow.points]);
    expect(await t.toezicht.masks.polygonsOf('cam-without-masks')).toEqual([]);
  });
});
