import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock.js';
import { SecretBox } from '../../src/platform/crypto.js';
import { StaticProfile } from '../../src/protocol/active-profile.js';
import type { ProtocolProfile } from '../../src/protocol/profile.schema.js';
import { domijn, welwonen } from '../../src/protocol/profiles/index.js';
import { createCases, type Cases } from '../../src/cases/cases.module.js';
import type { CaseActor } from '../../src/cases/case-context.js';
import { FootageErasureService } from '../../src/recording/erasure.service.js';
import { createLogger } from '../../src/platform/logger.js';
import { dialects } from '../support/databases.js';
import { createRecordingFixture, type RecordingFixture } from '../recording/support.js';
import { as, cameras, entree, people, refusedWith, stalling } from './support.js';

/**
 * Issue 7, erasure (AVG art. 17; WEL-15, MOZ-4.7): carrying out an allowed erasure request deletes
 * the footage of its cameras × window from the recorder's index and store, destroys the key of a
 * day left empty (INV-9) and writes the logboek entry; footage a hold of another case covers is
 * refused with that hold's rule (INV-2), and nothing is deleted.
 */
describe.each(dialects)('erasure deletes footage on %s', (dialect) => {
  let f: RecordingFixture;
  const clock = new ManualClock('2026-03-30T12:00:00Z');
  const casesFor = (profile: ProtocolProfile): Cases =>
    createCases({
      db: f.database.db, logbook: f.logbook, clock, profile: new StaticProfile(profile), dataDir: f.dataDir,
      cameras: { list: async () => cameras }, users: { list: async () => people }, sealer: SecretBox.fromKey(crypto.randomBytes(32)),
      holds: f.recording.caseHolds, footage: f.recording.segments,
      erasure: new FootageErasureService({
        db: f.database.db, segments: f.recording.segments, holds: f.recording.holdStore, keys: f.recording.keys, store: f.recording.store, clock, logger: createLogger('silent'),
      }),
    });
  beforeEach(async () => {
    clock.set('2026-03-30T12:00:00Z');
    f = await createRecordingFixture(dialect, { clock });
  });
  afterEach(() => f.close());

  const indexed = async (cameraId: string) =>
    (await f.database.db.selectFrom('recording_segments').select('start_at').where('camera_id', '=', cameraId).orderBy('start_at').execute()).map((r) => new Date(r.start_at).toISOString());
  const fileErasure = (cases: Cases, window: { from: string; to: string; cameraIds?: string[] }, by: CaseActor) =>
    cases.requests.file({ kind: 'erasure', channel: 'letter', requester: { category: 'data_subject', name: 'A. Bewoner' }, details: { window: { location: 'Hoofdingang', ...window } } }, by);
  const allowErasure = async (cases: Cases, id: string, by: CaseActor) => {
    await cases.requests.step(id, { type: 'decide', decision: 'allow', outcome: 'erasure', reasons: 'Geen reden om te bewaren.' }, by);
    // Domijn erases under the AVG, which asks for the identity check before carrying out (AVG-17).
    if ((await cases.requests.get(id)).pending.beforeCarryingOut.length) await cases.requests.step(id, { type: 'record_fact', fact: 'identity_checked', note: 'Paspoort gezien' }, by);
  };

  it('WelWonen (WEL-15): the window\u2019s footage leaves index and store, an emptied day loses its key, the rest stays; the logboek records it', async () => {
    const cases = casesFor(welwonen);
    const officer = as('privacy_officer');
    // 28 March: two segments in the window, one outside it (same day). 27 March: the window's only footage that day.
    const inWindow = [await f.addSegment(entree, '2026-03-28T21:00:00Z'), await f.addSegment(entree, '2026-03-28T21:00:10Z')];
    const sameDay = await f.addSegment(entree, '2026-03-28T22:00:00Z');
    const otherCamera = await f.addSegment(stalling, '2026-03-28T21:00:00Z');
    const request = await fileErasure(cases, { from: '2026-03-28T21:00:00Z', to: '2026-03-28T21:05:00Z', cameraIds: [entree] }, officer);
    await allowErasure(cases, request.id, officer);
    const done = await cases.requests.step(request.id, { type: 'carry_out' }, officer);
    expect(done.state).toBe('carried_out');

    expect(await indexed(entree)).toEqual(['2026-03-28T22:00:00.000Z']);
    for (const s of inWindow) expect(await f.recording.store.exists(s.storageKey)).toBe(false);
    expect(await f.recording.store.exists(sameDay.storageKey)).toBe(true);
    expect(await f.recording.store.exists(otherCamera.storageKey)).toBe(true);
    expect(await f.database.db.selectFrom('recording_purge_queue').selectAll().execute()).toEqual([]);
    // The day still holds footage: its key lives, and what is left can still be read.
    expect(await f.recording.keys.isLive(entree, '2026-03-28')).toBe(true);
    await expect(f.recording.keys.forReading(entree, '2026-03-28')).resolves.toBeInstanceOf(Buffer);

    const erased = await f.entries('footage.erased');
    expect(erased).toHaveLength(1);
    expect(erased[0]).toMatchObject({ case_ref: request.ref, actor_name: 'privacy_officer', subject: { segments: 2, keysDestroyed: 0, rule: 'WEL-15', cameras: [{ cameraId: entree, segments: 2, keysDestroyed: [] }] } });
    expect((await f.entries('request.carried_out'))[0]).toMatchObject({ subject: { effect: 'footage_erased' } });

    // A window that takes a whole (past) day's footage: that day's key is destroyed (INV-9).
    const lonely = await f.addSegment(stalling, '2026-03-27T08:00:00Z');
    const second = await fileErasure(cases, { from: '2026-03-27T07:59:00Z', to: '2026-03-27T08:01:00Z', cameraIds: [stalling] }, officer);
    await allowErasure(cases, second.id, officer);
    await cases.requests.step(second.id, { type: 'carry_out' }, officer);
    expect(await indexed(stalling)).toEqual(['2026-03-28T21:00:00.000Z']);
    expect(await f.recording.store.exists(lonely.storageKey)).toBe(false);
    expect(await f.recording.keys.isLive(stalling, '2026-03-27')).toBe(false);
    await expect(f.recording.keys.forReading(stalling, '2026-03-27')).rejects.toMatchObject({ code: 'day_key_destroyed' });
    expect((await f.entries('footage.erased'))[1]).toMatchObject({ subject: { cameras: [{ cameraId: stalling, segments: 1, keysDestroyed: ['2026-03-27'] }] } });
  });

  it('Domijn: footage held for a police case is refused with DOM-9 and nothing is deleted; after the hold is released, it is erased', async () => {
    const cases = casesFor(domijn);
    const staff = as('wijkbeheerder');
    const held = await f.addSegment(entree, '2026-03-28T21:00:00Z');
    const incident = await cases.incidents.report(
      { type: 'violence', place: 'Hoofdingang', occurredFrom: '2026-03-28T21:00:00Z', occurredTo: '2026-03-28T21:02:00Z', cameraIds: [entree], description: 'Mishandeling', reporter: 'Huismeester', policeReportRef: 'PL0900-2026-7' },
      staff,
      { preMarginMinutes: 0, postMarginMinutes: 0 },
    );
    const request = await fileErasure(cases, { from: '2026-03-28T20:59:00Z', to: '2026-03-28T21:05:00Z', cameraIds: [entree] }, staff);
    await allowErasure(cases, request.id, staff);
    await refusedWith(cases.requests.step(request.id, { type: 'carry_out' }, staff), { code: 'erasure_held', rule: 'DOM-9' });
    expect(await indexed(entree)).toEqual(['2026-03-28T21:00:00.000Z']);
    expect(await f.recording.store.exists(held.storageKey)).toBe(true);
    expect((await cases.requests.get(request.id)).state).toBe('allowed');
    expect(await f.entries('footage.erased')).toEqual([]);

    await cases.incidents.step(incident.id, { type: 'handled' }, staff);
    await cases.incidents.step(incident.id, { type: 'police_consultation', notes: 'Politie heeft de beelden niet nodig' }, staff);
    await cases.incidents.releaseHold(incident.holds[0]!.id, 'Overleg gevoerd', staff);
    await cases.requests.step(request.id, { type: 'carry_out' }, staff);
    expect(await indexed(entree)).toEqual([]);
    expect(await f.recording.store.exists(held.storageKey)).toBe(false);
  });

  it('an incident hold (no legal duty) refuses with the profile\u2019s rule (DOM-8); a request without cameras must name them first', async () => {
    const cases = casesFor(domijn);
    const staff = as('wijkbeheerder');
    await f.addSegment(entree, '2026-03-28T21:00:00Z');
    await cases.incidents.report(
      { type: 'vandalism', place: 'Hoofdingang', occurredFrom: '2026-03-28T21:00:00Z', occurredTo: '2026-03-28T21:01:00Z', cameraIds: [entree], description: 'Graffiti', reporter: 'Huismeester' },
      staff,
      { preMarginMinutes: 0, postMarginMinutes: 0 },
    );
    const request = await fileErasure(cases, { from: '2026-03-28T21:00:00Z', to: '2026-03-28T21:05:00Z', cameraIds: [entree] }, staff);
    await allowErasure(cases, request.id, staff);
    await refusedWith(cases.requests.step(request.id, { type: 'carry_out' }, staff), { code: 'erasure_held', rule: 'DOM-8' });

    const vague = await fileErasure(cases, { from: '2026-03-28T21:00:00Z', to: '2026-03-28T21:05:00Z' }, staff);
    await allowErasure(cases, vague.id, staff);
    expect((await cases.requests.get(vague.id)).pending.beforeCarryingOut.map((v) => v.code)).toContain('cameras_required');
    await refusedWith(cases.requests.step(vague.id, { type: 'carry_out' }, staff), { code: 'cameras_required' });
    expect(await indexed(entree)).toHaveLength(1);
  });
});
