import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { CaseRequest } from '../../cases/request.js';
import { assembleClip } from '../../exports/clip-assembler.js';
import { createDerivedExport } from '../../exports/derived-export.js';
import type { ExportService } from '../../exports/export.service.js';
import { openPassword, sealPassword } from '../../exports/export-jobs.js';
import { generatePackagePassword } from '../../exports/password.js';
import type { Logbook } from '../../logbook/logbook.service.js';
import type { Polygon } from '../../masks/polygon.js';
import type { Clock } from '../../platform/clock.js';
import type { Schema } from '../../platform/db/schema.js';
import { conflict, forbidden, notFound } from '../../platform/errors.js';
import type { FfmpegBinaries } from '../../recording/media-tools.js';
import type { Segment } from '../../recording/segment.js';
import type { AnalysisActor } from '../analysis/analysis.service.js';
import type { AnalysisSummary } from '../analysis/analysis.js';
import { renderTracks } from '../review/review.js';
import type { ReviewRepository } from '../review/review.repository.js';
import { clipMsOf, type ReviewedAnalyses, type ReviewService } from '../review/review.service.js';
import { renderShare, toRenderSummary, type RenderSnapshot, type RenderSummary } from './render.js';
import { probeVideo, renderRedacted } from './renderer.js';
import { RenderWorkDirs } from './work-dirs.js';
import { JobLeases } from '../jobs/job-leases.js';
import { LeaseWorker, type LeasedJob } from '../../platform/jobs/lease-worker.js';
import { startJob } from '../jobs/start-job.js';
import { RenderJobRepository } from '../jobs/render-job.repository.js';

export interface RenderFootage {
  between(cameraId: string, from: Date, to: Date): Promise<Segment[]>;
  read(segment: Segment): Promise<Buffer>;
}

/** The privacy masks' port: the camera's polygons, always burnt into a redacted copy (default: none). */
export type MaskPolygons = (cameraId: string) => Promise<Polygon[]>;

export interface RenderServiceDeps {
  db: Kysely<Schema>;
  reviews: ReviewRepository;
  review: ReviewService;
  logbook: Logbook;
  clock: Clock;
  analyses: ReviewedAnalyses;
  requests: { get(id: string): Promise<CaseRequest> };
  footage: RenderFootage;
  maskPolygons?: MaskPolygons;
  binaries: () => Promise<FfmpegBinaries>;
  /** The export feature that packages the copy; without it renders are refused. */
  exports: ExportService | null;
  /** Where the rendered (redacted) MP4 waits for packaging; removed right after. */
  workDir?: string;
  /** Seals the package password while the render is unfinished (the export jobs' key, <dataDir>/keys/export-jobs.key). */
  jobKey: () => Buffer;
  /** The job worker: lease length (default 30 s), poll interval (default 1 s), this worker's name. */
  jobs?: { leaseMs?: number; pollMs?: number; owner?: string };
  log?: { info(o: object, msg: string): void; error(o: object, msg: string): void };
}

const system: AnalysisActor = { id: null, name: 'system', role: null };

/** A render's attempts before it is failed (a render that keeps killing its process). */
const maxRenderAttempts = 3;

/** The sealed password's binding: a render id is never an export job id. */
const sealBinding = (id: string) => `redaction-render:${id}`;

/**
 * Renders a reviewed analysis into a redacted copy and delivers it as a derived export (issue 9
 * item 3): the original segments are assembled in memory (never changed), decoded, redacted per the
 * review, re-encoded, and packaged by the export feature (sealed, encrypted, with a manifest that
 * records the derivation: which camera and window, by whom, with which settings). The package
 * password is generated here and returned once when the render starts; until the render ends it is
 * kept sealed in the render's row (like an export job's) and then wiped. Renders are durable, leased
 * jobs (src/redaction/jobs/): the state stays `running` until done/failed/cancelled; any process's
 * worker takes a render whose lease ran out (its process died) or was handed back, and starts it
 * again from the beginning. One render at a time per process.
 */
export class RenderService {
  private readonly waiters = new Map<string, (() => void)[]>();
  private readonly leases: JobLeases;
  private readonly jobRows: RenderJobRepository;
  private readonly workDirs: RenderWorkDirs;
  /** This process's render worker (one render at a time). */
  readonly worker: LeaseWorker;

