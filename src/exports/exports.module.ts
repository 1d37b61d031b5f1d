import path from 'node:path';
import type { Kysely } from 'kysely';
import type { CaseRequest } from '../cases/request.js';
import type { Logbook } from '../logbook/logbook.service.js';
import type { Clock } from '../platform/clock.js';
import type { Config } from '../platform/config.js';
import type { Schema } from '../platform/db/schema.js';
import { resolveBinaries, type FfmpegBinaries } from '../recording/media-tools.js';
import type { Recording } from '../recording/recording.module.js';
import { ExportRepository } from './export.repository.js';
import { ExportService } from './export.service.js';
import { loadOrCreateSigningKey, type SigningKey } from './signing-key.js';

/** Wires the export service for the composition root (src/bin/app.ts). */
export function createExports(o: {
  db: Kysely<Schema>;
  config: Config;
  logbook: Logbook;
  clock: Clock;
  recording: Recording;
  requests: { get(id: string): Promise<CaseRequest> };
  binaries?: FfmpegBinaries;
}): ExportService {
  let key: SigningKey | null = null;
  let binaries: Promise<FfmpegBinaries> | null = o.binaries ? Promise.resolve(o.binaries) : null;
  return new ExportService({
    db: o.db,
    exports: new ExportRepository(o.db),
    logbook: o.logbook,
    clock: o.clock,
    requests: o.requests,
    footage: {
      between: (cameraId, from, to) => o.recording.segments.between(cameraId, from, to),
      read: (segment) => o.recording.footage.read(segment),
      cameraName: async (cameraId) => (await o.recording.cameras.get(cameraId))?.name ?? null,
    },
    binaries: () => (binaries ??= resolveBinaries({ ffmpegPath: o.config.ffmpegPath, ffprobePath: o.config.ffprobePath })),
    signingKey: () => (key ??= loadOrCreateSigningKey(o.config.dataDir)),
    packageDir: path.join(o.config.dataDir, 'exports'),
    exportingSystem: 'Toezicht',
  });
}
