/**
 * Redaction analysis (issue 9 item 1): the service API the review UI, the render and the
 * end-to-end test call. Stable shape:
 *
 *   start({ requestId, cameraId, from, to, settings? }, by)  → AnalysisSummary (state 'queued')
 *       One camera × one window (≤ 1 h) of a request of kind access / third-party / police. The
 *       clip is [max(from, first footage), min(to, last footage)); every track time t is ms from
 *       summary.clip.start. Logged: redaction.analysis_started (camera, window, request).
 *   get(id) → AnalysisSummary                (state queued|running|done|failed|cancelled, progress 0..1)
 *   forCase(caseRef) → AnalysisSummary[]
 *   whenFinished(id, timeoutMs?) → AnalysisSummary   resolves once the job is done/failed/cancelled
 *   cancel(id, by) → AnalysisSummary          stops the ffmpeg children; logged redaction.analysis_cancelled
 *   tracks(id) → Track[]                      exactly src/redaction/track.ts (for the render); done jobs only
 *   trackSummaries(id, by) → TrackSummary[]   Track + firstMs/lastMs/bestScore/thumbnailUrl (for review)
 *   thumbnail(id, trackId, by) → Buffer       a JPEG of the track's best box (logged, INV-3); 410 once
 *                                             the footage's day key is destroyed (INV-9)
 *   resume() / stop()                         start this process's worker / stop it, handing its job back
 *
 * Jobs are durable and leased (src/redaction/jobs/): every process runs a worker that claims queued
 * jobs, or running ones whose lease ran out (their process died) or was handed back, one at a time
 * (two cores); the process that accepts a job runs it at once when its worker is idle. The result
 * (tracks; thumbnails sealed with the footage's day key in the case file store) is written only by
 * the worker that still holds the lease, so a job taken over is finished exactly once. Finish and
 * failure are logged (redaction.analysis_finished / redaction.analysis_failed).
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CaseRequest } from '../../cases/request.js';
import type { Logbook } from '../../logbook/logbook.service.js';
import type { Clock } from '../../platform/clock.js';
import type { Schema } from '../../platform/db/schema.js';
import { conflict, gone, invalid, notFound } from '../../platform/errors.js';
import { FootageKeyError } from '../../recording/footage-crypto.js';
import { utcDay } from '../../recording/segment.js';
import type { Segment } from '../../recording/segment.js';
import type { Track } from '../track.js';
import type { Detector } from '../detectors/detector.js';
import {
  analysableKinds, analysisWindowProblem, defaultAnalysisSettings, defaultDetectors, finishedStates, maxAttempts, settingsProblem, toAnalysisSummary, toTrack, toTrackSummary,
  type AnalysisSettings, type AnalysisSummary, type TrackSummary,
} from './analysis.js';
import type { AnalysisRepository, StoredTrackRow } from './analysis.repository.js';
import { AnalysisCancelled, runAnalysis } from './analysis-pipeline.js';
import { JobLeases } from '../jobs/job-leases.js';
import { LeaseWorker, type LeasedJob } from '../../platform/jobs/lease-worker.js';
import { startJob } from '../jobs/start-job.js';
import { openThumbnail, sealThumbnail, thumbnailDay } from '../jobs/thumbnail-crypto.js';

export interface AnalysisActor {
  id: string | null;
  name: string;
  role: string | null;
}

export interface AnalysisFootage {
  between(cameraId: string, from: Date, to: Date): Promise<Segment[]>;
  read(segment: Segment): Promise<Buffer>;
}

/** Where thumbnails are kept: the case file store (content-addressed, mode 0600). */
export interface ThumbnailStore {
  write(content: Buffer, extension: string): { storedPath: string; sha256: string };
  read(storedPath: string, sha256: string): Buffer;
}