  constructor(private readonly d: RenderServiceDeps) {
    this.leases = new JobLeases(d.db, 'redaction_renders', []);
    this.jobRows = new RenderJobRepository(d.db);
    this.workDirs = new RenderWorkDirs(d.workDir ?? os.tmpdir(), (renderId) => this.leases.lease(renderId));
    this.worker = new LeaseWorker({
      name: 'redaction', leases: this.leases, run: (job) => this.runJob(job), leaseMs: d.jobs?.leaseMs ?? 30_000, pollMs: d.jobs?.pollMs, owner: d.jobs?.owner, log: d.log,
    });
  }

  async start(analysisId: string, by: AnalysisActor): Promise<{ render: RenderSummary; password: string }> {
    if (!this.d.exports) throw conflict('redaction_render_unavailable', 'This server has no export feature to deliver a redacted copy');
    const analysis = await this.d.analyses.get(analysisId);
    if (analysis.state !== 'done') throw conflict('redaction_analysis_not_done', `The analysis is ${analysis.state}; render once it is done`);
    const request = await this.d.requests.get(analysis.requestId);
    if (request.decision?.decision !== 'allow' || !['allowed', 'carried_out'].includes(request.state)) {
      throw forbidden('export_not_allowed', 'A redacted copy is provided only after the request was allowed', request.decision?.rule ?? 'DOM-6');
    }
    const busy = (await this.d.reviews.renders(analysisId)).find((r) => r.state === 'running');
    if (busy) throw conflict('redaction_render_running', 'A render of this analysis is running; wait for it or cancel it');
    const review = await this.d.review.get(analysisId);
    const snapshot: RenderSnapshot = { settings: review.settings, manual: [...review.manual], reviewVersion: review.version };
    const id = crypto.randomUUID();
    const password = generatePackagePassword();
    const now = this.d.clock.now().toISOString();
    const sealed = sealPassword(this.d.jobKey(), sealBinding(id), password);
    // Run it here when this process's worker is idle (claimed in the same transaction); otherwise any worker takes it.
    await startJob({ db: this.d.db, worker: this.worker, leases: this.leases }, id, async (trx) => {
      await this.d.reviews.insertRender({
        id, analysis_id: analysisId, case_ref: analysis.caseRef, request_id: analysis.requestId, state: 'running', progress: 0,
        settings: JSON.stringify(snapshot), frames: null, export_id: null, error: null, created_at: now, created_by_id: by.id, created_by_name: by.name, finished_at: null,
      }, trx);
      // INV-3: the original footage is read (decoded) to make the copy; the choices are in the subject.
      await this.d.logbook.append(trx, {
        actor: by, action: 'redaction.render_started', caseRef: analysis.caseRef, reason: `redactie voor verzoek ${analysis.caseRef}`,
        subject: {
          renderId: id, analysisId, requestId: analysis.requestId, cameras: [analysis.cameraId], windows: [{ cameraId: analysis.cameraId, from: analysis.clip.start, to: analysis.clip.end }],
          reviewVersion: review.version, mode: review.settings.mode, style: review.settings.style, keep: review.settings.keep, margin: review.settings.margin,
          holdFrames: review.settings.holdFrames, manualBoxes: review.manual.length,
        },
      });
      await this.jobRows.seal(id, sealed, by.role, trx);
    });
    return { render: await this.get(id), password };
  }

  async get(id: string): Promise<RenderSummary> {
    const row = await this.d.reviews.render(id);
    if (!row) throw notFound('redaction_render_not_found', `No redaction render ${id}`);
    return toRenderSummary(row);
  }

  async forAnalysis(analysisId: string): Promise<RenderSummary[]> {
    return (await this.d.reviews.renders(analysisId)).map(toRenderSummary);
  }

  async cancel(id: string, by: AnalysisActor): Promise<RenderSummary> {
    const row = await this.d.reviews.render(id);
    if (!row) throw notFound('redaction_render_not_found', `No redaction render ${id}`);
    const changed = await this.d.db.transaction().execute(async (trx) => {
      if (!(await this.d.reviews.transition(id, ['running'], 'cancelled', { finished_at: this.d.clock.now().toISOString() }, trx))) return false;
      await this.jobRows.finish(id, {}, trx);
      await this.d.logbook.append(trx, { actor: by, action: 'redaction.render_cancelled', caseRef: row.case_ref, subject: { renderId: id, analysisId: row.analysis_id } });
      return true;
    });
    if (!changed) throw conflict('redaction_render_finished', `The render is ${row.state} already`);
    // Here at once; a worker in another process notices at its next lease renewal.
    await this.worker.abort(id);
    return this.get(id);
  }

