import path from 'node:path';
import type { Kysely } from 'kysely';
import { CaseFileStore } from '../cases/case-file.store.js';
import type { CaseRequest } from '../cases/request.js';
import type { Logbook } from '../logbook/logbook.service.js';
import type { Clock } from '../platform/clock.js';
import type { Config } from '../platform/config.js';
import type { Schema } from '../platform/db/schema.js';
import type { Logger } from '../platform/logger.js';
import { packageRoot } from '../platform/package-root.js';
import { resolveBinaries } from '../recording/media-tools.js';
import type { Recording } from '../recording/recording.module.js';
import { AnalysisRepository } from './analysis/analysis.repository.js';
import { AnalysisService } from './analysis/analysis.service.js';
import { DetectorRegistry } from './detectors/registry.js';
import { executionProviderFromEnv } from './detectors/onnx-session.js';
import type { ExportService } from '../exports/export.service.js';
import { loadOrCreateJobKey } from '../exports/export-jobs.js';
import type { Segment } from '../recording/segment.js';
import { RenderService, type MaskPolygons } from './render/render.service.js';
import { StillService } from './render/still.service.js';
import { ReviewRepository } from './review/review.repository.js';
import { ReviewService } from './review/review.service.js';

/** Redaction (issue 9), wired for the composition root: the analysis now; review and render join here. */
export interface Redaction {
  analysis: AnalysisService;
  detectors: DetectorRegistry;
  /** Review and render (issue 9 items 2–3): the operator's choices, stills/previews, renders into derived exports. */
  review: ReviewService;
  stills: StillService;
  render: RenderService;
  stop(): Promise<void>;
}

/**
 * Where the models are: TOEZICHT_MODELS_DIR, else models/ at the package root (scripts/fetch-models.sh).
 * The execution provider: TOEZICHT_REDACTION_EP=cpu|cuda (cuda falls back to cpu with a log line).
 */
export function redactionEnv(env: NodeJS.ProcessEnv = process.env): { modelsDir: string; executionProvider: ReturnType<typeof executionProviderFromEnv> } {
  return { modelsDir: path.resolve(env.TOEZICHT_MODELS_DIR || path.join(packageRoot(), 'models')), executionProvider: executionProviderFromEnv(env) };
}

export function createRedaction(o: {
  db: Kysely<Schema>;
  config: Config;
  logbook: Logbook;
  clock: Clock;
  logger: Logger;
  recording: Recording;
  requests: { get(id: string): Promise<CaseRequest> };
  env?: NodeJS.ProcessEnv;
  /** Packages a render as a derived export (review/render); without it renders are refused. */
  exports?: ExportService;
  /** The privacy masks' polygons per camera, burnt into every redacted copy (default: none). */
  maskPolygons?: MaskPolygons;
  /** Job leases (default: TOEZICHT_EXPORT_JOB_LEASE_SECONDS, polled every second) and this process's worker name. */
  jobs?: { leaseMs?: number; pollMs?: number; owner?: string };
}): Redaction {
  const jobs = { leaseMs: o.config.exportJobLeaseSeconds * 1000, ...o.jobs };
  const env = redactionEnv(o.env);
  const log = o.logger.child({ module: 'redaction' });
  const detectors = new DetectorRegistry({ ...env, log: (message) => log.warn(message) });
  let ffmpeg: Promise<string> | null = null;
  const analysis = new AnalysisService({
    db: o.db,
    analyses: new AnalysisRepository(o.db),
    logbook: o.logbook,
    clock: o.clock,
    requests: o.requests,
    footage: {
      between: (cameraId, from, to) => o.recording.segments.between(cameraId, from, to),
      read: (segment) => o.recording.footage.read(segment),
    },
    ffmpeg: () => (ffmpeg ??= resolveBinaries({ ffmpegPath: o.config.ffmpegPath, ffprobePath: o.config.ffprobePath }).then((b) => b.ffmpeg)),
    availableDetectors: () => detectors.available(),
    createDetector: (name) => detectors.create(name),
    thumbnails: new CaseFileStore(o.config.dataDir),
    // Thumbnails are sealed with the footage's day key: they go when the footage's key is destroyed (INV-9).
    thumbnailKeys: o.recording.keys,
    jobs: jobs.owner ? { ...jobs, owner: `${jobs.owner}-analysis` } : jobs,
    log,
  });
  const binaries = () => (renderBinaries ??= resolveBinaries({ ffmpegPath: o.config.ffmpegPath, ffprobePath: o.config.ffprobePath }));
  let renderBinaries: ReturnType<typeof resolveBinaries> | null = null;
  const footage = { between: (cameraId: string, from: Date, to: Date) => o.recording.segments.between(cameraId, from, to), read: (segment: Segment) => o.recording.footage.read(segment) };
  const reviews = new ReviewRepository(o.db);
  let jobKey: Buffer | null = null;
  const review = new ReviewService({ db: o.db, reviews, logbook: o.logbook, clock: o.clock, analyses: analysis, requests: o.requests });
  const stills = new StillService({ db: o.db, logbook: o.logbook, clock: o.clock, analyses: analysis, footage, maskPolygons: o.maskPolygons, binaries });
  const render = new RenderService({
    db: o.db, reviews, review, logbook: o.logbook, clock: o.clock, analyses: analysis, requests: o.requests, footage, maskPolygons: o.maskPolygons, binaries, exports: o.exports ?? null, log,
    jobKey: () => (jobKey ??= loadOrCreateJobKey(o.config.dataDir)), jobs: jobs.owner ? { ...jobs, owner: `${jobs.owner}-render` } : jobs,
  });
  return { analysis, detectors, review, stills, render, stop: async () => { await render.stop(); await analysis.stop(); } };
}

