import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import type { Logbook } from '../logbook/logbook.service.js';
import { CameraRecorder, type CameraEvent, type CameraSnapshot, type RecorderSettings } from './camera-recorder.js';
import type { CameraLeases } from './camera-leases.js';
import type { CameraStateRepository } from './camera-state.repository.js';
import { recorderActor, type IngestOutcome, type Ingester } from './ingester.js';
import type { IngestQueue } from './ingest-queue.js';
import type { FfmpegBinaries } from './media-tools.js';
import { killLeftover, type ProcessLauncher } from './process.js';
import { leftoverRuns, type SpooledSegment, type SpoolRun } from './spool.js';
import type { RecordingTarget, RecordingTargets } from './targets.js';
import { SharedTicker } from './ticker.js';

export interface RecorderDeps {
  targets: RecordingTargets;
  cameras: CameraStateRepository;
  ingester: Ingester;
  queue: IngestQueue;
  launcher: ProcessLauncher;
  binaries: FfmpegBinaries;
  spoolDir: string;
  settings: RecorderSettings;
  logbook: Logbook;
  clock: Clock;
  logger: Logger;
  /** How often the register is asked again which cameras may record. */
  refreshMs: number;
  /** The retention limit for footage of a camera the recorder knows nothing about (spool leftovers). */
  defaultRetentionDays: () => number;
  /** How long stop() waits for the last ingests (default 30 s). */
  drainTimeoutMs?: number;
  /** Camera leases (several recorders on one database): this recorder records only the cameras it holds. */
  leases?: { store: CameraLeases; holder: string; ttlMs: number };
}

export interface IngestCounts {
  indexed: number;
  quarantined: number;
  expired: number;
  duplicate: number;
}

/**
 * The recorder role: one supervised ffmpeg per camera the register allows (INV-8), their segments
 * through the ingester, and the camera transitions in the logboek. On start it first finishes
 * what a crashed or stopped predecessor left in the spool (killing any ffmpeg it left running).
 */
export class Recorder {
  private readonly recorders = new Map<string, CameraRecorder>();
  private readonly retention = new Map<string, number>();
  private readonly counts = new Map<string, IngestCounts>();
  private refreshTimer: NodeJS.Timeout | null = null;
  private reconciling: Promise<void> = Promise.resolve();
  private pausedFor: string | null = null;
  private running = false;
  /** One timer for every camera's poll. */
  private readonly ticker: SharedTicker;

  constructor(private readonly d: RecorderDeps) {
    this.ticker = new SharedTicker(d.settings.pollMs, (err) => d.logger.error({ err }, 'recorder tick failed'));
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.recoverSpool();
    await this.reconcile();
    this.refreshTimer = setInterval(() => void this.reconcile().catch((err) => this.d.logger.error({ err }, 'refreshing recording targets failed')), this.d.refreshMs);
    this.refreshTimer.unref();
    await this.journal('recording.recorder_started', { cameras: [...this.recorders.keys()] });
  }

  /** Stops every camera cleanly and waits until their last segments are ingested. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    if (this.refreshTimer) clearInterval(this.refreshTimer);
    await this.reconciling;
    await Promise.all([...this.recorders.values()].map((r) => r.stop()));
    for (const id of this.recorders.keys()) await this.d.cameras.setState(id, { state: 'stopped', at: this.d.clock.now() });
    // The last segments are ingested before the process ends — unless the store stays unreachable:
    // then they wait in the spool for the next start instead of holding up the shutdown.
    const drained = await Promise.race([this.d.queue.idle().then(() => true), new Promise<false>((r) => setTimeout(() => r(false), this.d.drainTimeoutMs ?? 30_000).unref())]);
    if (!drained) this.d.logger.warn({ pending: this.d.queue.pending }, 'stopping with segments still to ingest; they stay in the spool for the next start');
    this.d.queue.stop();
    await this.d.queue.idle();
    await this.journal('recording.recorder_stopped', { cameras: [...this.recorders.keys()] });
    // Hand the cameras over at once rather than after the leases expire.
    if (this.d.leases) await this.d.leases.store.releaseAll(this.d.leases.holder);
    this.recorders.clear();
  }

  /** Brings the running cameras in line with the register: new ones start, withdrawn ones stop. */
  reconcile(): Promise<void> {
    const next = this.reconciling.then(() => this.reconcileNow());
    this.reconciling = next.catch(() => undefined);
    return next;
  }

