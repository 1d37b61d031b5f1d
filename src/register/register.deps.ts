import type { Kysely } from 'kysely';
import type { Clock } from '../platform/clock.js';
import type { SecretBox } from '../platform/crypto.js';
import type { Schema } from '../platform/db/schema.js';
import type { Logbook } from '../logbook/logbook.service.js';
import type { ProtocolProfile } from '../protocol/profile.schema.js';
import { ApprovalRepository } from './approval.repository.js';
import { CameraRepository } from './camera.repository.js';
import { CheckRepository } from './check.repository.js';
import { DocumentRepository, DocumentStore } from './document.repository.js';
import { SiteRepository } from './site.repository.js';

/** Who changes the register: a logged-in person (or the command line), as the logboek records them. */
export interface RegisterActor {
  id: string | null;
  name: string;
  role: string | null;
}

/** What the register's services share: the database, its repositories, the logboek, the clock and the secret box. */
export interface RegisterDeps {
  db: Kysely<Schema>;
  sites: SiteRepository;
  cameras: CameraRepository;
  approvals: ApprovalRepository;
  documents: DocumentRepository;
  store: DocumentStore;
  checks: CheckRepository;
  logbook: Logbook;
  clock: Clock;
  secrets: SecretBox;
  /** The organisation's profile in force; a new site follows it unless another is named. */
  activeProfile: () => ProtocolProfile;
}

export function createRegisterDeps(options: {
  db: Kysely<Schema>;
  logbook: Logbook;
  clock: Clock;
  secrets: SecretBox;
  dataDir: string;
  activeProfile: () => ProtocolProfile;
}): RegisterDeps {
  const { db } = options;
  return {
    db,
    sites: new SiteRepository(db),
    cameras: new CameraRepository(db),
    approvals: new ApprovalRepository(db),
    documents: new DocumentRepository(db),
    store: new DocumentStore(options.dataDir),
    checks: new CheckRepository(db),
    logbook: options.logbook,
    clock: options.clock,
    secrets: options.secrets,
    activeProfile: options.activeProfile,
  };
}
