import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Clock } from '../platform/clock.js';
import type { Schema } from '../platform/db/schema.js';
import type { Logger } from '../platform/logger.js';
import type { Logbook } from '../logbook/logbook.service.js';
import type { CameraStateRepository } from './camera-state.repository.js';
import type { DayKeys } from './day-keys.js';
import { FootageKeyError, sealSegment } from './footage-crypto.js';
import type { FootageStore } from './footage-store.js';
import { LocalFootageStore } from './local-store.js';
import type { Sealer } from './sealer.js';
import { motionScore } from './motion.js';
import { retentionCutoff } from './retention.js';
import { placeSegment, storageKey, utcDay, type Segment } from './segment.js';
import { toSegment, type SegmentRepository } from './segment.repository.js';
import { boxInspector, type SegmentInspection, type SegmentInspector } from './segment-inspection.js';
import type { SpooledSegment } from './spool.js';

export type { SegmentInspector } from './segment-inspection.js';

export type IngestOutcome =
  | { kind: 'indexed'; segment: Segment }
  | { kind: 'duplicate' }
  | { kind: 'quarantined'; reason: string }
  | { kind: 'expired' };

export const recorderActor = { id: null, name: 'recorder', role: null } as const;

/**
 * Turns a finished spool file into an indexed, encrypted segment (convention 9): one read →
 * validate and measure in process (the fMP4 box walk: duration, codec, size, and the compressed-
 * domain motion score from the same walk; no child process) → encrypt with the camera's day key →
 * store (durable) → index row, in that order, then remove the spool file. The stored object is written before its
 * row, and its key is derived from the spool file, so a crash at any point leaves either nothing
 * indexed (the spool file is ingested again, overwriting the same object) or the complete segment
 * (the re-ingest finds the row and only removes the spool file). Never a row without its object.
 */
export class Ingester {
  /** Per camera (and stream: codec and size): the smallest predicted frame seen, the cost of "nothing changed". */
  private readonly emptyFrame = new Map<string, { stream: string; bytes: number }>();
  /** Read buffers, reused (the ingest queue runs a couple of ingests at a time). */
  private readonly pool: Buffer[] = [];

  constructor(
    private readonly d: {
      db: Kysely<Schema>;
      segments: SegmentRepository;
      cameras: CameraStateRepository;
      store: FootageStore;
      keys: DayKeys;
      media?: SegmentInspector;
      /** Seals and writes on a worker thread (local store only); without it, on the main thread. */
      sealer?: Sealer;
      logbook: Logbook;
      clock: Clock;
      logger: Logger;
      quarantineDir: string;
    },
  ) {}

