import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock.js';
import { DomainError } from '../../platform/errors.js';
import { CheckpointKey } from '../../logbook/checkpoint-key.js';
import { Logbook } from '../../logbook/logbook.service.js';
import { createTestDatabase, dialects, type TestDatabase } from '../../../test/support/databases.js';
import { profileAt, profilePolicy, StaticProfile } from '../active-profile.js';
import { domijn, soest } from '../profiles/index.js';
import type { ProtocolProfile } from '../profile.schema.js';
import { ProfileEditor } from './profile-editor.js';
import { ProfileStore } from './profile-store.js';

const officer = { id: 'u-1', name: 'priya', role: 'privacy_officer' };

function withLimit(profile: ProtocolProfile, limitDays: number): ProtocolProfile {
  return { ...profile, retention: { ...profile.retention, limitDays } };
}

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(DomainError);
  return err as DomainError;
}

describe.each(dialects)('profile versions on %s (issue 3 item 6)', (dialect) => {
  let database: TestDatabase;
  let logbook: Logbook;
  let dataDir: string;
  const clock = new ManualClock('2026-03-02T10:00:00Z'); // Monday 2 March, 11:00 in Amsterdam

  beforeEach(async () => {
    clock.set('2026-03-02T10:00:00Z');
    database = await createTestDatabase(dialect);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-profile-'));
    logbook = new Logbook(database.db, clock, CheckpointKey.loadOrCreate(dataDir));
  });
  afterEach(async () => {
    await logbook.stop();
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const open = (shipped: ProtocolProfile = domijn) => ProfileStore.open({ db: database.db, logbook, clock, shipped });
  const entries = async (action: string) => (await logbook.query({ action, limit: 50 })).entries;

  it('records the configured shipped profile as the first active version at first start, once', async () => {
    const store = await open();
    expect(store.list().map((v) => [v.version, v.status, v.state, v.effectiveFrom])).toEqual([[1, 'active', 'in_force', '2026-03-02']]);
    expect(store.current().id).toBe('domijn');
    expect(store.current().version.effectiveFrom).toBe('2026-03-02');
    await open(); // a restart records nothing new
    const recorded = await entries('protocol.version.record');
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.subject).toMatchObject({ profileId: 'domijn', version: 1, profileVersion: '1.0.0', effectiveFrom: '2026-03-02' });
  });

  it('SOE-13: a profile that names its effective date is in force from that day', async () => {
    const store = await open(soest);
    expect(store.list()[0]).toMatchObject({ effectiveFrom: '2025-08-02', effectiveAt: '2025-08-01T22:00:00.000Z' });
    expect(store.at(new Date('2025-09-01T12:00:00Z')).version.effectiveFrom).toBe('2025-08-02');
  });

  it('a draft copies the active version, validates every change naming the field, and logs the diff', async () => {
    const store = await open();
    const editor = new ProfileEditor(database.db, store, logbook, clock);
    const draft = await editor.createDraft(officer);
    expect(draft).toMatchObject({ version: 2, status: 'draft', basedOn: store.list()[0]!.id });
    expect(draft.profile.version.profile).toBe('1.1.0');
    expect((await refusal(editor.createDraft(officer))).code).toBe('draft_exists');

    const invalid = await refusal(editor.updateDraft(draft.id, withLimit(draft.profile, -3), officer));
    expect(invalid.details.field).toBe('retention.limitDays');
    const unknownRole = structuredClone(draft.profile) as unknown as { grants: { roles: string[] }[] };
    unknownRole.grants[0]!.roles = ['beheerder'];
    expect((await refusal(editor.updateDraft(draft.id, unknownRole, officer))).details.field).toBe('grants.0.roles.0');
    expect((await refusal(editor.updateDraft(draft.id, { ...draft.profile, id: 'soest' }, officer))).details.field).toBe('id');

    const { changes } = await editor.updateDraft(draft.id, withLimit(draft.profile, 14), officer);
    expect(changes).toEqual([{ path: 'retention.limitDays', before: 28, after: 14 }]);
    const updates = await entries('protocol.draft.update');
    expect(updates).toHaveLength(1);
    expect(updates[0]!.subject).toMatchObject({ version: 2, changes: [{ path: 'retention.limitDays', before: 28, after: 14 }] });
    expect(updates[0]!.actorName).toBe('priya');
    // The draft is not in force.
    expect(store.current().retention.limitDays).toBe(28);
  });

  it('activating today puts the version in force at once; decisions about earlier events use the version of their time', async () => {
    const store = await open();
    const policy = profilePolicy(store);
    const editor = new ProfileEditor(database.db, store, logbook, clock);
    const draft = await editor.createDraft(officer);
    const noLogbookForAuditor = structuredClone(draft.profile);
    noLogbookForAuditor.grants = noLogbookForAuditor.grants.map((g) => (g.permission === 'read_logbook' ? { ...g, roles: ['privacy_officer'] } : g));
    await editor.updateDraft(draft.id, withLimit(noLogbookForAuditor, 14), officer);
    const before = new Date(clock.now().getTime() - 1);
    const auditor = { id: 'a', username: 'fenna', displayName: 'Fenna', role: 'auditor' as const };
    expect(policy.can(auditor, 'logbook.read').allowed).toBe(true);

    clock.advance(60_000);
    const { version, changes } = await editor.activate(draft.id, '2026-03-02', officer);
    expect(version).toMatchObject({ status: 'active', state: 'in_force', effectiveFrom: '2026-03-02', effectiveAt: clock.now().toISOString() });
    expect(changes.map((c) => c.path)).toEqual(['version.profile', 'grants.read_logbook.roles', 'retention.limitDays']);
    expect(store.current().retention.limitDays).toBe(14);
    expect(store.current().version).toMatchObject({ profile: '1.1.0', effectiveFrom: '2026-03-02' });
    expect(store.at(before).retention.limitDays).toBe(28);
    expect(profileAt(store, before).retention.limitDays).toBe(28);
    expect(profileAt(new StaticProfile(domijn), before)).toBe(domijn);
    // The policy follows the version in force.
    expect(policy.can(auditor, 'logbook.read')).toMatchObject({ allowed: false, rule: 'X-1' });
    expect(store.list().map((v) => v.state)).toEqual(['superseded', 'in_force']);
    const [entry] = await entries('protocol.version.activate');
    expect(entry!.subject).toMatchObject({ version: 2, replaces: 1, effectiveFrom: '2026-03-02', retired: [] });
    // An activated version is no longer editable.
    expect((await refusal(editor.updateDraft(draft.id, draft.profile, officer))).code).toBe('not_a_draft');
  });

  it('a future activation takes effect at the start of its day in Amsterdam; a later one can overtake it', async () => {
    const store = await open();
    const editor = new ProfileEditor(database.db, store, logbook, clock);
    const first = await editor.createDraft(officer);
    await editor.updateDraft(first.id, withLimit(first.profile, 21), officer);
    await editor.activate(first.id, '2026-04-01', officer);
    expect(store.find(first.id)?.state).toBe('scheduled');
    expect(store.current().retention.limitDays).toBe(28);
    expect(store.at(new Date('2026-03-31T21:59:59.999Z')).retention.limitDays).toBe(28);
    expect(store.at(new Date('2026-03-31T22:00:00.000Z')).retention.limitDays).toBe(21);

    // The next draft starts from the scheduled version; activated from the same day it retires it.
    const second = await editor.createDraft(officer);
    expect(second.profile.retention.limitDays).toBe(21);
    expect(second.profile.version.profile).toBe('1.2.0');
    await editor.updateDraft(second.id, withLimit(second.profile, 7), officer);
    const { changes } = await editor.activate(second.id, '2026-04-01', officer);
    expect(changes).toContainEqual({ path: 'retention.limitDays', before: 28, after: 7 });
    expect(store.list().map((v) => [v.version, v.status, v.state])).toEqual([
      [1, 'active', 'in_force'],
      [2, 'retired', 'retired'],
      [3, 'active', 'scheduled'],
    ]);
    clock.set('2026-04-01T08:00:00Z');
    expect(store.current().retention.limitDays).toBe(7);

    // A new process reads the same history.
    const other = await open();
    expect(other.at(new Date('2026-03-15T12:00:00Z')).retention.limitDays).toBe(28);
    expect(other.current().retention.limitDays).toBe(7);
  });

  it('refuses an activation in the past, one that leaves nobody to manage the protocol, and a reused version string', async () => {
    const store = await open();
    const editor = new ProfileEditor(database.db, store, logbook, clock);
    const draft = await editor.createDraft(officer);
    expect((await refusal(editor.activate(draft.id, '2026-03-01', officer))).details.field).toBe('effectiveFrom');
    const locked = structuredClone(draft.profile);
    locked.grants = locked.grants.map((g) => (g.permission === 'manage_profile' ? { ...g, roles: [] } : g));
    await editor.updateDraft(draft.id, locked, officer);
    expect((await refusal(editor.activate(draft.id, '2026-03-02', officer))).details.field).toBe('grants.manage_profile');
    await editor.updateDraft(draft.id, { ...draft.profile, version: { ...draft.profile.version, profile: '1.0.0' } }, officer);
    expect((await refusal(editor.activate(draft.id, '2026-03-02', officer))).details.field).toBe('version.profile');
    expect(store.list().map((v) => v.status)).toEqual(['active', 'draft']);
    expect(await entries('protocol.version.activate')).toHaveLength(0);
  });

  it('DOM-12: a site tightens the version in force and may not loosen it', async () => {
    const store = await open();
    expect(store.forSite({ site: 'complex-1', retention: { limitDays: 7 } }).retention.limitDays).toBe(7);
    expect(() => store.forSite({ site: 'complex-1', retention: { limitDays: 60 } })).toThrow(/shorten retention/);
  });
});
