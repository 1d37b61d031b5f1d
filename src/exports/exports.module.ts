import path from 'node:path';
import type { Kysely } from 'kysely';
import type { CaseRequest } from '../cases/request.js';
import type { Logbook } from '../logbook/logbook.service.js';
import type { Clock } from '../platform/clock.js';
import type { Config } from '../platform/config.js';
import type { Schema } from '../platform/db/schema.js';
import { createLogger, type Logger } from '../platform/logger.js';
import { resolveBinaries, type FfmpegBinaries } from '../recording/media-tools.js';
import { restrictionBlocks } from '../cases/restriction.js';
import { DomainError } from '../platform/errors.js';
import type { Recording } from '../recording/recording.module.js';
import { ExportJobRepository } from './export-job.repository.js';
import { ExportJobs, loadOrCreateJobKey } from './export-jobs.js';
import { ExportRepository } from './export.repository.js';
import { ExportService } from './export.service.js';
import { loadOrCreateSigningKey, type SigningKey } from './signing-key.js';
import type { PrivacyMasks } from '../masks/masks.module.js';

/**
 * Wires the export service and its job queue for the composition root (src/bin/app.ts), which
 * starts the job worker (`exports.jobs.start()`) and stops it on close.
 */
export function createExports(o: {
  db: Kysely<Schema>;
  config: Config;
  logbook: Logbook;
  clock: Clock;
  recording: Recording;
  requests: { get(id: string): Promise<CaseRequest> };
  binaries?: FfmpegBinaries;
  /** Privacy masks (issue 9 item 4), burnt into exported clips. */
  masks?: Pick<PrivacyMasks, 'segment'> | null;
  logger?: Logger;
}): ExportService {
  let key: SigningKey | null = null;
  let jobKey: Buffer | null = null;
  let binaries: Promise<FfmpegBinaries> | null = o.binaries ? Promise.resolve(o.binaries) : null;
  const service = new ExportService({
    db: o.db,
    exports: new ExportRepository(o.db),
    logbook: o.logbook,
    clock: o.clock,
    requests: o.requests,
    footage: {
      between: (cameraId, from, to) => o.recording.segments.between(cameraId, from, to),
      read: (segment) => o.recording.footage.read(segment),
      cameraName: async (cameraId) => (await o.recording.cameras.get(cameraId))?.name ?? null,
      restricted: async (cameraId, from, to) => {
        const v = restrictionBlocks(await o.recording.caseHolds.covering(cameraId, from.toISOString(), to.toISOString()));
        return v ? new DomainError('forbidden', v.code, v.message.en, { rule: v.rule, message: v.message }) : null;
      },
    },
    binaries: () => (binaries ??= resolveBinaries({ ffmpegPath: o.config.ffmpegPath, ffprobePath: o.config.ffprobePath })),
    signingKey: () => (key ??= loadOrCreateSigningKey(o.config.dataDir)),
    packageDir: path.join(o.config.dataDir, 'exports'),
    driveRoots: () => o.config.exportDrives,
    exportingSystem: 'Toezicht',
    masks: o.masks ?? null,
  });
  service.jobs = new ExportJobs({
    db: o.db, jobs: new ExportJobRepository(o.db), exports: service, logbook: o.logbook, clock: o.clock, logger: o.logger ?? createLogger('silent'),
    jobKey: () => (jobKey ??= loadOrCreateJobKey(o.config.dataDir)),
    leaseMs: o.config.exportJobLeaseSeconds * 1000,
  });
  return service;
}