  async ingest(spooled: SpooledSegment, retentionDays: number): Promise<IngestOutcome> {
    let read: { pool: Buffer; length: number };
    try {
      read = this.readSpooled(spooled.path);
    } catch (err) {
      // Gone: ingested and removed already (handed over twice, or by a predecessor).
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'duplicate' };
      throw err;
    }
    try {
      return await this.ingestRead(spooled, read.pool.subarray(0, read.length), retentionDays);
    } finally {
      this.pool.push(read.pool);
    }
  }

  /**
   * Reads a spool file into a reused buffer (one of at most a few, as large as the largest segment
   * seen): a fresh 5 MB buffer per segment would make the garbage collector run again and again.
   */
  private readSpooled(file: string): { pool: Buffer; length: number } {
    const fd = fs.openSync(file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      let pool = this.pool.pop();
      // Backed by a SharedArrayBuffer: the sealing worker reads it in place.
      if (!pool || pool.length < size) pool = Buffer.from(new SharedArrayBuffer(Math.max(size, pool?.length ?? 0, 1 << 20)));
      let read = 0;
      while (read < size) {
        const n = fs.readSync(fd, pool, read, size - read, read);
        if (n <= 0) break;
        read += n;
      }
      return { pool, length: read };
    } finally {
      fs.closeSync(fd);
    }
  }

  private async ingestRead(spooled: SpooledSegment, plaintext: Buffer, retentionDays: number): Promise<IngestOutcome> {
    const { cameraId } = spooled;
    const probe = (this.d.media ?? boxInspector).inspect(plaintext);
    if (!probe.ok) return this.quarantine(spooled, probe.reason);
    const durationMs = spooled.listedDurationMs && spooled.listedDurationMs > 0 ? spooled.listedDurationMs : probe.durationMs;
    const { start, end } = placeSegment(spooled.rawStartMs, durationMs, (await this.d.segments.lastEnd(cameraId))?.getTime() ?? null);
    const day = utcDay(start);
    const key = storageKey(cameraId, day, spooled.runId, spooled.file);

    const existing = await this.d.segments.findByStorageKey(key);
    if (existing) {
      removeSpooled(spooled.path);
      return { kind: 'duplicate' };
    }
    if (start.getTime() < retentionCutoff(this.d.clock.now(), retentionDays).getTime()) {
      // Footage that is past retention on arrival (a very old leftover) is not kept (INV-1).
      this.d.logger.warn({ cameraId, file: spooled.file, start }, 'segment already past retention: discarded');
      removeSpooled(spooled.path);
      return { kind: 'expired' };
    }

    const motion = this.motion(cameraId, probe);
    let dataKey: Buffer;
    try {
      dataKey = await this.d.keys.forWriting(cameraId, day);
    } catch (err) {
      if (err instanceof FootageKeyError && err.code === 'day_key_destroyed') {
        removeSpooled(spooled.path);
        return { kind: 'expired' };
      }
      throw err;
    }
    const storedBytes = await this.store(key, dataKey, plaintext);

    const row = {
      camera_id: cameraId, day, start_at: start.toISOString(), end_at: end.toISOString(), duration_ms: end.getTime() - start.getTime(),
      bytes: plaintext.length, stored_bytes: storedBytes, motion, storage_key: key, run_id: spooled.runId, codec: probe.codec,
      width: probe.width, height: probe.height, indexed_at: this.d.clock.now().toISOString(),
    };
    const indexed = await this.d.db.transaction().execute(async (trx) => {
      // The sweep may have destroyed this day's key since it was read (INV-9): then nothing is indexed.
      // The camera lock orders this against the sweep's "no segment left of that day → destroy".
      await this.d.segments.lockCamera(trx, cameraId);
      if (!(await this.d.keys.isLive(cameraId, day, trx))) return false;
      const inserted = await this.d.segments.insert(row, trx);
      if (inserted) await this.d.cameras.addSegment(cameraId, storedBytes, end, trx);
      return inserted;
    });
    if (!indexed) {
      await this.d.store.delete(key).catch(() => undefined);
      removeSpooled(spooled.path);
      return { kind: 'expired' };
    }
    removeSpooled(spooled.path);
    const segment = await this.d.segments.findByStorageKey(key);
    return { kind: 'indexed', segment: segment ?? toSegment({ ...row, id: 0 }) };
  }

  /** Encrypts and stores durably: on the sealing worker for the local store, else through the store's put. */
  private async store(key: string, dataKey: Buffer, plaintext: Buffer): Promise<number> {
    const { store, sealer } = this.d;
    if (sealer && store instanceof LocalFootageStore && plaintext.buffer instanceof SharedArrayBuffer) {
      const place = await store.prepare(key);
      const storedBytes = await sealer.seal({ plaintext, dataKey, storageKey: key, temp: place.temp }).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') store.forget(place); // its directory went: made again on the retry
        throw err;
      });
      try {
        await store.commit(place);
      } catch (err) {
        await fs.promises.rm(place.temp, { force: true });
        throw err;
      }
      return storedBytes;
    }
    const blob = sealSegment(dataKey, plaintext, key);
    await store.put(key, blob);
    return blob.length;
  }

  private motion(cameraId: string, probe: Extract<SegmentInspection, { ok: true }>): number | null {
    const stream = `${probe.codec}:${probe.width}x${probe.height}`;
    const known = this.emptyFrame.get(cameraId);
    const { score, smallestPredicted } = motionScore(probe.samples, known?.stream === stream ? known.bytes : null);
    if (smallestPredicted !== null && (known?.stream !== stream || smallestPredicted < known.bytes)) this.emptyFrame.set(cameraId, { stream, bytes: smallestPredicted });
    return score;
  }

  /** Moves a segment that does not validate to the quarantine directory and records that in the logboek. */
  private async quarantine(spooled: SpooledSegment, reason: string): Promise<IngestOutcome> {
    const dir = path.join(this.d.quarantineDir, spooled.cameraId);
    await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
    const target = path.join(dir, `${spooled.runId}-${spooled.file}`);
    await fs.promises.rename(spooled.path, target).catch(async () => {
      await fs.promises.copyFile(spooled.path, target);
      removeSpooled(spooled.path);
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

/** Removes a spool file (one system call; already gone is fine). */
function removeSpooled(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}
