import type { Kysely } from 'kysely';
import type { Clock } from '../platform/clock.js';
import type { SecretBox } from '../platform/crypto.js';
import type { Schema } from '../platform/db/schema.js';
import type { Logbook } from '../logbook/logbook.service.js';
import type { ProtocolProfile } from '../protocol/profile.schema.js';
import { listProfiles } from '../protocol/profiles/index.js';
import { ApprovalService } from './approval.service.js';
import { CameraService } from './camera.service.js';
import { CheckService } from './check.service.js';
import { ConnectionTester, type ConnectionTesterOptions } from './connection-test.runner.js';
import { ConnectionTestService } from './connection-test.service.js';
import { DocumentService } from './document.service.js';
import { OnvifClient, type OnvifClientOptions } from './onvif.repository.js';
import { OnvifService } from './onvif.service.js';
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
  /** ONVIF discovery and probing (adding real cameras). */
  onvif: OnvifService;
  /** One frame from a registered camera, as a thumbnail. */
  connectionTests: ConnectionTestService;
  /** The id of the organisation's profile in force (the default for a new site). */
  activeProfileId(): string;
  /** The profiles a site may follow: the shipped ones, with the one in force as it is now. */
  profiles(): ProtocolProfile[];
  /** INV-8: the cameras the recorder may record now, with their opened credentials (never log or return them). */
  camerasAllowedToRecord(): Promise<RecordingTarget[]>;
  /** camera locations and purposes for the public list. */
  publicCameraList(): Promise<PublicSite[]>;
}

export interface RegisterOptions {
  db: Kysely<Schema>;
  logbook: Logbook;
  clock: Clock;
  secrets: SecretBox;
  dataDir: string;
  /** The organisation's profile in force: a new site follows it unless another is named. */
  activeProfile: () => ProtocolProfile;
  /** Reaching cameras: the ffmpeg binary (config.ffmpegPath; empty: the npm one), timeouts. */
  cameraAccess?: { connectionTest?: ConnectionTesterOptions; onvif?: OnvifClientOptions };
}

export function createRegister(options: RegisterOptions): Register {
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
    onvif: new OnvifService(deps, new OnvifClient(options.cameraAccess?.onvif)),
    connectionTests: new ConnectionTestService(deps, new ConnectionTester(options.cameraAccess?.connectionTest)),
    activeProfileId: () => options.activeProfile().id,
    profiles: () => {
      const active = options.activeProfile();
      return listProfiles().map((profile) => (profile.id === active.id ? active : profile));
    },
    camerasAllowedToRecord: () => feed.camerasAllowedToRecord(),
    publicCameraList: () => feed.publicCameraList(),
  };
}
