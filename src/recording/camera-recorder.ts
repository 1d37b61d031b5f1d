import crypto from 'node:crypto';
import type { Logger } from '../platform/logger.js';
import type { CameraState } from './camera-state.repository.js';
import { childEnv, recordArgs, redactCredentials, type DemoSceneOptions } from './ffmpeg-args.js';
import type { FfmpegBinaries } from './media-tools.js';
import { stopProcess, type ProcessLauncher, type RunningProcess } from './process.js';
import { afterRun, type RestartHistory, type RestartPolicy } from './restart-policy.js';
import { runId as newRunId } from './segment.js';
import { SpoolRun, type SpooledSegment } from './spool.js';
import { SharedTicker } from './ticker.js';
import type { RecordingTarget } from './targets.js';

export interface RecorderSettings {
  segmentSeconds: number;
  /** The watchdog: a run that delivers no data for this long is stopped and restarted. */
  staleAfterMs: number;
  /** A camera without footage for this long is offline (a logboek entry and an alert). */
  offlineAfterMs: number;
  /** SIGTERM, then SIGKILL after this long. */
  stopGraceMs: number;
  socketTimeoutSeconds: number;
  /** How often the segment list is read and the watchdog looks. */
  pollMs: number;
  restart: RestartPolicy;
  demo: DemoSceneOptions;
}

export type CameraEvent =
  | { kind: 'recording'; at: Date }
  | { kind: 'offline'; since: Date; reason: string }
  | { kind: 'online'; offlineSince: Date; at: Date }
  | { kind: 'failed'; reason: string; retryAt: Date };

export interface CameraRecorderDeps {
  launcher: ProcessLauncher;
  binaries: FfmpegBinaries;
  spoolDir: string;
  settings: RecorderSettings;
  logger: Logger;
  /** Finished segments of the running run, to ingest. */
  onSegments(run: SpoolRun, segments: SpooledSegment[]): void;
  /** The run ended: its last segments (finished or not) to ingest, then its directory to clear. */
  onRunEnded(run: SpoolRun, segments: SpooledSegment[]): void;
  onEvent(target: RecordingTarget, event: CameraEvent): void;
  /** The timer shared by all cameras (one wake-up per poll); without it the camera has its own. */
  ticker?: SharedTicker;
}

export interface CameraSnapshot {
  cameraId: string;
  name: string;
  state: CameraState;
  pid: number | null;
  runId: string | null;
  offlineSince: Date | null;
  lastFootageAt: Date | null;
  restarts: number;
  lastError: string | null;
}

/**
 * One camera's ffmpeg, supervised: started with spawn(cmd, args), watched through what it writes
 * into its spool run (the staleness watchdog: SpoolRun.wroteSinceLastLook, one stat per poll — no
 * progress output is parsed), restarted with backoff up to the restart limit, stopped with SIGTERM
 * then SIGKILL. Offline and online are judged on footage actually arriving.
 */
export class CameraRecorder {
  private state: CameraState = 'starting';
  private proc: RunningProcess | null = null;
  private run: SpoolRun | null = null;
  private runDone: Promise<void> = Promise.resolve();
  private runStartedAt = 0;
  private runRecordedMs = 0;
  private firstDataAt: number | null = null;
  private lastProgressAt = 0;
  private lastFootageAt: number;
  private everFootage = false;
  private offlineSince: Date | null;
  private history: RestartHistory = [];
  private restarts = 0;
  private lastError: string | null = null;
  private stderrTail: string[] = [];
  private ticker: SharedTicker | null = null;
  private readonly onTick = () => void this.tick().catch((err) => this.d.logger.error({ err, cameraId: this.cameraId }, 'recorder tick failed'));
  private restartTimer: NodeJS.Timeout | null = null;
  private halted = true;

  constructor(
    private target: RecordingTarget,
    private readonly d: CameraRecorderDeps,
    initial: { offlineSince: Date | null } = { offlineSince: null },
  ) {
    this.offlineSince = initial.offlineSince;
    this.lastFootageAt = Date.now();
  }

  get cameraId(): string {
    return this.target.cameraId;
  }

  get current(): RecordingTarget {
    return this.target;
  }

  start(): void {
    if (!this.halted) return;
    this.halted = false;
    this.state = 'starting';
    this.lastFootageAt = Date.now();
    this.ticker = this.d.ticker ?? new SharedTicker(this.d.settings.pollMs);
    this.ticker.add(this.onTick);
    try {
      this.spawnRun();
    } catch (err) {
      this.ticker.remove(this.onTick);
      this.ticker = null;
      this.halted = true;
      throw err;
    }
  }

  /** Stops recording (SIGTERM, grace, SIGKILL) and waits until the run's leftovers are handed to the ingester. */
  async stop(state: Extract<CameraState, 'stopped' | 'paused'> = 'stopped'): Promise<void> {
    this.halted = true;
    this.ticker?.remove(this.onTick);
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.ticker = this.restartTimer = null;
    const proc = this.proc;
    if (proc) {
      const how = await stopProcess(proc, this.d.settings.stopGraceMs);
      if (how === 'killed') this.d.logger.warn({ cameraId: this.cameraId }, 'ffmpeg did not stop within the grace period: killed');
    }
    await this.runDone;
    this.state = state;
  }

  /** New register facts (name, mode, retention); a new stream URL restarts the run. */
  async update(target: RecordingTarget): Promise<void> {
    const restart = target.url !== this.target.url;
    this.target = target;
    if (restart && !this.halted) {
      await this.stop();
      this.start();
    }
  }

