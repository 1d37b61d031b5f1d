import type { Kysely } from 'kysely';
import type { Clock } from '../platform/clock.js';
import type { SecretBox } from '../platform/crypto.js';
import type { Schema } from '../platform/db/schema.js';
import type { Logbook } from '../logbook/logbook.service.js';
import { ApprovalService } from './approval.service.js';
import { CameraService } from './camera.service.js';
import { CheckService } from './check.service.js';
import { DocumentService } from './document.service.js';
import { createRegisterDeps } from './register.deps.js';
import { RegisterFeed, type PublicSite, type RecordingTarget } from './register.feed.js';
import { RegisterCsvService } from './register.import.js';
import { SiteService } from './site.service.js';

/** The camera register's services, wired by hand for the composition root (src/bin/app.ts). */
export interface Register {
  sites: SiteService;
  cameras: CameraService;
  approvals: ApprovalService;
  checks: CheckService;
  documents: DocumentService;
  csv: RegisterCsvService;
  feed: RegisterFeed;
  /** INV-8: the cameras the recorder may record now, with their opened credentials (never log or return them). */
  camerasAllowedToRecord(): Promise<RecordingTarget[]>;
  /** camera locations and purposes for the public list. */
  publicCameraList(): Promise<PublicSite[]>;
}

export function createRegister(options: { db: Kysely<Schema>; logbook: Logbook; clock: Clock; secrets: SecretBox; dataDir: string }): Register {
  const deps = createRegisterDeps(options);
  const sites = new SiteService(deps);
  const cameras = new CameraService(deps);
  const feed = new RegisterFeed(deps);
  return {
    sites,
    cameras,
    approvals: new ApprovalService(deps),
    checks: new CheckService(deps, cameras),
    documents: new DocumentService(deps),
    csv: new RegisterCsvService(deps, sites, cameras),
    feed,
    camerasAllowedToRecord: () => feed.camerasAllowedToRecord(),
    publicCameraList: () => feed.publicCameraList(),
  };
}
