import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Clock } from '../platform/clock.js';
import type { Schema } from '../platform/db/schema.js';
import type { Logger } from '../platform/logger.js';
import type { Logbook } from '../logbook/logbook.service.js';
import type { CameraStateRepository, RecordingCamera } from './camera-state.repository.js';
import type { DayKeys } from './day-keys.js';
import type { FootageStore } from './footage-store.js';
import type { HoldRepository } from './hold.repository.js';
import { dayKeyDestroyable, heldBy, heldStartRanges, motionPrune, pressurePlan, retentionCutoff, unheldStartRanges } from './retention.js';
import { dayEnd, utcDay, type HoldWindow, type Segment } from './segment.js';
import type { DeletedSegment, SegmentCursor, SegmentRepository } from './segment.repository.js';

export const retentionActor = { id: null, name: 'retention', role: null } as const;

export interface CameraSweep {
  retentionDays: number;
  cutoff: string;
  deleted: number;
  bytes: number;
  /** Expired segments kept because an active hold covers them (INV-2). */
  held: number;
  /** The holds that kept expired footage of this camera. */
  holds: string[];
  motionPruned: number;
  oldestKept: string | null;
}

export interface SweepSummary {
  at: string;
  cameras: Record<string, CameraSweep>;
  /** Expired segments kept because of holds, over all cameras. */
  holdsHonoured: number;
  keysDestroyed: number;
  objectsPurged: number;
  quarantinePurged: number;
  pressure: { freeBytes: number; floorBytes: number; deleted: number; bytes: number; exhausted: boolean } | null;
}

export interface PressureSettings {
  floorBytes: number;
  freeBytes: () => Promise<number | null>;
  /** Only held footage is left and the floor is not reached: stop recording, raise the alert. */
  onExhausted: (freeBytes: number) => Promise<void>;
  onRecovered: () => Promise<void> | void;
}

export interface RetentionDeps {
  db: Kysely<Schema>;
  segments: SegmentRepository;
  holds: HoldRepository;
  cameras: CameraStateRepository;
  keys: DayKeys;
  store: FootageStore;
  logbook: Logbook;
  clock: Clock;
  logger: Logger;
  quarantineDir: string;
  batchSize?: number;
  motion: { threshold: number; marginMs: number };
  pressure: PressureSettings | null;
}

const cursorOf = (s: Segment): SegmentCursor => ({ start: s.start.toISOString(), id: s.id });

/** How far before its cursor a sweep starts reading again (an ingest that raced the previous sweep). */
const sweepMarginMs = 3_600_000;

/**
 * The retention sweep (INV-1, INV-2, INV-9, X-3): deletes each camera's footage past its limit
 * unless an active hold covers it, prunes motion-mode cameras, relieves disk pressure oldest
 * first, destroys the day keys of days that are entirely gone, and writes one summary entry.
 * Its reads follow the (camera, start) index over the ranges outside the holds, so its cost is
 * proportional to what expires (plus the holds), not to what is stored.
 */
export class RetentionService {
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<SweepSummary> | null = null;
  private exhausted = false;
  private readonly batch: number;

  constructor(private readonly d: RetentionDeps) {
    this.batch = d.batchSize ?? 1000;
  }

  /** Runs a sweep now, or joins the one already running. */
  sweep(): Promise<SweepSummary> {
    this.sweeping ??= this.sweepNow().finally(() => {
      this.sweeping = null;
    });
    return this.sweeping;
  }

  /** Sweeps every intervalMs (the timer does not keep the process alive). */
  start(intervalMs: number, onError: (err: unknown) => void): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = setInterval(() => void this.sweep().catch(onError), intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a sweep in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.sweeping?.catch(() => undefined);
  }

  /** Removes from the store the objects whose rows are gone (also what a crash left queued), 16 at a time. */
  async purgeQueued(): Promise<number> {
    let purged = 0;
    let after: string | null = null;
    for (;;) {
      const queued = await this.d.segments.purgeQueue(1000, after);
      if (!queued.length) return purged;
      after = queued[queued.length - 1]!.storageKey;
      const done: string[] = [];
      for (let i = 0; i < queued.length; i += 16) {
        await Promise.all(
          queued.slice(i, i + 16).map(async (item) => {
            try {
              await this.d.store.delete(item.storageKey);
              done.push(item.storageKey);
            } catch (err) {
              this.d.logger.error({ err, key: item.storageKey }, 'removing a purged object failed; it stays queued (its day key still dies with its day)');
            }
          }),
        );
      }
      await this.d.segments.dequeuePurged(done);
      purged += done.length;
    }
  }

