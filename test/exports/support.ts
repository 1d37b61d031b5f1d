import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { systemClock } from '../../src/platform/clock.js';
import { createLogger } from '../../src/platform/logger.js';
import { Ingester } from '../../src/recording/ingester.js';
import type { Toezicht } from '../../src/bin/app.js';
import { childEnv } from '../../src/recording/ffmpeg-args.js';
import { ffmpegPath, makeSpoolRun, segmentFiles } from '../recording/media.js';
import { createTestApp, type TestApp } from '../support/app.js';

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

/**
 * Heavier footage for jobs and the benchmark: one segment of noisy 1080p25 H.264 at `mbps`
 * (ffmpeg lavfi, the recorder's fragmented-MP4 flags) made once, ingested `count` times through
 * the recorder's Ingester as consecutive segments. Returns the segment's size.
 */
export async function ingestCopies(t: Toezicht, cameraId: string, o: { anchorMs: number; count: number; segmentSeconds: number; mbps?: number; width?: number; height?: number; runId?: string }): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-export-copies-'));
  try {
    const clip = path.join(dir, 'segment.mp4');
    const rate = `${o.mbps ?? 4}M`;
    const made = spawnSync(ffmpegPath(), [
      '-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', `testsrc2=size=${o.width ?? 1920}x${o.height ?? 1080}:rate=25,noise=alls=12:allf=t+u`, '-t', String(o.segmentSeconds),
      '-c:v', 'libx264', '-preset', 'ultrafast', '-b:v', rate, '-maxrate', rate, '-bufsize', rate, '-g', '50', '-bf', '0', '-pix_fmt', 'yuv420p',
      '-movflags', '+frag_keyframe+empty_moov+default_base_moof', '-f', 'mp4', clip,
    ], { env: childEnv(), encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`ffmpeg: ${made.stderr}`);
    const { recording } = t;
    await recording.cameras.upsert({ cameraId, name: `Camera ${cameraId}`, retentionDays: 28, mode: 'continuous' }, new Date());
    const ingester = new Ingester({
      db: t.database.db, segments: recording.segments, cameras: recording.cameras, store: recording.store, keys: recording.keys,
      logbook: t.logbook, clock: systemClock, logger: createLogger('silent'), quarantineDir: path.join(dir, 'q'),
    });
    for (let i = 0; i < o.count; i++) {
      const spooled = path.join(dir, `seg-${i}.mp4`);
      fs.copyFileSync(clip, spooled);
      const outcome = await ingester.ingest({ cameraId, runId: o.runId ?? 'copies', file: `seg-${i}.mp4`, path: spooled, rawStartMs: o.anchorMs + i * o.segmentSeconds * 1000, listedDurationMs: o.segmentSeconds * 1000 }, 28);
      if (outcome.kind !== 'indexed') throw new Error(`segment ${i}: ${outcome.kind}`);
    }
    return fs.statSync(clip).size;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The wijkbeheerder the export tests act as where they call the services directly. */
export const wijkActor = { id: 'u-wijk', name: 'wijkbeheerder-user', role: 'wijkbeheerder' } as const;

/**
 * An export test's setup: a test app on SQLite, a scratch directory (`workPrefix`), the footage
 * `record` puts in, and an allowed police vordering (by letter, digital medium) for [fromMs, toMs):
 * the request an export is made from. On a failure it closes what it opened; else closeExportApp.
 */
export async function openExportApp(workPrefix: string, window: { fromMs: number; toMs: number }, record: (t: Toezicht) => Promise<unknown>): Promise<{ t: TestApp; work: string; requestId: string }> {
  const t = await createTestApp('sqlite');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), workPrefix));
  try {
    await record(t.toezicht);
    const iso = (ms: number) => new Date(ms).toISOString();
    const request = await t.toezicht.cases.requests.file({
      kind: 'police', channel: 'letter', requester: { category: 'police', name: 'Agent J. de Vries', contact: null, organisation: 'Politie Midden-Nederland' },
      details: { window: { location: 'Hoofdingang', from: iso(window.fromMs), to: iso(window.toMs) }, officer: 'J. de Vries', legalBasis: 'art. 126nd Sv' },
    } as never, wijkActor as never);
    await t.toezicht.cases.requests.step(request.id, { type: 'decide', decision: 'allow', outcome: 'digital_medium' as never, reasons: 'Vordering rechtsgeldig.' }, wijkActor as never);
    return { t, work, requestId: request.id };
  } catch (err) {
    await closeExportApp(t, work);
    throw err;
  }
}

/** Closes what openExportApp opened (either may be missing: a setup that failed before). */
export async function closeExportApp(t: TestApp | undefined, work: string | undefined): Promise<void> {
  await t?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
}

/** A copy of the bytes with one byte flipped. */
export function flipped(bytes: Buffer, at: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = copy[at]! ^ 0x5a;
  return copy;
}

interface JobClient {
  get(url: string): Promise<Response>;
  post(url: string, body?: unknown): Promise<Response>;
}

/** Polls an export job until it ends (done, failed, cancelled); returns the last state seen and every progress value seen. */
export async function awaitJob(client: JobClient, jobId: string, timeoutMs = 60_000): Promise<{ job: { id: string; state: string; phase: string; progress: number; error: string | null; caseRef: string; attempts: number }; seen: number[] }> {
  const seen: number[] = [];
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await client.get(`/api/exports/jobs/${jobId}`);
    if (res.status !== 200) throw new Error(`job ${jobId}: ${res.status} ${await res.text()}`);
    const { job } = (await res.json()) as { job: { id: string; state: string; phase: string; progress: number; error: string | null; caseRef: string; attempts: number } };
    seen.push(job.progress);
    if (['done', 'failed', 'cancelled'].includes(job.state)) return { job, seen };
    if (Date.now() > until) throw new Error(`job ${jobId} still ${job.state} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** POST /api/exports (queued, 202), waits for the job and returns the export it made with the password shown at queueing. */
export async function exportViaJob<E = { id: string; clips: { file: string; gaps: unknown[]; sha256: string; actualStart: string; actualEnd: string }[]; packageSha256: string }>(
  client: JobClient, body: unknown,
): Promise<{ export: E; password: string; jobId: string }> {
  const res = await client.post('/api/exports', body);
  if (res.status !== 202) throw new Error(`POST /api/exports: ${res.status} ${await res.text()}`);
  const queued = (await res.json()) as { job: { id: string }; password: string };
  const { job } = await awaitJob(client, queued.job.id);
  if (job.state !== 'done') throw new Error(`export job ${job.state}: ${job.error}`);
  const list = (await (await client.get(`/api/exports?caseRef=${encodeURIComponent(job.caseRef)}`)).json()) as { exports: (E & { id: string })[] };
  const made = list.exports.find((e) => e.id === job.id);
  if (!made) throw new Error(`export ${job.id} not listed`);
  return { export: made, password: queued.password, jobId: job.id };
}
