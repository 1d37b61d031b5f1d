import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Clock } from '../platform/clock.js';
import type { Schema } from '../platform/db/schema.js';
import type { Logger } from '../platform/logger.js';
import type { Logbook } from '../logbook/logbook.service.js';
import type { CameraStateRepository } from './camera-state.repository.js';
import type { DayKeys } from './day-keys.js';
import { encryptSegment, FootageKeyError } from './footage-crypto.js';
import type { FootageStore } from './footage-store.js';
import type { MediaTools } from './media-tools.js';
import { motionScore } from './motion.js';
import { retentionCutoff } from './retention.js';
import { placeSegment, storageKey, utcDay, type Segment } from './segment.js';
import { toSegment, type SegmentRepository } from './segment.repository.js';
import type { SpooledSegment } from './spool.js';

export type IngestOutcome =
  | { kind: 'indexed'; segment: Segment }
  | { kind: 'duplicate' }
  | { kind: 'quarantined'; reason: string }
  | { kind: 'expired' };

export const recorderActor = { id: null, name: 'recorder', role: null } as const;

/**
 * Turns a finished spool file into an indexed, encrypted segment (convention 9):
 * probe (ffprobe) → motion score (keyframes) → encrypt with the camera's day key → store →
 * index row, in that order, then remove the spool file. The stored object is written before its
 * row, and its key is derived from the spool file, so a crash at any point leaves either nothing
 * indexed (the spool file is ingested again, overwriting the same object) or the complete segment
 * (the re-ingest finds the row and only removes the spool file). Never a row without its object.
 */
export class Ingester {
  /** The last keyframe of each camera's previous segment, to score the first change of the next one. */
  private readonly lastFrame = new Map<string, Uint8Array>();

  constructor(
    private readonly d: {
      db: Kysely<Schema>;
      segments: SegmentRepository;
      cameras: CameraStateRepository;
      store: FootageStore;
      keys: DayKeys;
      media: MediaTools;
      logbook: Logbook;
      clock: Clock;
      logger: Logger;
      quarantineDir: string;
    },
  ) {}

  async ingest(spooled: SpooledSegment, retentionDays: number): Promise<IngestOutcome> {
    const { cameraId } = spooled;
    const probe = await this.d.media.probe(spooled.path);
    if (!probe.ok) return this.quarantine(spooled, probe.reason);
    const durationMs = spooled.listedDurationMs && spooled.listedDurationMs > 0 ? spooled.listedDurationMs : probe.durationMs;
    const { start, end } = placeSegment(spooled.rawStartMs, durationMs, (await this.d.segments.lastEnd(cameraId))?.getTime() ?? null);
    const day = utcDay(start);
    const key = storageKey(cameraId, day, spooled.runId, spooled.file);

    const existing = await this.d.segments.findByStorageKey(key);
    if (existing) {
      await fs.promises.rm(spooled.path, { force: true });
      return { kind: 'duplicate' };
    }
    if (start.getTime() < retentionCutoff(this.d.clock.now(), retentionDays).getTime()) {
      // Footage that is past retention on arrival (a very old leftover) is not kept (INV-1).
      this.d.logger.warn({ cameraId, file: spooled.file, start }, 'segment already past retention: discarded');
      await fs.promises.rm(spooled.path, { force: true });
      return { kind: 'expired' };
    }

    const plaintext = await fs.promises.readFile(spooled.path);
    const motion = await this.motion(cameraId, spooled.path);
    let dataKey: Buffer;
    try {
      dataKey = await this.d.keys.forWriting(cameraId, day);
    } catch (err) {
      if (err instanceof FootageKeyError && err.code === 'day_key_destroyed') {
        await fs.promises.rm(spooled.path, { force: true });
        return { kind: 'expired' };
      }
      throw err;
    }
    const blob = encryptSegment(dataKey, plaintext, key);
    await this.d.store.put(key, blob);

    const row = {
      camera_id: cameraId, day, start_at: start.toISOString(), end_at: end.toISOString(), duration_ms: end.getTime() - start.getTime(),
      bytes: plaintext.length, stored_bytes: blob.length, motion, storage_key: key, run_id: spooled.runId, codec: probe.codec,
      width: probe.width, height: probe.height, indexed_at: this.d.clock.now().toISOString(),
    };
    const indexed = await this.d.db.transaction().execute(async (trx) => {
      // The sweep may have destroyed this day's key since it was read (INV-9): then nothing is indexed.
      // The camera lock orders this against the sweep's "no segment left of that day → destroy".
      await this.d.segments.lockCamera(trx, cameraId);
      if (!(await this.d.keys.isLive(cameraId, day, trx))) return false;
      const inserted = await this.d.segments.insert(row, trx);
      if (inserted) await this.d.cameras.addSegment(cameraId, blob.length, end, trx);
      return inserted;
    });
    if (!indexed) {
      await this.d.store.delete(key).catch(() => undefined);
      await fs.promises.rm(spooled.path, { force: true });
      return { kind: 'expired' };
    }
    await fs.promises.rm(spooled.path, { force: true });
    const segment = await this.d.segments.findByStorageKey(key);
    return { kind: 'indexed', segment: segment ?? toSegment({ ...row, id: 0 }) };
  }

  private async motion(cameraId: string, file: string): Promise<number | null> {
    try {
      const frames = await this.d.media.keyframes(file);
      const score = motionScore(frames, this.lastFrame.get(cameraId) ?? null);
      const last = frames[frames.length - 1];
      if (last) this.lastFrame.set(cameraId, Uint8Array.from(last));
      return score;
    } catch (err) {
      this.d.logger.warn({ err, cameraId }, 'motion score failed; segment kept without one');
      return null;
    }
  }

  /** Moves a segment that does not probe to the quarantine directory and records that in the logboek. */
  private async quarantine(spooled: SpooledSegment, reason: string): Promise<IngestOutcome> {
    const dir = path.join(this.d.quarantineDir, spooled.cameraId);
    await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
    const target = path.join(dir, `${spooled.runId}-${spooled.file}`);
    await fs.promises.rename(spooled.path, target).catch(async () => {
      await fs.promises.copyFile(spooled.path, target);
      await fs.promises.rm(spooled.path, { force: true });
    });
    this.d.logger.warn({ cameraId: spooled.cameraId, file: spooled.file, reason }, 'segment quarantined');
    await this.d.logbook.record({
      actor: recorderActor,
      action: 'recording.segment_quarantined',
      subject: { cameraId: spooled.cameraId, run: spooled.runId, file: spooled.file, at: new Date(spooled.rawStartMs).toISOString(), reason },
    });
    return { kind: 'quarantined', reason };
  }
}