  private async sweepNow(): Promise<SweepSummary> {
    const now = this.d.clock.now();
    const summary: SweepSummary = { at: now.toISOString(), cameras: {}, holdsHonoured: 0, keysDestroyed: 0, objectsPurged: 0, quarantinePurged: 0, pressure: null };
    const cameras = await this.d.cameras.list();
    for (const camera of cameras) {
      const result = await this.sweepCamera(camera, now);
      if (camera.mode === 'motion') result.motionPruned = await this.pruneMotion(camera, now);
      const swept = await this.d.cameras.get(camera.cameraId);
      const windows = (await this.d.holds.activeWindows(camera.cameraId)).map((w) => ({ from: w.from, to: w.to }));
      result.oldestKept = (await this.d.segments.oldestKept(camera.cameraId, swept?.sweptUntil ?? null, windows))?.toISOString() ?? null;
      summary.cameras[camera.cameraId] = result;
      summary.holdsHonoured += result.held;
    }
    summary.pressure = await this.relievePressure(now);
    summary.objectsPurged = await this.purgeQueued();
    summary.keysDestroyed = await this.destroyDayKeys(cameras, now);
    summary.quarantinePurged = await this.purgeQuarantine(cameras, now);
    await this.d.logbook.record({ actor: retentionActor, action: 'retention.sweep', subject: { ...summary } });
    return summary;
  }

  private async sweepCamera(camera: RecordingCamera, now: Date): Promise<CameraSweep> {
    const cutoff = retentionCutoff(now, camera.retentionDays);
    const result: CameraSweep = { retentionDays: camera.retentionDays, cutoff: cutoff.toISOString(), deleted: 0, bytes: 0, held: 0, holds: [], motionPruned: 0, oldestKept: null };
    const windows = await this.d.holds.activeWindows(camera.cameraId);
    // Footage inside the hold windows is counted through the index, never read.
    for (const range of heldStartRanges(cutoff, windows)) result.held += await this.d.segments.countStartingIn(camera.cameraId, range.from, range.to);
    for (const hold of windows) {
      if (hold.from.getTime() >= cutoff.getTime()) continue;
      const to = new Date(Math.min(hold.to.getTime(), cutoff.getTime()));
      if ((await this.d.segments.countStartingIn(camera.cameraId, hold.from, to)) > 0) result.holds.push(hold.id);
    }
    // Unheld footage before the cursor is gone already (hold releases move it back): read from there,
    // less a margin for a segment whose ingest raced the last sweep. Without it PostgreSQL would walk
    // the index over every row the last sweeps deleted until autovacuum has cleaned them.
    const floor = camera.sweptUntil ? camera.sweptUntil.getTime() - sweepMarginMs : null;
    const ranges = unheldStartRanges(cutoff, windows)
      .filter((r) => floor === null || r.to.getTime() > floor)
      .map((r) => (floor !== null && (r.from === null || r.from.getTime() < floor) ? { from: new Date(floor), to: r.to } : r));
    for (const range of ranges) {
      let after: SegmentCursor | null = null;
      for (;;) {
        const page = await this.d.segments.startingIn(camera.cameraId, range, this.batch, after);
        if (!page.length) break;
        after = cursorOf(page[page.length - 1]!);
        const candidates = page.filter((s) => !heldBy(s, windows));
        const deleted = await this.deleteUnheld(camera.cameraId, candidates.map((s) => s.id), now);
        result.held += page.length - deleted.length;
        result.deleted += deleted.length;
        result.bytes += deleted.reduce((sum, d) => sum + d.storedBytes, 0);
        if (page.length < this.batch) break;
      }
    }
    await this.d.cameras.setSweptUntil(camera.cameraId, cutoff);
    return result;
  }

  /** The one deletion path: under the camera lock, by the statement that re-checks the holds. */
  private deleteUnheld(cameraId: string, ids: number[], now: Date): Promise<DeletedSegment[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.d.db.transaction().execute(async (trx) => {
      await this.d.segments.lockCamera(trx, cameraId);
      return this.d.segments.deleteUnheld(trx, cameraId, ids, now);
    });
  }

  private async pruneMotion(camera: RecordingCamera, now: Date): Promise<number> {
    const decided = camera.motionDecidedUntil;
    const { marginMs, threshold } = this.d.motion;
    const context = decided ? new Date(decided.getTime() - marginMs) : null;
    const segments = await this.d.segments.endingAfter(camera.cameraId, context, 10_000);
    const last = segments[segments.length - 1];
    if (!last) return 0;
    const { drop, decidedUntil } = motionPrune(segments, { threshold, marginMs, knownUntil: last.end });
    const undecided = new Set(segments.filter((s) => !decided || s.end.getTime() > decided.getTime()).map((s) => s.id));
    const deleted = await this.deleteUnheld(camera.cameraId, drop.filter((id) => undecided.has(id)), now);
    if (decidedUntil) await this.d.cameras.setMotionDecidedUntil(camera.cameraId, decidedUntil);
    return deleted.length;
  }