export interface AnalysisServiceDeps {
  db: Kysely<Schema>;
  analyses: AnalysisRepository;
  logbook: Logbook;
  clock: Clock;
  footage: AnalysisFootage;
  requests: { get(id: string): Promise<CaseRequest> };
  ffmpeg: () => Promise<string>;
  /** Detector names this server can run (their models are installed). */
  availableDetectors: () => readonly string[];
  createDetector: (name: string) => Promise<Detector>;
  thumbnails: ThumbnailStore;
  /**
   * The footage's day keys (the recorder's DayKeys): thumbnails are sealed with the key of the
   * camera and day they were cut from. Without it no thumbnails are kept (never in the clear).
   */
  thumbnailKeys?: { forReading(cameraId: string, day: string): Promise<Buffer> };
  /** The job worker: lease length (default 30 s), poll interval (default 1 s), this worker's name. */
  jobs?: { leaseMs?: number; pollMs?: number; owner?: string };
  log?: { info(o: object, msg: string): void; error(o: object, msg: string): void };
}

export interface StartAnalysisInput {
  requestId: string;
  cameraId: string;
  from: string;
  to: string;
  settings?: Partial<AnalysisSettings>;
}

const system: AnalysisActor = { id: null, name: 'system', role: null };

export class AnalysisService {
  private readonly waiters = new Map<string, (() => void)[]>();
  private readonly thumbnailViews = new Map<string, number>();
  private readonly leases: JobLeases;
  /** This process's analysis worker (one job at a time). */
  readonly worker: LeaseWorker;

  constructor(private readonly d: AnalysisServiceDeps) {
    this.leases = new JobLeases(d.db, 'redaction_analyses', ['queued']);
    this.worker = new LeaseWorker({
      name: 'redaction', leases: this.leases, run: (job) => this.runJob(job), leaseMs: d.jobs?.leaseMs ?? 30_000, pollMs: d.jobs?.pollMs, owner: d.jobs?.owner, log: d.log,
    });
  }

  async start(input: StartAnalysisInput, by: AnalysisActor): Promise<AnalysisSummary> {
    const request = await this.d.requests.get(input.requestId);
    if (!(analysableKinds as readonly string[]).includes(request.kind)) {
      throw invalid('redaction_kind', `Redaction prepares footage for a data subject's copy, a third party or the police, not for a ${request.kind} request`, 'requestId');
    }
    const from = new Date(input.from);
    const to = new Date(input.to);
    const problem = analysisWindowProblem({ cameraId: input.cameraId, from, to });
    if (problem) throw invalid('redaction_window', problem, 'window');
    const cameras = request.details.window?.cameraIds ?? [];
    if (cameras.length > 0 && !cameras.includes(input.cameraId)) throw invalid('redaction_camera', `Camera ${input.cameraId} is not among the request's cameras (${cameras.join(', ')})`, 'cameraId');
    const settings: AnalysisSettings = { ...defaultAnalysisSettings, detectors: defaultDetectors(this.d.availableDetectors()), ...input.settings };
    const settingsIssue = settingsProblem(settings, this.d.availableDetectors());
    if (settingsIssue) throw invalid('redaction_settings', settingsIssue, 'settings');
    const segments = await this.d.footage.between(input.cameraId, from, to);
    if (segments.length === 0) throw conflict('redaction_no_footage', 'There is no footage of this camera in this window (deleted after retention, or never recorded)', 'window');
    const clipStart = new Date(Math.max(from.getTime(), segments[0]!.start.getTime()));
    const clipEnd = new Date(Math.min(to.getTime(), Math.max(...segments.map((s) => s.end.getTime()))));
    if (clipEnd.getTime() - clipStart.getTime() < 200) throw conflict('redaction_no_footage', 'Less than 0.2 s of footage in this window', 'window');

    const id = crypto.randomUUID();
    const now = this.d.clock.now().toISOString();
    // Run it here when this process's worker is idle (claimed in the same transaction); otherwise it waits for any worker.
    await startJob({ db: this.d.db, worker: this.worker, leases: this.leases }, id, async (trx) => {
      await this.d.analyses.insert({
        id, case_ref: request.ref, request_id: request.id, camera_id: input.cameraId, window_from: from.toISOString(), window_to: to.toISOString(),
        clip_start: clipStart.toISOString(), clip_end: clipEnd.toISOString(), state: 'queued', progress: 0, settings: JSON.stringify(settings),
        frame_width: null, frame_height: null, frames: null, track_count: null, error: null, attempts: 0,
        created_at: now, created_by_id: by.id, created_by_name: by.name, created_by_role: by.role, started_at: null, finished_at: null,
      }, trx);
      // INV-3: the system reads this footage on the operator's behalf, for this request.
      await this.d.logbook.append(trx, {
        actor: by, action: 'redaction.analysis_started', caseRef: request.ref, reason: `redactie voor verzoek ${request.ref}`,
        subject: { analysisId: id, requestId: request.id, kind: request.kind, cameras: [input.cameraId], windows: [{ cameraId: input.cameraId, from: clipStart.toISOString(), to: clipEnd.toISOString() }], settings },
      });
    });
    return this.get(id);
  }

