import fs from 'node:fs';
import path from 'node:path';
import type { Toezicht } from '../../src/bin/app.js';
import { createLogger } from '../../src/platform/logger.js';
import { Ingester } from '../../src/recording/ingester.js';
import { FfmpegMediaTools } from '../../src/recording/media-tools.js';
import { SpoolRun } from '../../src/recording/spool.js';
import type { Segment } from '../../src/recording/segment.js';
import { makeSpoolRun, testBinaries } from '../recording/media.js';

let runs = 0;

/**
 * Real footage for a camera, made the recorder's way: the demo scene cut by ffmpeg's segment muxer
 * with the recorder's arguments, then probed, encrypted, stored and indexed by the recorder's own
 * Ingester. Returns the indexed segments and their plaintext (for comparison).
 */
export async function ingestFootage(
  t: Toezicht,
  cameraId: string,
  o: { seconds: number; segmentSeconds: number; anchorMs: number; retentionDays?: number },
): Promise<{ segments: Segment[]; plaintext: Buffer[] }> {
  const rec = t.recording;
  await rec.cameras.upsert({ cameraId, name: `Camera ${cameraId}`, retentionDays: o.retentionDays ?? 28, mode: 'continuous' }, new Date());
  const ingester = new Ingester({
    db: t.database.db, segments: rec.segments, cameras: rec.cameras, store: rec.store, keys: rec.keys, media: new FfmpegMediaTools(await testBinaries()),
    logbook: t.logbook, clock: { now: () => new Date(o.anchorMs + o.seconds * 1000 + 1000) }, logger: createLogger('silent'),
    quarantineDir: path.join(t.config.dataDir, 'quarantine'),
  });
  const run = SpoolRun.create(path.join(t.config.dataDir, 'spool'), cameraId, `view-${++runs}`);
  makeSpoolRun(run.dir, { seconds: o.seconds, segmentSeconds: o.segmentSeconds, motionSecondsPerMinute: 60, anchorMs: o.anchorMs, width: 320, height: 240 });
  const segments: Segment[] = [];
  const plaintext: Buffer[] = [];
  for (const s of await run.poll(true)) {
    const bytes = fs.readFileSync(s.path);
    const outcome = await ingester.ingest(s, o.retentionDays ?? 28);
    if (outcome.kind !== 'indexed') throw new Error(`segment not indexed: ${outcome.kind}`);
    segments.push(outcome.segment);
    plaintext.push(bytes);
  }
  return { segments, plaintext };
}