  private async reconcileNow(): Promise<void> {
    if (!this.running) return;
    const allowed = await this.d.targets.list();
    const leasedElsewhere = new Set<string>();
    let targets = allowed;
    const leases = this.d.leases;
    if (leases) {
      // Take or renew each camera's lease (wall-clock time: the leases are shared between processes).
      targets = [];
      for (const t of allowed) {
        if (await leases.store.acquire(t.cameraId, leases.holder, new Date(), leases.ttlMs)) targets.push(t);
        else leasedElsewhere.add(t.cameraId);
      }
    }
    const wanted = new Map(targets.map((t) => [t.cameraId, t]));
    for (const [id, recorder] of this.recorders) {
      if (wanted.has(id)) continue;
      await recorder.stop();
      this.recorders.delete(id);
      if (leasedElsewhere.has(id)) {
        await this.journal('recording.stopped', { cameraId: id, camera: recorder.current.name, reason: 'recorded by another recorder (its lease passed on)' });
        continue;
      }
      await leases?.store.release(id, leases.holder);
      await this.d.cameras.setState(id, { state: 'stopped', at: this.d.clock.now() });
      await this.journal('recording.stopped', { cameraId: id, camera: recorder.current.name, reason: 'no longer allowed to record by the register (INV-8)' });
    }
    for (const target of targets) {
      this.retention.set(target.cameraId, target.retentionDays);
      await this.d.cameras.upsert({ cameraId: target.cameraId, name: target.name, retentionDays: target.retentionDays, mode: target.mode }, this.d.clock.now());
      const existing = this.recorders.get(target.cameraId);
      if (existing) {
        await existing.update(target);
        continue;
      }
      const state = await this.d.cameras.get(target.cameraId);
      const recorder = new CameraRecorder(
        target,
        {
          launcher: this.d.launcher, binaries: this.d.binaries, spoolDir: this.d.spoolDir, settings: this.d.settings, logger: this.d.logger,
          onSegments: (run, segments) => this.handOver(run, segments, false),
          onRunEnded: (run, segments) => this.handOver(run, segments, true),
          onEvent: (t, event) => void this.onCameraEvent(t, event).catch((err) => this.d.logger.error({ err, cameraId: t.cameraId }, 'recording a camera event failed')),
          ticker: this.ticker,
        },
        { offlineSince: state?.offlineSince ?? null },
      );
      this.recorders.set(target.cameraId, recorder);
      try {
        if (!this.pausedFor) recorder.start();
      } catch (err) {
        // One camera that cannot start (its spool directory, say) never keeps the others from recording.
        this.d.logger.error({ err, cameraId: target.cameraId }, 'starting a camera failed');
        this.recorders.delete(target.cameraId);
        continue;
      }
      await this.d.cameras.setState(target.cameraId, { state: this.pausedFor ? 'paused' : 'starting', at: this.d.clock.now() });
      await this.journal('recording.started', { cameraId: target.cameraId, camera: target.name, mode: target.mode, retentionDays: target.retentionDays });
    }
  }

  /** Stops every camera without forgetting them (the footage store is full of held footage). */
  async pause(reason: string): Promise<void> {
    if (this.pausedFor) return;
    this.pausedFor = reason;
    await Promise.all([...this.recorders.values()].map((r) => r.stop('paused')));
    for (const id of this.recorders.keys()) await this.d.cameras.setState(id, { state: 'paused', at: this.d.clock.now(), lastError: reason });
  }

  resume(): void {
    if (!this.pausedFor) return;
    this.pausedFor = null;
    for (const recorder of this.recorders.values()) recorder.start();
  }

