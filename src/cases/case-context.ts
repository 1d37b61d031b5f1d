import type { Kysely } from 'kysely';
import type { Executor } from '../auth/user.repository.js';
import type { Role } from '../auth/roles.js';
import type { Logbook } from '../logbook/logbook.service.js';
import type { Clock } from '../platform/clock.js';
import { dialectOf } from '../platform/db/database.js';
import type { Schema } from '../platform/db/schema.js';
import { DomainError } from '../platform/errors.js';
import type { ActiveProfile } from '../protocol/active-profile.js';
import type { ProtocolProfile } from '../protocol/profile.schema.js';
import { CaseEventRepository } from './case-event.repository.js';
import { CaseFileStore } from './case-file.store.js';
import { CaseDocumentRepository } from './document.repository.js';
import type { FootageErasurePort } from './footage-erasure.port.js';
import type { HoldPort } from './hold.port.js';
import { IncidentRepository } from './incident.repository.js';
import { RequestRepository } from './request.repository.js';
import { ComplaintRepository } from './complaint.repository.js';
import type { Violation } from './request-conditions.js';

/** Who does something in a case, as the logboek records them. */
export interface CaseActor {
  id: string | null;
  name: string;
  role: Role | null;
}

/** A camera as the case forms and documents name it (from the register). */
export interface CameraRef {
  id: string;
  name: string;
  siteId: string;
  siteName: string;
  location: string;
}

/** The register as the cases see it: read only. */
export interface CameraDirectory {
  list(): Promise<CameraRef[]>;
}

/** Accounts as the cases see them: assignees and reminder recipients. */
export interface UserRef {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  role: Role;
  disabled: boolean;
}

export interface UserDirectory {
  list(): Promise<UserRef[]>;
}

/** What the case services share. */
export interface CaseDeps {
  db: Kysely<Schema>;
  postgres: boolean;
  logbook: Logbook;
  clock: Clock;
  profile: ActiveProfile;
  holds: HoldPort;
  cameras: CameraDirectory;
  users: UserDirectory;
  requests: RequestRepository;
  incidents: IncidentRepository;
  documents: CaseDocumentRepository;
  complaints: ComplaintRepository;
  events: CaseEventRepository;
  files: CaseFileStore;
  /**
   * The evidence exports of a case (issue 8), attached by the composition root once the export
   * service exists: a delivery (carry_out) names the packages it handed over and their hashes.
   */
  exports?: CaseExportsPort;
  /** The recorder's deletion of footage for an allowed erasure request (src/recording/erasure.service.ts). */
  erasure?: FootageErasurePort | null;
}

export interface CaseExportsPort {
  forCase(caseRef: string, ex: Executor): Promise<{ id: string; packageSha256: string; downloadedAt: string | null }[]>;
}

export interface CaseDepsOptions {
  db: Kysely<Schema>;
  logbook: Logbook;
  clock: Clock;
  profile: ActiveProfile;
  holds: HoldPort;
  cameras: CameraDirectory;
  users: UserDirectory;
  dataDir: string;
  erasure?: FootageErasurePort | null;
}

export function createCaseDeps(o: CaseDepsOptions): CaseDeps {
  return {
    ...o,
    postgres: dialectOf(o.db as unknown as Kysely<unknown>) === 'postgres',
    requests: new RequestRepository(o.db),
    incidents: new IncidentRepository(o.db),
    documents: new CaseDocumentRepository(o.db),
    complaints: new ComplaintRepository(o.db),
    events: new CaseEventRepository(o.db),
    files: new CaseFileStore(o.dataDir),
  };
}

/**
 * The profile in force at an instant: a versioned profile (ProfileStore) answers `at(date)`;
 * a fixed one is the same at every instant. A request is governed by the profile at its receipt.
 */
export function profileAt(active: ActiveProfile, at: Date): ProtocolProfile {
  const versioned = active as ActiveProfile & { at?: (instant: Date) => ProtocolProfile };
  return typeof versioned.at === 'function' ? versioned.at(at) : active.current();
}

export const profileVersion = (profile: ProtocolProfile): string => `${profile.id}@${profile.version.profile}`;

/**
 * Records one step of a case: its timeline event and its logboek entry, in the caller's
 * transaction, so the step, the event and the entry commit or roll back together.
 */
export async function recordStep(
  d: CaseDeps,
  trx: Executor,
  step: { actor: CaseActor; caseRef: string; action: string; subject: Record<string, unknown>; reason?: string | null },
): Promise<void> {
  const at = d.clock.now().toISOString();
  await d.events.insert({ caseRef: step.caseRef, at, actorName: step.actor.name, actorRole: step.actor.role, action: step.action, detail: step.subject }, trx);
  await d.logbook.append(trx, {
    actor: { id: step.actor.id, name: step.actor.name, role: step.actor.role },
    action: step.action,
    subject: { caseRef: step.caseRef, ...step.subject },
    reason: step.reason ?? null,
    caseRef: step.caseRef,
  });
}

/** A protocol refusal (403) naming the rule, with the Dutch and English message. */
export const refused = (v: Violation): DomainError => new DomainError('forbidden', v.code, v.message.en, { rule: v.rule, message: v.message });

/** A step that may happen later, once a condition is met (409), naming the rule that asks for it. */
export const notYet = (v: Violation): DomainError => new DomainError('conflict', v.code, v.message.en, { rule: v.rule, message: v.message });

/** Runs fn in a transaction of its own. */
export function inTransaction<T>(d: CaseDeps, fn: (trx: Executor) => Promise<T>): Promise<T> {
  return d.db.transaction().execute(fn);
}
