import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth/roles.js';
import { declaredRoles } from '../../src/protocol/active-profile.js';
import { dialects } from '../support/databases.js';
import { createTestApp, type TestApp } from '../support/app.js';

describe.each(dialects)('recorder and holds over HTTP on %s', (dialect) => {
  let t: TestApp;
  const roleWith = (action: 'hold.manage' | 'hold.release' | 'recorder.status', allowed: boolean): Role => {
    const roles = declaredRoles(t.toezicht.profile);
    const granted = t.toezicht.policy.rolesFor(action);
    return roles.find((r) => granted.includes(r) === allowed && r !== 'police' && r !== 'ovj')!;
  };
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());

  it('places, lists and releases a hold; each step is in the logboek', async () => {
    const placer = await t.loginAs(roleWith('hold.manage', true));
    const res = await placer.post('/api/holds', { cameraIds: ['cam-1'], from: '2026-03-02T21:00:00+01:00', to: '2026-03-02T21:05:00+01:00', reason: 'Vernieling lift', caseRef: 'INC-2026-001' });
    expect(res.status).toBe(201);
    const { hold } = (await res.json()) as { hold: { id: string; from: string; releasedAt: string | null } };
    expect(hold).toMatchObject({ from: '2026-03-02T20:00:00.000Z', releasedAt: null });
    const list = (await (await placer.get('/api/holds?active=true&cameraId=cam-1')).json()) as { holds: { id: string }[] };
    expect(list.holds.map((h) => h.id)).toEqual([hold.id]);

    const releaser = await t.loginAs(roleWith('hold.release', true));
    const released = await releaser.post(`/api/holds/${hold.id}/release`, { reason: 'Incident afgehandeld' });
    expect(released.status).toBe(200);
    expect(((await released.json()) as { hold: { releasedAt: string | null } }).hold.releasedAt).not.toBeNull();
    expect((await releaser.post(`/api/holds/${hold.id}/release`, { reason: 'nogmaals' })).status).toBe(409);
    const actions = (await t.database.db.selectFrom('logbook_entries').select('action').where('action', 'like', 'hold.%').execute()).map((r) => r.action);
    expect(actions).toEqual(['hold.create', 'hold.release']);
  });

  it('refuses bad input (400) and roles the profile does not allow (403, naming the rule)', async () => {
    const placer = await t.loginAs(roleWith('hold.manage', true));
    for (const body of [
      { cameraIds: [], from: '2026-03-02T21:00:00Z', to: '2026-03-02T21:05:00Z', reason: 'x' },
      { cameraIds: ['cam-1'], from: 'gisteren', to: '2026-03-02T21:05:00Z', reason: 'x' },
      { cameraIds: ['cam-1'], from: '2026-03-02T21:05:00Z', to: '2026-03-02T21:00:00Z', reason: 'x' },
      { cameraIds: ['../x'], from: '2026-03-02T21:00:00Z', to: '2026-03-02T21:05:00Z', reason: 'x' },
    ]) {
      expect((await placer.post('/api/holds', body)).status, JSON.stringify(body)).toBe(400);
    }
    const other = await t.loginAs(roleWith('hold.manage', false));
    const denied = await other.post('/api/holds', { cameraIds: ['cam-1'], from: '2026-03-02T21:00:00Z', to: '2026-03-02T21:05:00Z', reason: 'x' });
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { rule?: string }).rule).toBeTruthy();
  });

  it('shows per camera: state, storage, oldest footage, retention limit; and the index for a window', async () => {
    const recording = t.toezicht.recording;
    await recording.cameras.upsert({ cameraId: 'cam-2', name: 'Entree', retentionDays: 28, mode: 'continuous' }, new Date());
    await recording.cameras.setState('cam-2', { state: 'offline', at: new Date('2026-03-02T10:00:00Z'), offlineSince: new Date('2026-03-02T09:59:00Z'), lastError: 'Connection refused' });
    await t.database.db.transaction().execute(async (trx) => {
      await recording.segments.insert({
        camera_id: 'cam-2', day: '2026-03-02', start_at: '2026-03-02T09:58:00.000Z', end_at: '2026-03-02T09:58:10.000Z', duration_ms: 10_000, bytes: 100,
        stored_bytes: 134, motion: 0.2, storage_key: 'cam-2/2026-03-02/r-000000.seg', run_id: 'r', codec: 'h264', width: 320, height: 240, indexed_at: '2026-03-02T09:58:11.000Z',
      }, trx);
      await recording.cameras.addSegment('cam-2', 134, new Date('2026-03-02T09:58:10Z'), trx);
    });
    const viewer = await t.loginAs(roleWith('recorder.status', true));
    const status = (await (await viewer.get('/api/recorder/status')).json()) as { cameras: Record<string, unknown>[]; alerts: Record<string, unknown>[]; recorderRunning: boolean };
    expect(status.recorderRunning).toBe(false);
    expect(status.cameras.find((c) => c.cameraId === 'cam-2')).toMatchObject({
      state: 'offline', offlineSince: '2026-03-02T09:59:00.000Z', segmentCount: 1, storedBytes: 134, oldestFootage: '2026-03-02T09:58:00.000Z', retentionDays: 28,
    });
    expect(status.alerts).toContainEqual(expect.objectContaining({ kind: 'camera_offline', cameraId: 'cam-2' }));
    const index = await viewer.get('/api/recorder/cameras/cam-2/segments?from=2026-03-02T09:00:00Z&to=2026-03-02T11:00:00Z');
    expect(((await index.json()) as { segments: unknown[] }).segments).toEqual([
      { id: expect.any(Number), start: '2026-03-02T09:58:00.000Z', end: '2026-03-02T09:58:10.000Z', durationMs: 10_000, bytes: 100, motion: 0.2 },
    ]);
    expect((await viewer.get('/api/recorder/cameras/cam-2/segments?from=2026-03-02T11:00:00Z&to=2026-03-02T09:00:00Z')).status).toBe(400);
  });
});