  /**
   * Disk pressure: below the floor, the oldest unheld footage of any camera goes first; held
   * footage is never touched. When only held footage is left, recording stops for this store.
   */
  private async relievePressure(now: Date): Promise<SweepSummary['pressure']> {
    const pressure = this.d.pressure;
    if (!pressure) return null;
    let free = await pressure.freeBytes();
    if (free === null) return null;
    const report = { freeBytes: free, floorBytes: pressure.floorBytes, deleted: 0, bytes: 0, exhausted: false };
    if (free >= pressure.floorBytes) {
      if (this.exhausted) {
        this.exhausted = false;
        await pressure.onRecovered();
      }
      return report;
    }
    const windows = new Map<string, HoldWindow[]>();
    const windowsOf = async (cameraId: string) => {
      if (!windows.has(cameraId)) windows.set(cameraId, await this.d.holds.activeWindows(cameraId));
      return windows.get(cameraId)!;
    };
    let after: SegmentCursor | null = null;
    let exhausted = true;
    for (;;) {
      const page = await this.d.segments.oldest(this.batch, after);
      if (!page.length) break;
      after = cursorOf(page[page.length - 1]!);
      const candidates = [];
      for (const s of page) candidates.push({ id: s.id, storedBytes: s.storedBytes, held: !!heldBy(s, await windowsOf(s.cameraId)), cameraId: s.cameraId });
      const plan = pressurePlan(free + report.bytes, pressure.floorBytes, candidates);
      const chosen = new Set(plan.delete);
      const byCamera = new Map<string, number[]>();
      for (const c of candidates) if (chosen.has(c.id)) byCamera.set(c.cameraId, [...(byCamera.get(c.cameraId) ?? []), c.id]);
      for (const [cameraId, ids] of byCamera) {
        const deleted = await this.deleteUnheld(cameraId, ids, now);
        report.deleted += deleted.length;
        report.bytes += deleted.reduce((sum, d) => sum + d.storedBytes, 0);
      }
      await this.purgeQueued();
      if (!plan.exhausted) {
        exhausted = false;
        break;
      }
      if (page.length < this.batch) break;
    }
    free = (await pressure.freeBytes()) ?? free;
    report.freeBytes = free;
    report.exhausted = exhausted && free < pressure.floorBytes;
    if (report.exhausted && !this.exhausted) {
      this.exhausted = true;
      await pressure.onExhausted(free);
    } else if (!report.exhausted && this.exhausted) {
      this.exhausted = false;
      await pressure.onRecovered();
    }
    return report;
  }

  /**
   * INV-9: the key of a day dies once the whole day is past retention and none of its segments is
   * left. The sweep has just removed every unheld expired segment, so what can be left of such a day
   * lies in (or reaches into) an active hold's window: only those parts of the index are counted —
   * never the rest of the day, which on PostgreSQL is full of deleted entries until autovacuum.
   */
  private async destroyDayKeys(cameras: RecordingCamera[], now: Date): Promise<number> {
    const limits = new Map(cameras.map((c) => [c.cameraId, c.retentionDays]));
    const windows = new Map<string, HoldWindow[]>();
    let destroyed = 0;
    for (const { cameraId, day } of await this.d.keys.liveBefore(utcDay(now))) {
      const limit = limits.get(cameraId);
      if (limit === undefined) continue;
      const cutoff = retentionCutoff(now, limit);
      if (dayEnd(day).getTime() > cutoff.getTime()) continue;
      if (!windows.has(cameraId)) windows.set(cameraId, await this.d.holds.activeWindows(cameraId));
      const end = dayEnd(day).getTime();
      const start = end - 86_400_000;
      const gone = await this.d.db.transaction().execute(async (trx) => {
        await this.d.segments.lockCamera(trx, cameraId);
        let left = 0;
        for (const w of windows.get(cameraId)!) {
          const from = Math.max(start, w.from.getTime() - 3_600_000);
          const to = Math.min(end, w.to.getTime());
          if (from < to) left += await this.d.segments.countStartingIn(cameraId, new Date(from), new Date(to), trx);
          if (left) break;
        }
        if (!dayKeyDestroyable(day, cutoff, left)) return false;
        return this.d.keys.destroy(cameraId, day, trx);
      });
      if (gone) destroyed++;
    }
    return destroyed;
  }

  /** Quarantined segments are plaintext footage too: they go when their time is past retention. */
  private async purgeQuarantine(cameras: RecordingCamera[], now: Date): Promise<number> {
    let purged = 0;
    for (const camera of cameras) {
      const dir = path.join(this.d.quarantineDir, camera.cameraId);
      const cutoff = retentionCutoff(now, camera.retentionDays).getTime();
      for (const file of await fs.promises.readdir(dir).catch(() => [] as string[])) {
        const at = await fs.promises.stat(path.join(dir, file)).then((st) => st.mtimeMs, () => null);
        if (at !== null && at < cutoff) {
          await fs.promises.rm(path.join(dir, file), { force: true });
          purged++;
        }
      }
    }
    return purged;
  }
}
