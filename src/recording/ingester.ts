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
import { IngestIndex } from './ingest-index.js';
import { LocalFootageStore } from './local-store.js';
import type { Sealer } from './sealer.js';
import { motionScore } from './motion.js';
import { retentionCutoff } from './retention.js';
import { placeSegment, storageKey, utcDay, type Segment } from './segment.js';
import { toSegment, type SegmentRepository } from './segment.repository.js';
import { inspectSegmentFile } from './segment-file.js';
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
 * Turns a finished spool file into an indexed, encrypted segment (convention 9): validate and
 * measure in process from the boxes' headers (the fMP4 box walk: duration, codec, size, and the compressed-
 * domain motion score from the same walk; no child process) → encrypt with the camera's day key →
 * store (durable) → index row, in that order, then remove the spool file. The stored object is written before its
 * row, and its key is derived from the spool file, so a crash at any point leaves either nothing
 * indexed (the spool file is ingested again, overwriting the same object) or the complete segment
 * (the re-ingest finds the row and only removes the spool file). Never a row without its object.
 */
export class Ingester {
  /** Per camera (and stream: codec and size): the smallest predicted frame seen, the cost of "nothing changed". */
  private readonly emptyFrame = new Map<string, { stream: string; bytes: number }>();
  /**
   * Per camera: the end of the segment this process indexed last, and the run it belongs to. Within
   * one run (a run belongs to one process, and a camera's ingests run in order) that is the camera's
   * last end in the index, so it is asked from the database once per run, not once per segment.
   */
  private readonly lastEnds = new Map<string, { runId: string; endMs: number }>();
  /** The index transaction (SQL compiled once). */
  readonly index: IngestIndex;

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
  ) {
    this.index = new IngestIndex(d.db);
  }

  async ingest(spooled: SpooledSegment, retentionDays: number): Promise<IngestOutcome> {
    // With the sealing worker and the box walk (the recorder's case), the main thread reads only the
    // boxes' headers and the worker streams the video data; otherwise the file is read whole.
    const streamed = !this.d.media && this.sealsInWorker();
    let read: { probe: SegmentInspection; bytes: number; plaintext: Buffer | null };
    try {
      if (streamed) {
        const { inspection, bytes } = inspectSegmentFile(spooled.path);
        read = { probe: inspection, bytes, plaintext: null };
      } else {
        const plaintext = fs.readFileSync(spooled.path);
        read = { probe: (this.d.media ?? boxInspector).inspect(plaintext), bytes: plaintext.length, plaintext };
      }
    } catch (err) {
      // Gone: ingested and removed already (handed over twice, or by a predecessor).
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'duplicate' };
      throw err;
    }
    return this.ingestRead(spooled, read.probe, read.bytes, read.plaintext, retentionDays);
  }

  private sealsInWorker(): boolean {
    return !!this.d.sealer && this.d.store instanceof LocalFootageStore;
  }

  private async ingestRead(spooled: SpooledSegment, probe: SegmentInspection, bytes: number, plaintext: Buffer | null, retentionDays: number): Promise<IngestOutcome> {
    const { cameraId } = spooled;
    if (!probe.ok) return this.quarantine(spooled, probe.reason);
    const durationMs = spooled.listedDurationMs && spooled.listedDurationMs > 0 ? spooled.listedDurationMs : probe.durationMs;
    const known = this.lastEnds.get(cameraId);
    const lastEndMs = known?.runId === spooled.runId ? known.endMs : ((await this.d.segments.lastEnd(cameraId))?.getTime() ?? null);
    const { start, end } = placeSegment(spooled.rawStartMs, durationMs, lastEndMs);
    const day = utcDay(start);
    const key = storageKey(cameraId, day, spooled.runId, spooled.file);

    // A run this process started cannot have been indexed by a predecessor; a leftover run may
    // have been (a crash after the index commit, before the spool file was removed).
    if (!spooled.freshRun && (await this.d.segments.findByStorageKey(key))) {
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
    const storedBytes = await this.store(key, dataKey, spooled.path, bytes, plaintext);

    const row = {
      camera_id: cameraId, day, start_at: start.toISOString(), end_at: end.toISOString(), duration_ms: end.getTime() - start.getTime(),
      bytes, stored_bytes: storedBytes, motion, storage_key: key, run_id: spooled.runId, codec: probe.codec,
      width: probe.width, height: probe.height, indexed_at: this.d.clock.now().toISOString(),
    };
    // One transaction: the camera lock, the day key still live (the sweep may have destroyed it since
    // it was read, INV-9: then nothing is indexed), the row, the camera's totals.
    const indexed = await this.index.commit(row);
    if (indexed === 'key destroyed') {
      await this.d.store.delete(key).catch(() => undefined);
      removeSpooled(spooled.path);
      return { kind: 'expired' };
    }
    removeSpooled(spooled.path);
    // Indexed already (a retry after the commit): the object just written holds the same plaintext
    // under the same key, and it replaced the indexed one atomically.
    if (indexed === 'indexed already') return { kind: 'duplicate' };
    this.lastEnds.set(cameraId, { runId: spooled.runId, endMs: end.getTime() });
    return { kind: 'indexed', segment: toSegment({ ...row, id: indexed }) };
  }

  /** Encrypts and stores durably: on the sealing worker for the local store (streaming the spool file), else through the store's put. */
  private async store(key: string, dataKey: Buffer, file: string, bytes: number, plaintext: Buffer | null): Promise<number> {
    const { store, sealer } = this.d;
    if (sealer && store instanceof LocalFootageStore) {
      // The worker writes, flushes, renames into place and flushes the directory (local-store.ts commit).
      const place = await store.prepare(key);
      return sealer.seal({ source: file, length: bytes, dataKey, storageKey: key, ...place }).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') store.forget(place); // its directory went: made again on the retry
        throw err;
      });
    }
    const blob = sealSegment(dataKey, plaintext ?? fs.readFileSync(file), key);
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
