import type { Kysely } from 'kysely';
import type { Logbook } from '../logbook/logbook.service.js';
import type { Clock } from '../platform/clock.js';
import type { Schema } from '../platform/db/schema.js';
import type { ActiveProfile } from '../protocol/active-profile.js';
import { createCaseDeps, type CameraDirectory, type CaseActor, type CaseDeps, type UserDirectory } from './case-context.js';
import { ComplaintService } from './complaint.service.js';
import { CaseDocumentService } from './documents/case-document.service.js';
import type { FootageErasurePort } from './footage-erasure.port.js';
import type { HoldPort } from './hold.port.js';
import { searchFootage, type FootageFound, type FootageIndex } from './footage-search.js';
import { IncidentService } from './incident.service.js';
import type { Mailer } from './mailer.js';
import { CasesOverviewService } from './overview.service.js';
import { PublicRequestService } from './public/public-request.service.js';
import { FormTokens, type Sealer } from './public/form-token.js';
import { TokenBucketLimiter } from './public/rate-limit.js';
import { ReminderService } from './reminder.service.js';
import { RequestService } from './request.service.js';

/** The case workflows (issue 7), wired by hand for the composition root (src/bin/app.ts). */
export interface Cases {
  requests: RequestService;
  incidents: IncidentService;
  documents: CaseDocumentService;
  complaints: ComplaintService;
  overview: CasesOverviewService;
  reminders: ReminderService;
  publicRequests: PublicRequestService;
  /** The public form's rate limit: 5 requests at once per IP, then one per 10 minutes. */
  publicLimiter: TokenBucketLimiter;
  /** The public form's CSRF tokens. */
  formTokens: FormTokens;
  holds: HoldPort;
  cameras: CameraDirectory;
  users: UserDirectory;
  /** Which footage the recorder's index holds for a request's window (unavailable without the recorder). */
  searchFootage(requestId: string, by: CaseActor): Promise<{ available: boolean; found: FootageFound[] }>;
  deps: CaseDeps;
}

export interface CasesOptions {
  db: Kysely<Schema>;
  logbook: Logbook;
  clock: Clock;
  profile: ActiveProfile;
  dataDir: string;
  cameras: CameraDirectory;
  users: UserDirectory;
  /** The recorder's holds (recording.caseHolds): the same table the retention sweep honours (INV-2). */
  holds: HoldPort;
  mailer?: Mailer | null;
  /** Seals the public form's tokens (the data directory's SecretBox). */
  sealer: Sealer;
  /** The recorder's segment index (recording.segments), for the footage search. */
  footage?: FootageIndex | null;
  /** The recorder's deletion of footage (src/recording/erasure.service.ts): what an allowed erasure request does. */
  erasure?: FootageErasurePort | null;
}

export function createCases(options: CasesOptions): Cases {
  const deps = createCaseDeps(options);
  const holds = options.holds;
  const requests = new RequestService(deps);
  return {
    requests,
    incidents: new IncidentService(deps),
    documents: new CaseDocumentService(deps),
    complaints: new ComplaintService(deps),
    overview: new CasesOverviewService(deps),
    reminders: new ReminderService(deps, options.mailer ?? null),
    publicRequests: new PublicRequestService(deps, requests),
    publicLimiter: new TokenBucketLimiter(5, 10 * 60_000),
    formTokens: new FormTokens(options.sealer, options.clock),
    holds,
    cameras: options.cameras,
    users: options.users,
    searchFootage: (requestId, by) => searchFootage(deps, options.footage ?? null, requestId, by),
    deps,
  };
}

/** The register as a camera directory for the cases (read only: names, sites, locations). */
export function registerCameraDirectory(register: {
  cameras: { list(): Promise<{ id: string; name: string; siteId: string; siteName: string; location: string }[]> };
}): CameraDirectory {
  return {
    list: async () => (await register.cameras.list()).map(({ id, name, siteId, siteName, location }) => ({ id, name, siteId, siteName, location })),
  };
}
