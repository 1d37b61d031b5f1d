import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { expect } from 'vitest';
import { ManualClock } from '../../src/platform/clock.js';
import { SecretBox } from '../../src/platform/crypto.js';
import type { Dialect } from '../../src/platform/db/database.js';
import { CheckpointKey } from '../../src/logbook/checkpoint-key.js';
import { Logbook } from '../../src/logbook/logbook.service.js';
import { domijn, getProfile } from '../../src/protocol/profiles/index.js';
import type { ApprovalKind, AreaType } from '../../src/register/camera.js';
import type { CameraInput } from '../../src/register/camera-input.js';
import type { RegisterActor } from '../../src/register/register.deps.js';
import { createRegister, type Register } from '../../src/register/register.module.js';
import type { SiteInput } from '../../src/register/site.service.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';

/** The register's services on a fresh database of the dialect, with a manual clock (a Monday in March 2026). */
export interface RegisterFixture {
  register: Register;
  database: TestDatabase;
  logbook: Logbook;
  clock: ManualClock;
  dataDir: string;
  close(): Promise<void>;
}

export async function createRegisterFixture(dialect: Dialect): Promise<RegisterFixture> {
  const database = await createTestDatabase(dialect);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-register-'));
  const clock = new ManualClock('2026-03-02T09:00:00Z');
  const logbook = new Logbook(database.db, clock, CheckpointKey.generate());
  const secrets = SecretBox.fromKey(crypto.randomBytes(32));
  const register = createRegister({ db: database.db, logbook, clock, secrets, dataDir, activeProfile: () => domijn });
  return {
    register, database, logbook, clock, dataDir,
    async close() {
      await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const privacyOfficer: RegisterActor = { id: 'u-priya', name: 'priya', role: 'privacy_officer' };
export const beheerder: RegisterActor = { id: 'u-bram', name: 'bram', role: 'beheerder' };
export const manager: RegisterActor = { id: 'u-marco', name: 'marco', role: 'manager' };

let sites = 0;
export function siteInput(profileId: string, extra: Partial<SiteInput> = {}): SiteInput {
  sites++;
  return { name: `Complex ${sites}`, address: `Lindelaan ${sites}, Soest`, organisation: 'Demo', profileId, ...extra };
}

/** A camera with every register fact its site's profile asks for: only approvals decide its activation. */
export function cameraInput(profileId: string, siteId: string, extra: Partial<CameraInput> = {}): CameraInput {
  const profile = getProfile(profileId)!;
  const areaType: AreaType = 'common_area';
  return {
    siteId, name: `Camera ${crypto.randomUUID().slice(0, 8)}`, location: 'Entree, boven de brievenbussen', areaType,
    purposes: [profile.purposes.items[0]!.id], responsible: 'Team Wijkbeheer', signageLocation: 'Bord naast de voordeur',
    viewChecklist: Object.fromEntries(profile.cameras.placement.map((p) => [p.limit, { compliant: true, photoDocumentId: null }])),
    streamUrl: 'rtsps://10.0.0.5:322/stream1', username: 'viewer', password: 'Camera-Secret-4711', recordingMode: 'motion', ...extra,
  };
}

/** Records approved decisions of the given kinds, each with what its profile asks (answers, suspicion, end date). */
export async function approve(register: Register, cameraId: string, kinds: ApprovalKind[], by: RegisterActor = privacyOfficer): Promise<void> {
  const { profile } = await register.cameras.get(cameraId);
  for (const kind of kinds) {
    await register.approvals.record(
      cameraId,
      {
        kind, decider: 'P. Privacy', decidedOn: '2026-02-27',
        answers: kind === 'proportionality_assessment' ? profile.cameras.proportionality.questions.map((_, i) => `Antwoord ${i + 1}`) : undefined,
        notes: kind === 'hidden_camera_suspicion' ? 'Kasverschillen bij de balie sinds januari' : null,
        validUntil: kind === 'hidden_camera_suspicion' ? '2026-03-31' : null,
      },
      by,
    );
  }
}

/** Expects the promise to be refused with a domain error of that kind, naming the rule. */
export async function expectRefused(promise: Promise<unknown>, kind: 'conflict' | 'forbidden' | 'invalid', rule?: string): Promise<void> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, 'the action should have been refused').not.toBeNull();
  expect(err).toMatchObject({ kind, ...(rule ? { details: expect.objectContaining({ rule }) } : {}) });
}

/** Every logboek entry's action and subject, oldest first. */
export async function logbookEntries(fixture: RegisterFixture): Promise<{ action: string; subject: string }[]> {
  return fixture.database.db.selectFrom('logbook_entries').select(['action', 'subject']).orderBy('seq').execute();
}