  async get(id: string): Promise<AnalysisSummary> {
    const row = await this.d.analyses.get(id);
    if (!row) throw notFound('redaction_analysis_not_found', `No redaction analysis ${id}`);
    return toAnalysisSummary(row);
  }

  async forCase(caseRef: string): Promise<AnalysisSummary[]> {
    return (await this.d.analyses.forCase(caseRef)).map(toAnalysisSummary);
  }

  /** Resolves once the job has finished (done, failed or cancelled); rejects after timeoutMs. */
  async whenFinished(id: string, timeoutMs = 600_000): Promise<AnalysisSummary> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const summary = await this.get(id);
      if (finishedStates.includes(summary.state)) return summary;
      if (Date.now() > deadline) throw new Error(`analysis ${id} did not finish within ${timeoutMs} ms (state ${summary.state})`);
      await new Promise<void>((resolve) => {
        const list = this.waiters.get(id) ?? [];
        list.push(resolve);
        this.waiters.set(id, list);
        setTimeout(resolve, 250).unref();
      });
    }
  }

  async cancel(id: string, by: AnalysisActor): Promise<AnalysisSummary> {
    const row = await this.d.analyses.get(id);
    if (!row) throw notFound('redaction_analysis_not_found', `No redaction analysis ${id}`);
    const now = this.d.clock.now().toISOString();
    const changed = await this.d.db.transaction().execute(async (trx) => {
      if (!(await this.d.analyses.transition(id, ['queued', 'running'], 'cancelled', { finished_at: now }, trx))) return false;
      await this.d.logbook.append(trx, {
        actor: by, action: 'redaction.analysis_cancelled', caseRef: row.case_ref,
        subject: { analysisId: id, requestId: row.request_id, cameras: [row.camera_id], progress: Number(row.progress) },
      });
      return true;
    });
    if (!changed) throw conflict('redaction_analysis_finished', `The analysis is ${row.state} already`);
    // Here at once; a worker in another process notices at its next lease renewal (a third of the lease).
    await this.worker.abort(id);
    this.notify(id);
    return this.get(id);
  }

  /** The tracks of a finished analysis, exactly as src/redaction/track.ts defines them (for the render). */
  async tracks(id: string): Promise<Track[]> {
    await this.requireDone(id);
    return (await this.d.analyses.tracks(id)).map(toTrack);
  }

  /** The tracks for review, with their thumbnails' URLs. Listing them is footage access (INV-3): logged. */
  async trackSummaries(id: string, by: AnalysisActor): Promise<TrackSummary[]> {
    const row = await this.requireDone(id);
    const tracks = (await this.d.analyses.tracks(id)).map(toTrackSummary);
    await this.d.logbook.append(this.d.db, {
      actor: by, action: 'redaction.tracks_viewed', caseRef: row.case_ref,
      subject: { analysisId: id, cameras: [row.camera_id], windows: [{ cameraId: row.camera_id, from: row.clip_start, to: row.clip_end }], tracks: tracks.length },
    });
    return tracks;
  }

  /** A track's thumbnail (JPEG). Logged once per person and analysis per ten minutes (INV-3 without flooding the logboek). */
  async thumbnail(id: string, trackId: string, by: AnalysisActor): Promise<Buffer> {
    const row = await this.requireDone(id);
    const track = await this.d.analyses.track(id, trackId);
    if (!track?.thumbnail_path || !track.thumbnail_sha256) throw notFound('redaction_thumbnail_not_found', `No thumbnail for track ${trackId}`);
    // Sealed with the footage's day key; a thumbnail from before that (no day) is shown only while the clip's day key lives.
    const day = track.thumbnail_day ?? utcDay(new Date(row.clip_start));
    let dayKey: Buffer;
    try {
      if (!this.d.thumbnailKeys) throw new FootageKeyError('day_key_missing', 'no day keys configured');
      dayKey = await this.d.thumbnailKeys.forReading(row.camera_id, day);
    } catch (err) {
      if (!(err instanceof FootageKeyError) || !['day_key_destroyed', 'day_key_missing'].includes(err.code)) throw err;
      throw gone('redaction_thumbnail_gone', `This thumbnail can no longer be shown: the footage it was cut from (camera ${row.camera_id}, ${day}) is past its retention and its key was destroyed (INV-9)`);
    }
    const stored = this.d.thumbnails.read(track.thumbnail_path, track.thumbnail_sha256);
    const data = track.thumbnail_day ? openThumbnail(dayKey, stored, id, trackId) : stored;
    const key = `${id}/${by.id ?? by.name}`;
    const now = this.d.clock.now().getTime();
    if ((this.thumbnailViews.get(key) ?? -Infinity) < now - 600_000) {
      await this.d.logbook.append(this.d.db, {
        actor: by, action: 'redaction.thumbnails_viewed', caseRef: row.case_ref,
        subject: { analysisId: id, cameras: [row.camera_id], windows: [{ cameraId: row.camera_id, from: row.clip_start, to: row.clip_end }] },
      });
      this.thumbnailViews.set(key, now);
    }
    return data;
  }

  /** Starts this process's worker: it takes queued jobs, and running ones whose process stopped or died (attempts + 1). */
  async resume(): Promise<void> {
    this.worker.start();
  }

  /** Stops the worker: the running job's children are stopped and the job handed back (still running, no lease) for any worker. */
  async stop(): Promise<void> {
    await this.worker.stop();
  }

  private async runJob(job: LeasedJob): Promise<void> {
    const { id } = job;
    try {
      await this.runOne(job);
    } finally {
      this.notify(id);
    }
  }

  private async runOne(job: LeasedJob): Promise<void> {
    const { id, owner } = job;
    const row = await this.d.analyses.get(id);
    if (!row) return;
    if (job.attempts > maxAttempts) {
      await this.fail(id, `stopped ${job.attempts - 1} times while running; not restarted`, owner);
      return;
    }
    await this.d.analyses.update(id, { started_at: this.d.clock.now().toISOString(), progress: 0 });
    const settings = JSON.parse(row.settings) as AnalysisSettings;
    const detectors: Detector[] = [];
    try {
      for (const name of settings.detectors) detectors.push(await this.d.createDetector(name));
      const clipStart = new Date(row.clip_start);
      const clipEnd = new Date(row.clip_end);
      const segments = await this.d.footage.between(row.camera_id, clipStart, clipEnd);
      let lastWrite = 0;
      const result = await runAnalysis({
        ffmpeg: await this.d.ffmpeg(), sources: segments.map((s) => ({ start: s.start, read: () => this.d.footage.read(s) })),
        clipStart, clipEnd, fps: settings.fps, width: settings.width, detectors, signal: job.signal,
        onProgress: (share) => {
          if (Date.now() - lastWrite < 500) return;
          lastWrite = Date.now();
          void this.d.analyses.setProgress(id, share).catch(() => undefined);
        },
      });
      if (job.signal.aborted) return;
      const trackRows: StoredTrackRow[] = [];
      for (const track of result.tracks) {
        const stored = await this.storeThumbnail(row.camera_id, id, track.id, result.thumbnails.get(track.id), clipStart.getTime() + (result.best.get(track.id)?.t ?? track.boxes[0]!.t), segments);
        trackRows.push({
          analysis_id: id, track_id: track.id, kind: track.kind, first_ms: track.boxes[0]!.t, last_ms: track.boxes[track.boxes.length - 1]!.t,
          best_score: result.best.get(track.id)?.score ?? 0, boxes: JSON.stringify(track.boxes.map(rounded)),
          thumbnail_path: stored?.storedPath ?? null, thumbnail_sha256: stored?.sha256 ?? null, thumbnail_day: stored?.day ?? null,
        });
      }
      const finishedAt = this.d.clock.now().toISOString();
      const written = await this.d.db.transaction().execute(async (trx) => {
        // Only the lease holder writes the result: a job taken over (or cancelled) meanwhile is not finished twice.
        if (!(await this.leases.end(id, owner, 'done', trx))) return false;
        await this.d.analyses.update(id, {
          progress: 1, finished_at: finishedAt, frame_width: result.size.width, frame_height: result.size.height, frames: result.frames, track_count: trackRows.length,
        }, trx);
        await this.d.analyses.replaceTracks(id, trackRows, trx);
        await this.d.logbook.append(trx, {
          actor: system, action: 'redaction.analysis_finished', caseRef: row.case_ref,
          subject: {
            analysisId: id, cameras: [row.camera_id], frames: result.frames, tracks: trackRows.length, attempts: job.attempts,
            byKind: Object.fromEntries(['person', 'face'].map((k) => [k, trackRows.filter((r) => r.kind === k).length])), seconds: Math.round(result.totalMs / 100) / 10,
          },
        });
        return true;
      });
      if (!written) this.d.log?.info({ analysisId: id }, 'redaction analysis finished after it stopped being this worker\'s; result dropped');
    } catch (err) {
      if (err instanceof AnalysisCancelled || job.signal.aborted) {
        // Cancelled (cancel() set the state and logged it), taken over, or the worker stops (the job is handed back).
      } else {
        this.d.log?.error({ err, analysisId: id }, 'redaction analysis failed');
        await this.fail(id, err instanceof Error ? err.message : String(err), owner);
      }
    } finally {
      for (const detector of detectors) await detector.close?.().catch(() => undefined);
    }
  }

  /** Seals a track's thumbnail with the day key of the footage it was cut from and stores it; null when there is none or no key. */
  private async storeThumbnail(cameraId: string, analysisId: string, trackId: string, jpeg: Buffer | undefined, atMs: number, segments: readonly Segment[]) {
    if (!jpeg || !this.d.thumbnailKeys) return null;
    const day = thumbnailDay(segments, new Date(atMs)) ?? utcDay(atMs);
    try {
      const key = await this.d.thumbnailKeys.forReading(cameraId, day);
      return { ...this.d.thumbnails.write(sealThumbnail(key, jpeg, analysisId, trackId), 'tzthumb'), day };
    } catch (err) {
      if (!(err instanceof FootageKeyError)) throw err;
      this.d.log?.info({ analysisId, trackId, day }, 'no thumbnail kept: the footage\'s day key is gone');
      return null;
    }
  }

  /** Fails a job this worker holds (owner), or with owner null a job nobody holds. */
  private async fail(id: string, message: string, owner: string | null): Promise<void> {
    const row = await this.d.analyses.get(id);
    if (!row) return;
    await this.d.db.transaction().execute(async (trx) => {
      const ended = owner ? await this.leases.end(id, owner, 'failed', trx) : await this.d.analyses.transition(id, ['running', 'queued'], 'failed', {}, trx);
      if (!ended) return;
      await this.d.analyses.update(id, { error: message.slice(0, 500), finished_at: this.d.clock.now().toISOString() }, trx);
      await this.d.logbook.append(trx, {
        actor: system, action: 'redaction.analysis_failed', caseRef: row.case_ref, subject: { analysisId: id, cameras: [row.camera_id], error: message.slice(0, 300) },
      });
    });
  }

  private async requireDone(id: string) {
    const row = await this.d.analyses.get(id);
    if (!row) throw notFound('redaction_analysis_not_found', `No redaction analysis ${id}`);
    if (row.state !== 'done') throw conflict('redaction_analysis_not_done', `The analysis is ${row.state}; tracks exist once it is done`);
    return row;
  }

  private notify(id: string): void {
    for (const resolve of this.waiters.get(id) ?? []) resolve();
    this.waiters.delete(id);
  }
}

/** Boxes to 5 decimals (a 1/100 000 of the frame: far below a pixel at 4K) to keep the stored JSON small. */
function rounded<T extends { x: number; y: number; w: number; h: number; score: number }>(b: T): T {
  const r = (v: number) => Math.round(v * 1e5) / 1e5;
  return { ...b, x: r(b.x), y: r(b.y), w: r(b.w), h: r(b.h), score: Math.round(b.score * 1000) / 1000 };
}