  async whenFinished(id: string, timeoutMs = 600_000): Promise<RenderSummary> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const summary = await this.get(id);
      if (summary.state !== 'running') return summary;
      if (Date.now() > deadline) throw new Error(`render ${id} did not finish within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        this.waiters.set(id, [...(this.waiters.get(id) ?? []), resolve]);
        setTimeout(resolve, 250).unref();
      });
    }
  }

  /** Starts this process's worker: it takes renders nobody holds (new, handed back, or of a process that died). */
  async resume(): Promise<void> {
    this.worker.start();
    // Also removes the folders of renders this process died in; a render it takes over has its own removed when it starts.
    await this.removeLeftoverWorkDirs().catch((err: unknown) => this.d.log?.error({ err }, 'redaction render work folders could not be cleaned up'));
  }

  /** Removes the work folders that killed processes left behind and no live render owns (see RenderWorkDirs); returns their names. */
  async removeLeftoverWorkDirs(): Promise<string[]> {
    const removed = await this.workDirs.removeLeftovers();
    if (removed.length) this.d.log?.info({ folders: removed }, 'redaction render: removed work folders left by interrupted renders');
    return removed;
  }

  /** Stops the worker: the running render's children are stopped and the render handed back for any worker. */
  async stop(): Promise<void> {
    await this.worker.stop();
  }

  private async runJob(job: LeasedJob): Promise<void> {
    const { id, owner } = job;
    try {
      const row = await this.d.reviews.render(id);
      if (!row) return;
      const sealed = await this.jobRows.sealed(id);
      if (job.attempts > maxRenderAttempts) {
        await this.fail(id, row.case_ref, `stopped ${job.attempts - 1} times while running; start the render again`, owner);
        return;
      }
      if (!sealed?.password_sealed) {
        await this.fail(id, row.case_ref, 'interrupted by a restart of the server before renders kept their password; start the render again', owner);
        return;
      }
      let password: string;
      let analysis: AnalysisSummary;
      try {
        password = openPassword(this.d.jobKey(), sealBinding(id), sealed.password_sealed);
        analysis = await this.d.analyses.get(row.analysis_id);
      } catch (err) {
        // A process without this data directory's job key, or an analysis that is gone: the render cannot be made here.
        this.d.log?.error({ err, renderId: id }, 'redaction render cannot start');
        await this.fail(id, row.case_ref, `the render could not start: ${err instanceof Error ? err.message : String(err)}`, owner);
        return;
      }
      const snapshot = JSON.parse(row.settings) as RenderSnapshot;
      const by: AnalysisActor = { id: row.created_by_id, name: row.created_by_name, role: sealed.created_by_role };
      await this.run(id, analysis, snapshot, password, by, job);
    } finally {
      for (const resolve of this.waiters.get(id) ?? []) resolve();
      this.waiters.delete(id);
    }
  }

  private async run(id: string, analysis: AnalysisSummary, snapshot: RenderSnapshot, password: string, by: AnalysisActor, job: LeasedJob): Promise<void> {
    const { signal, owner } = job;
    // Named after the render; a folder an earlier, killed attempt left is removed first.
    const workDir = await this.workDirs.create(id);
    const output = path.join(workDir, 'redacted.mp4');
    try {
      if (signal.aborted) return;
      const clipStart = new Date(analysis.clip.start);
      const clipEnd = new Date(analysis.clip.end);
      const segments = await this.d.footage.between(analysis.cameraId, clipStart, clipEnd);
      if (segments.length === 0) throw new Error('the footage of this analysis is no longer there (deleted after retention?)');
      const binaries = await this.d.binaries();
      const streamStart = segments[0]!.start;
      // The original, assembled as a stream (stream copy): never changed, never on disk, hashed on its way.
      const first = await this.d.footage.read(segments[0]!);
      const video = await probeVideo(binaries.ffprobe, 'pipe:0', first);
      const hash = crypto.createHash('sha256');
      const original = (async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          hash.update(chunk);
          yield chunk;
        }
      })(assembleClip(
        binaries, segments.map((s, i) => ({ start: s.start, read: () => (i === 0 ? Promise.resolve(first) : this.d.footage.read(s)) })), streamStart,
        { creationTime: streamStart, cameraName: analysis.cameraId, cameraId: analysis.cameraId, comment: `${analysis.caseRef} / origineel` },
        // Through ffmpeg's remux: it feeds a decoder anyway, and copes with a camera whose format changed midway.
        null, 120_000, true,
      ));
      const tracks = renderTracks(await this.d.analyses.tracks(analysis.id), snapshot.manual, clipMsOf(analysis));
      const masks = (await this.d.maskPolygons?.(analysis.cameraId)) ?? [];
      let lastWrite = 0;
      const result = await renderRedacted(binaries, {
        source: { stream: original }, video, startSeconds: (clipStart.getTime() - streamStart.getTime()) / 1000, durationSeconds: clipMsOf(analysis) / 1000,
        tracks, settings: snapshot.settings, masks, output, creationTime: clipStart, comment: `${analysis.caseRef} / geredigeerde kopie ${id}`, signal,
        onProgress: (done, expected) => {
          if (Date.now() - lastWrite < 500) return;
          lastWrite = Date.now();
          void this.d.reviews.setProgress(id, renderShare * Math.min(1, done / expected)).catch(() => undefined);
        },
      });
      if (signal.aborted) return;
      const originalSha256 = hash.digest('hex');
      await this.d.reviews.setProgress(id, renderShare);
      // The export and the render's end commit in one transaction: a crash leaves either both or neither
      // (never an export whose render a takeover would make and export again).
      await createDerivedExport(this.d.exports!, {
        requestId: analysis.requestId, file: output, password,
        onCommit: async (trx, exportId) => {
          // Only the lease holder marks it done (a render taken over or cancelled meanwhile): otherwise the export is rolled back.
          if (!(await this.leases.end(id, owner, 'done', trx))) throw new RenderLeaseLost(id);
          await this.jobRows.finish(id, { progress: 1, frames: result.frames, export_id: exportId, finished_at: this.d.clock.now().toISOString() }, trx);
          await this.d.logbook.append(trx, {
            actor: system, action: 'redaction.render_finished', caseRef: analysis.caseRef,
            subject: { renderId: id, analysisId: analysis.id, exportId, frames: result.frames, originalSha256 },
          });
        },
        derivation: {
          kind: 'redaction', operator: by.name,
          originals: [{ cameraId: analysis.cameraId, from: analysis.clip.start, to: analysis.clip.end, sha256: originalSha256 }],
          settings: {
            ...snapshot.settings, manual: snapshot.manual, reviewVersion: snapshot.reviewVersion, analysisId: analysis.id, renderId: id,
            detectors: analysis.settings.detectors, privacyMaskPolygons: masks.length, frames: result.frames, fps: result.fps, size: { width: result.width, height: result.height },
            video: 'H.264 (libx264 veryfast, yuv420p), audio dropped, metadata stripped',
          },
        },
      }, by);
    } catch (err) {
      if (err instanceof RenderLeaseLost) {
        this.d.log?.info({ renderId: id }, 'redaction render not delivered: cancelled or taken over while it was packaged');
      } else if (!signal.aborted) {
        this.d.log?.error({ err, renderId: id }, 'redaction render failed');
        await this.fail(id, analysis.caseRef, err instanceof Error ? err.message : String(err), owner);
      }
    } finally {
      await fs.promises.rm(workDir, { recursive: true, force: true });
    }
  }

  /** Fails a render this worker holds. */
  private async fail(id: string, caseRef: string, message: string, owner: string): Promise<void> {
    await this.d.db.transaction().execute(async (trx) => {
      if (!(await this.leases.end(id, owner, 'failed', trx))) return;
      await this.jobRows.finish(id, { error: message.slice(0, 500), finished_at: this.d.clock.now().toISOString() }, trx);
      await this.d.logbook.append(trx, { actor: system, action: 'redaction.render_failed', caseRef, subject: { renderId: id, error: message.slice(0, 300) } });
    });
  }
}

/** The render was no longer this worker's when its export was to be committed: the export is rolled back. */
class RenderLeaseLost extends Error {
  constructor(id: string) {
    super(`redaction render ${id} is no longer this worker's`);
  }
}