  snapshot(): CameraSnapshot {
    return {
      cameraId: this.cameraId, name: this.target.name, state: this.state, pid: this.proc?.pid ?? null, runId: this.run?.runId ?? null,
      offlineSince: this.offlineSince, lastFootageAt: this.everFootage ? new Date(this.lastFootageAt) : null, restarts: this.restarts, lastError: this.lastError,
    };
  }

  private spawnRun(): void {
    const startedAt = Date.now();
    const run = SpoolRun.create(this.d.spoolDir, this.cameraId, newRunId(new Date(startedAt), crypto.randomBytes(2).toString('hex')));
    const args = recordArgs({
      source: this.target.url, runDir: run.dir, segmentSeconds: this.d.settings.segmentSeconds, ffmpegMajor: this.d.binaries.ffmpegMajor,
      socketTimeoutSeconds: this.d.settings.socketTimeoutSeconds, demo: this.d.settings.demo,
    });
    this.stderrTail = [];
    const proc = this.d.launcher.start(this.d.binaries.ffmpeg, args, {
      env: childEnv(),
      onStderrLine: (line) => {
        const clean = redactCredentials(line);
        this.stderrTail = [...this.stderrTail.slice(-4), clean];
        this.d.logger.debug({ cameraId: this.cameraId, ffmpeg: clean }, 'ffmpeg');
      },
    });
    run.writeMeta({ pid: proc.pid ?? null, startedAt: new Date(startedAt).toISOString(), anchorMs: null });
    this.proc = proc;
    this.run = run;
    this.runStartedAt = this.lastProgressAt = startedAt;
    this.runRecordedMs = 0;
    this.firstDataAt = null;
    this.d.logger.info({ cameraId: this.cameraId, camera: this.target.name, run: run.runId, pid: proc.pid }, 'recording run started');
    this.runDone = proc.exited.then((result) => this.onExit(run, startedAt, result)).catch((err) => {
      this.d.logger.error({ err, cameraId: this.cameraId }, 'handling the end of a run failed');
    });
  }

  /** ffmpeg wrote footage since the last look: the heartbeat, and the online transition. */
  private onData(now: number): void {
    this.firstDataAt ??= now;
    this.lastProgressAt = this.lastFootageAt = now;
    this.everFootage = true;
    this.runRecordedMs = now - this.firstDataAt;
    if (this.state !== 'recording') {
      this.state = 'recording';
      this.lastError = null;
      if (this.offlineSince) {
        const offlineSince = this.offlineSince;
        this.offlineSince = null;
        this.d.onEvent(this.target, { kind: 'online', offlineSince, at: new Date(now) });
      } else {
        this.d.onEvent(this.target, { kind: 'recording', at: new Date(now) });
      }
    }
  }

  private async tick(): Promise<void> {
    if (this.halted) return;
    const run = this.run;
    if (run && this.proc) {
      const finished = await run.poll();
      if (finished.length) this.d.onSegments(run, finished);
      if (run.wroteSinceLastLook()) this.onData(Date.now());
    }
    const now = Date.now();
    if (this.proc && now - this.lastProgressAt > this.d.settings.staleAfterMs) {
      this.lastError = `stalled: no data for ${Math.round((now - this.lastProgressAt) / 1000)} s`;
      this.d.logger.warn({ cameraId: this.cameraId, camera: this.target.name }, 'watchdog: stream stalled, restarting');
      const proc = this.proc;
      this.lastProgressAt = now; // one stop per stall
      void stopProcess(proc, Math.min(2_000, this.d.settings.stopGraceMs));
    }
    if (!this.offlineSince && now - this.lastFootageAt > this.d.settings.offlineAfterMs) {
      this.offlineSince = new Date(this.lastFootageAt);
      if (this.state !== 'failed') this.state = 'offline';
      this.d.onEvent(this.target, { kind: 'offline', since: this.offlineSince, reason: this.lastError ?? 'no footage' });
    }
  }

  private async onExit(run: SpoolRun, startedAt: number, result: { code: number | null; signal: NodeJS.Signals | null; error?: Error }): Promise<void> {
    if (this.proc && this.run === run) this.proc = null;
    try {
      this.d.onRunEnded(run, [...(await run.poll(true)), ...(await run.unfinished())]);
    } catch (err) {
      // The run's files stay in the spool (the next start ingests them); recording goes on regardless.
      this.d.logger.error({ err, cameraId: this.cameraId, run: run.runId }, 'reading the end of a run failed');
    }
    const endedAt = Date.now();
    const described = result.error ? `ffmpeg did not start: ${result.error.message}` : `ffmpeg exited (${result.signal ?? `code ${result.code}`})`;
    const tail = this.stderrTail.filter((l) => !/Non-monotonous DTS/.test(l)).slice(-1)[0];
    if (!this.halted || !this.lastError) this.lastError = tail ? `${described}: ${tail}` : described;
    this.d.logger.info({ cameraId: this.cameraId, run: run.runId, code: result.code, signal: result.signal, recordedMs: Math.round(this.runRecordedMs) }, 'recording run ended');
    if (this.halted) return;
    const decision = afterRun(this.history, { startedAt, endedAt, recordedMs: this.runRecordedMs }, this.d.settings.restart);
    this.history = decision.history;
    this.restarts++;
    if (decision.gaveUp) {
      this.state = 'failed';
      this.d.onEvent(this.target, { kind: 'failed', reason: this.lastError ?? described, retryAt: new Date(endedAt + decision.delayMs) });
    } else if (this.state === 'recording') {
      this.state = 'starting';
    }
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (!this.halted) this.spawnRun();
    }, decision.delayMs);
  }
}
