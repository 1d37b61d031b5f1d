import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { systemClock } from '../../src/platform/clock.js';
import { createLogger } from '../../src/platform/logger.js';
import { Ingester } from '../../src/recording/ingester.js';
import type { Toezicht } from '../../src/bin/app.js';
import { makeSpoolRun, segmentFiles } from '../recording/media.js';

/**
 * Real footage for exports: the recorder's own segment arguments make 4 s fMP4 segments of the demo
 * scene (ffmpeg lavfi), and the recorder's Ingester probes, encrypts and indexes them. `skip` leaves
 * segments out, to make a gap.
 */
export async function recordFootage(t: Toezicht, cameraId: string, o: { anchorMs: number; seconds: number; skip?: number[] }): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-export-spool-'));
  try {
    makeSpoolRun(dir, { seconds: o.seconds, segmentSeconds: 4, motionSecondsPerMinute: 60, anchorMs: o.anchorMs });
    const { recording } = t;
    await recording.cameras.upsert({ cameraId, name: `Entree ${cameraId}`, retentionDays: 28, mode: 'continuous' }, new Date());
    const ingester = new Ingester({
      db: t.database.db, segments: recording.segments, cameras: recording.cameras, store: recording.store, keys: recording.keys,
      logbook: t.logbook, clock: systemClock, logger: createLogger('silent'), quarantineDir: path.join(dir, 'q'),
    });
    const runId = `run-${crypto.randomBytes(3).toString('hex')}`;
    for (const [i, file] of segmentFiles(dir).entries()) {
      if (o.skip?.includes(i)) continue;
      const outcome = await ingester.ingest({ cameraId, runId, file: path.basename(file), path: file, rawStartMs: o.anchorMs + i * 4000, listedDurationMs: 4000 }, 28);
      if (outcome.kind !== 'indexed') throw new Error(`segment ${i} not indexed: ${outcome.kind}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A copy of the bytes with one byte flipped. */
export function flipped(bytes: Buffer, at: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = copy[at]! ^ 0x5a;
  return copy;
}