  get paused(): string | null {
    return this.pausedFor;
  }

  snapshots(): CameraSnapshot[] {
    return [...this.recorders.values()].map((r) => r.snapshot());
  }

  ingestCounts(cameraId: string): IngestCounts {
    return this.counts.get(cameraId) ?? { indexed: 0, quarantined: 0, expired: 0, duplicate: 0 };
  }

  /** Resolves once every segment handed over so far is ingested. */
  idle(): Promise<void> {
    return this.d.queue.idle();
  }

  private handOver(run: SpoolRun, segments: SpooledSegment[], ended: boolean): void {
    for (const segment of segments) {
      void this.d.queue.enqueue(segment.cameraId, segment.file, async () => {
        const outcome = await this.d.ingester.ingest(segment, await this.retentionFor(segment.cameraId));
        this.count(segment.cameraId, outcome);
      });
    }
    if (ended) void this.d.queue.enqueue(run.cameraId, `${run.runId} cleanup`, async () => void (await run.removeIfDone()));
  }

  private count(cameraId: string, outcome: IngestOutcome): void {
    const counts = this.ingestCounts(cameraId);
    counts[outcome.kind]++;
    this.counts.set(cameraId, counts);
  }

  private async retentionFor(cameraId: string): Promise<number> {
    const known = this.retention.get(cameraId) ?? (await this.d.cameras.get(cameraId))?.retentionDays;
    if (known !== undefined) return known;
    const days = this.d.defaultRetentionDays();
    await this.d.cameras.upsert({ cameraId, name: cameraId, retentionDays: days, mode: 'continuous' }, this.d.clock.now());
    this.retention.set(cameraId, days);
    return days;
  }

  /** Finishes the runs a previous process left: kills a leftover ffmpeg, then ingests and clears. */
  private async recoverSpool(): Promise<void> {
    for (const run of leftoverRuns(this.d.spoolDir)) {
      const meta = run.readMeta();
      if (meta?.pid) await killLeftover(meta.pid, run.dir);
      const segments = [...(await run.poll(true)), ...(await run.unfinished())];
      if (segments.length) this.d.logger.info({ cameraId: run.cameraId, run: run.runId, segments: segments.length }, 'ingesting spool leftovers');
      this.handOver(run, segments, true);
    }
  }

  private async onCameraEvent(target: RecordingTarget, event: CameraEvent): Promise<void> {
    const now = this.d.clock.now();
    const subject = { cameraId: target.cameraId, camera: target.name };
    if (event.kind === 'recording') {
      await this.d.cameras.setState(target.cameraId, { state: 'recording', at: event.at, lastError: null });
    } else if (event.kind === 'offline') {
      this.d.logger.warn({ ...subject, since: event.since, reason: event.reason }, 'camera offline');
      await this.d.cameras.setState(target.cameraId, { state: 'offline', at: now, offlineSince: event.since, lastError: event.reason });
      await this.journal('recording.camera_offline', { ...subject, since: event.since.toISOString(), reason: event.reason });
    } else if (event.kind === 'online') {
      this.d.logger.info({ ...subject, offlineSince: event.offlineSince }, 'camera online');
      await this.d.cameras.setState(target.cameraId, { state: 'recording', at: event.at, offlineSince: null, lastError: null });
      await this.journal('recording.camera_online', {
        ...subject, offlineSince: event.offlineSince.toISOString(), at: event.at.toISOString(),
        downtimeSeconds: Math.round((event.at.getTime() - event.offlineSince.getTime()) / 1000),
      });
    } else {
      this.d.logger.error({ ...subject, reason: event.reason }, 'camera failed: restart limit reached');
      await this.d.cameras.setState(target.cameraId, { state: 'failed', at: now, lastError: event.reason });
      await this.journal('recording.camera_failed', { ...subject, reason: event.reason, retryAt: event.retryAt.toISOString() });
    }
  }

  private async journal(action: string, subject: Record<string, unknown>): Promise<void> {
    await this.d.logbook.record({ actor: recorderActor, action, subject });
  }
}
