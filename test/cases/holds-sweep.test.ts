import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock.js';
import { SecretBox } from '../../src/platform/crypto.js';
import { StaticProfile } from '../../src/protocol/active-profile.js';
import { domijn } from '../../src/protocol/profiles/index.js';
import { createCases, type Cases } from '../../src/cases/cases.module.js';
import { dialects } from '../support/databases.js';
import { createRecordingFixture, type RecordingFixture } from '../recording/support.js';
import { as, cameras, entree, people, refusedWith } from './support.js';

/**
 * Acceptance (issue 7): a hold created from an incident, through the recorder's own holds (one
 * table for cases and sweep, INV-2), survives a retention sweep; after its release (for a police
 * case only after a recorded consultation, DOM-9) the next sweep deletes the footage.
 */
describe.each(dialects)('incident holds and the retention sweep on %s', (dialect) => {
  let f: RecordingFixture;
  let cases: Cases;
  const clock = new ManualClock('2026-03-30T12:00:00Z');
  beforeEach(async () => {
    clock.set('2026-03-30T12:00:00Z');
    f = await createRecordingFixture(dialect, { clock });
    cases = createCases({
      db: f.database.db, logbook: f.logbook, clock, profile: new StaticProfile(domijn), dataDir: f.dataDir,
      cameras: { list: async () => cameras }, users: { list: async () => people }, sealer: SecretBox.fromKey(crypto.randomBytes(32)),
      holds: f.recording.caseHolds, footage: f.recording.segments,
    });
  });
  afterEach(() => f.close());

  const segmentIds = async () => (await f.database.db.selectFrom('recording_segments').select('id').orderBy('id').execute()).map((r) => r.id);

  it('the held footage survives the sweep; after release (DOM-9: after consulting the police) the next sweep deletes it', async () => {
    await f.camera(entree, 28);
    const inIncident = await f.addSegment(entree, '2026-03-01T20:00:00Z');
    const beforeMargin = await f.addSegment(entree, '2026-03-01T19:50:00Z'); // outside the 5-minute margin
    const incident = await cases.incidents.report(
      { type: 'violence', place: 'Hoofdingang', occurredFrom: '2026-03-01T20:00:00Z', occurredTo: '2026-03-01T20:05:00Z', cameraIds: [entree], description: 'Mishandeling bij de ingang', reporter: 'Huismeester', policeReportRef: 'PL0900-2026-42' },
      as('wijkbeheerder'),
      { preMarginMinutes: 5, postMarginMinutes: 5 },
    );
    const hold = incident.holds[0]!;
    expect(hold).toMatchObject({ kind: 'police', from: '2026-03-01T19:55:00.000Z', to: '2026-03-01T20:10:00.000Z' });

    // 29 days later: past Domijn's four weeks (DOM-8).
    let summary = await f.recording.retention.sweep();
    expect(summary.holdsHonoured).toBe(1);
    expect(await segmentIds()).toEqual([inIncident.id]);
    expect(await f.recording.store.exists(beforeMargin.storageKey)).toBe(false);

    await refusedWith(cases.incidents.releaseHold(hold.id, 'Niet meer nodig', as('wijkbeheerder')), { rule: 'DOM-8' });
    await cases.incidents.step(incident.id, { type: 'handled' }, as('wijkbeheerder'));
    await refusedWith(cases.incidents.releaseHold(hold.id, 'Niet meer nodig', as('wijkbeheerder')), { code: 'hold_until_police_consulted', rule: 'DOM-9' });
    summary = await f.recording.retention.sweep();
    expect(await segmentIds()).toEqual([inIncident.id]);

    await cases.incidents.step(incident.id, { type: 'police_consultation', notes: 'Recherche heeft de beelden; mag weg' }, as('wijkbeheerder'));
    await cases.incidents.releaseHold(hold.id, 'Overleg met politie gevoerd', as('wijkbeheerder'));
    summary = await f.recording.retention.sweep();
    expect(summary.cameras[entree]).toMatchObject({ deleted: 1, held: 0 });
    expect(await segmentIds()).toEqual([]);
    expect(await f.recording.store.exists(inIncident.storageKey)).toBe(false);
  });

  it('a request\u2019s footage search reads the recorder\u2019s index for the window and is logged', async () => {
    await f.camera(entree, 28);
    await f.addSegment(entree, '2026-03-29T21:00:00Z');
    await f.addSegment(entree, '2026-03-29T21:00:10Z');
    const request = await cases.requests.file(
      { kind: 'access', channel: 'letter', requester: { category: 'data_subject', name: 'A' }, details: { window: { location: 'Hal', from: '2026-03-29T21:00:00Z', to: '2026-03-29T21:05:00Z', cameraIds: [entree] } } },
      as('wijkbeheerder'),
    );
    const result = await cases.searchFootage(request.id, as('wijkbeheerder'));
    expect(result).toMatchObject({ available: true, found: [{ cameraId: entree, cameraName: 'Entree', segments: 2, coveredSeconds: 20 }] });
    expect((await cases.requests.get(request.id)).facts.footage_searched?.note).toBe('Entree: 20 s');
  });
});
