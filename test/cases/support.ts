import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { ManualClock } from '../../src/platform/clock.js';
import { SecretBox } from '../../src/platform/crypto.js';
import type { Dialect } from '../../src/platform/db/database.js';
import { CheckpointKey } from '../../src/logbook/checkpoint-key.js';
import { Logbook } from '../../src/logbook/logbook.service.js';
import type { Role } from '../../src/auth/roles.js';
import { StaticProfile } from '../../src/protocol/active-profile.js';
import type { ProtocolProfile } from '../../src/protocol/profile.schema.js';
import type { CameraRef, CaseActor, UserRef } from '../../src/cases/case-context.js';
import { createCases, type Cases } from '../../src/cases/cases.module.js';
import { CaseHoldPort } from '../../src/recording/case-hold.port.js';
import { HoldRepository } from '../../src/recording/hold.repository.js';
import { SegmentRepository } from '../../src/recording/segment.repository.js';
import type { Mailer } from '../../src/cases/mailer.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';

/** A 1×1 PNG: a signature drawn on screen, as small as it gets. */
export const onePixelPng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** Two cameras at one site, as the register would name them. */
export const cameras: CameraRef[] = [
  { id: '0b5d1c2e-1111-4a6b-9c1d-000000000001', name: 'Entree', siteId: 'site-1', siteName: 'Complex De Linde', location: 'Hoofdingang' },
  { id: '0b5d1c2e-1111-4a6b-9c1d-000000000002', name: 'Fietsenstalling', siteId: 'site-1', siteName: 'Complex De Linde', location: 'Kelder' },
];
export const [entree, stalling] = cameras.map((c) => c.id) as [string, string];

/** One person per role; the e-mail addresses receive reminders. */
export const people: UserRef[] = (
  ['wijkbeheerder', 'beheerder', 'manager', 'privacy_officer', 'auditor', 'maintenance_partner', 'police', 'admin'] as Role[]
).map((role) => ({ id: `u-${role}`, username: role.replace(/_/g, '-'), displayName: `Test ${role}`, email: `${role}@example.test`, role, disabled: false }));

export const as = (role: Role, name = role): CaseActor => ({ id: name === role ? `u-${role}` : `u-${name}`, name, role });

export interface CasesFixture {
  database: TestDatabase;
  clock: ManualClock;
  logbook: Logbook;
  dataDir: string;
  /** The case services on the shared database, under the given profile. */
  casesFor(profile: ProtocolProfile, mailer?: Mailer): Cases;
  /** The logboek actions recorded for a case, oldest first. */
  logged(caseRef: string): Promise<string[]>;
  close(): Promise<void>;
}

/** A fresh database of the dialect and a manual clock on Monday 2 March 2026, 10:00 in Amsterdam. */
export async function createCasesFixture(dialect: Dialect): Promise<CasesFixture> {
  const database = await createTestDatabase(dialect);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-cases-'));
  const clock = new ManualClock('2026-03-02T09:00:00Z');
  const logbook = new Logbook(database.db, clock, CheckpointKey.generate());
  const sealer = SecretBox.fromKey(crypto.randomBytes(32));
  // The recorder's own holds: the table its retention sweep honours (INV-2).
  const holds = new CaseHoldPort(new HoldRepository(database.db, new SegmentRepository(database.db)), clock);
  return {
    database, clock, logbook, dataDir,
    casesFor: (profile, mailer) =>
      createCases({ db: database.db, logbook, clock, profile: new StaticProfile(profile), dataDir, cameras: { list: async () => cameras }, users: { list: async () => people }, mailer, sealer, holds }),
    async logged(caseRef) {
      const page = await logbook.query({ caseRef, limit: 500 });
      return page.entries.map((e) => e.action).reverse();
    },
    async close() {
      await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Expects a promise to fail with a domain error of this code and rule. */
export async function refusedWith(promise: Promise<unknown>, expected: { code?: string; rule?: string; kind?: string }): Promise<void> {
  let error: unknown;
  try {
    await promise;
  } catch (err) {
    error = err;
  }
  const e = error as { code?: string; kind?: string; details?: { rule?: string } } | undefined;
  if (!e) throw new Error(`expected a refusal ${JSON.stringify(expected)}, but the step succeeded`);
  const got = { code: e.code, rule: e.details?.rule, kind: e.kind };
  for (const [key, value] of Object.entries(expected)) {
    if (got[key as keyof typeof got] !== value) throw new Error(`expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)} (${String(error)})`);
  }
}
