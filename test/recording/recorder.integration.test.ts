import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/platform/clock.js';
import type { RecorderSettings } from '../../src/recording/camera-recorder.js';
import { childEnv, recordArgs } from '../../src/recording/ffmpeg-args.js';
import type { Segment } from '../../src/recording/segment.js';
import { SpoolRun } from '../../src/recording/spool.js';
import { ffmpegPath, ffprobe } from './media.js';
import { RtspServer } from './rtsp-server.js';
import { createRecordingFixture, type RecordingFixture } from './support.js';

/**
 * The recorder against a real RTSP server (GStreamer), with real ffmpeg children: an outage and a
 * recovery, a kill -9 mid-segment, bad cameras beside a good one, and a crashed predecessor.
 * Small pictures (320×240, 10 fps) to spare the machine's two cores.
 */
const settings: Partial<RecorderSettings> = {
  segmentSeconds: 4,
  staleAfterMs: 10_000,
  // Reconnecting takes a few seconds (RTSP setup, the first keyframe): shorter than this is not "offline".
  offlineAfterMs: 8_000,
  stopGraceMs: 3_000,
  socketTimeoutSeconds: 3,
  pollMs: 250,
  restart: { initialDelayMs: 300, factor: 2, maxDelayMs: 1_000, limit: 1_000, windowMs: 60_000, cooldownMs: 5_000, healthyAfterMs: 8_000 },
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

async function segmentsOf(f: RecordingFixture, cameraId: string): Promise<Segment[]> {
  return f.recording.segments.between(cameraId, new Date(0), new Date(Date.now() + 3_600_000));
}

function gaps(segments: Segment[]): { after: Segment; ms: number }[] {
  return segments.slice(1).map((s, i) => ({ after: segments[i]!, ms: s.start.getTime() - segments[i]!.end.getTime() }));
}

/** Every indexed segment opens and probes as video (ffprobe: an independent check): no half segment in the index. */
async function expectConsistent(f: RecordingFixture, segments: Segment[]): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-check-'));
  for (const [i, s] of segments.entries()) {
    if (i > 0) expect(s.start.getTime(), 'segments never overlap').toBeGreaterThanOrEqual(segments[i - 1]!.end.getTime());
    const file = path.join(dir, `${i}.mp4`);
    fs.writeFileSync(file, await f.recording.footage.read(s));
    const probe = ffprobe(file);
    expect(probe.ok, `segment ${s.storageKey} probes`).toBe(true);
    if (probe.ok) expect(Math.abs(probe.durationMs - s.durationMs)).toBeLessThan(1_500);
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

describe('recorder with a real RTSP server', () => {
  let f: RecordingFixture | null = null;
  const servers: RtspServer[] = [];
  afterEach(async () => {
    await f?.close();
    f = null;
    for (const s of servers.splice(0)) await s.stop();
  });

  it('camera outage of 20 s: a gap no longer than the outage plus one segment, and an offline/online pair in the logboek', async () => {
    const server = await RtspServer.start({ fps: 10, gop: 10 });
    servers.push(server);
    f = await createRecordingFixture('sqlite', {
      clock: systemClock,
      targets: [{ cameraId: 'cam-hall', name: 'Hal', url: server.url('/cam1'), mode: 'continuous', retentionDays: 28 }],
    });
    const fx = f;
    await fx.recording.startRecorder({ settings, refreshMs: 60_000 });
    await until('two segments', async () => (await segmentsOf(fx, 'cam-hall')).length >= 2);

    await server.stop();
    const stoppedAt = Date.now();
    await sleep(20_000);
    await server.start();
    const restartedAt = Date.now();
    const outage = restartedAt - stoppedAt;
    await until('two segments after the outage', async () => (await segmentsOf(fx, 'cam-hall')).filter((s) => s.start.getTime() >= restartedAt).length >= 2, 25_000);
    await fx.recording.stop();

    const segments = await segmentsOf(fx, 'cam-hall');
    const [widest, ...others] = gaps(segments).sort((a, b) => b.ms - a.ms);
    console.log(`outage ${outage} ms, widest gap ${widest!.ms} ms, next ${others[0]?.ms} ms, segments ${segments.length}`);
    expect(widest!.ms).toBeGreaterThan(outage - 2_000);
    expect(widest!.ms).toBeLessThanOrEqual(outage + 4_000); // the outage plus one segment (4 s)
    for (const g of others) expect(g.ms).toBeLessThanOrEqual(1_000);

    const offline = await fx.entries('recording.camera_offline');
    const online = await fx.entries('recording.camera_online');
    expect(offline).toHaveLength(1);
    expect(online).toHaveLength(1);
    expect(Math.abs(Date.parse(offline[0]!.subject.since as string) - stoppedAt)).toBeLessThan(2_500);
    expect(Date.parse(online[0]!.subject.at as string)).toBeGreaterThanOrEqual(restartedAt);
    expect(online[0]!.subject).toMatchObject({ cameraId: 'cam-hall', offlineSince: offline[0]!.subject.since });
    await expectConsistent(fx, segments);
  }, 75_000);

  it('kill -9 of ffmpeg mid-segment, bad cameras beside a good one, and a crashed predecessor’s leftovers', async () => {
    const server = await RtspServer.start({ fps: 10, user: 'viewer', password: 'Geheim-4711' });
    servers.push(server);
    const closedPort = `rtsp://127.0.0.1:${server.port + 1}/cam1`;
    f = await createRecordingFixture('sqlite', {
      clock: systemClock,
      targets: [
        { cameraId: 'cam-good', name: 'Entree', url: server.url('/cam1', { user: 'viewer', password: 'Geheim-4711' }), mode: 'continuous', retentionDays: 28 },
        { cameraId: 'cam-badpw', name: 'Lift', url: server.url('/cam1', { user: 'viewer', password: 'Fout-0000' }), mode: 'continuous', retentionDays: 28 },
        { cameraId: 'cam-gone', name: 'Fietsenstalling', url: closedPort, mode: 'continuous', retentionDays: 28 },
      ],
    });
    const fx = f;
    // A predecessor that crashed left an ffmpeg writing into the spool; the recorder must stop it and ingest its work.
    const orphanRun = SpoolRun.create(path.join(fx.dataDir, 'spool'), 'cam-orphan', '20260101T000000Z-dead');
    const orphanArgs = recordArgs({ source: 'demo:orphan', runDir: orphanRun.dir, segmentSeconds: 2, ffmpegMajor: 4, socketTimeoutSeconds: 3, demo: { width: 160, height: 120, fps: 10, fontFile: null, motionSecondsPerMinute: 60 } });
    const orphan = spawn(ffmpegPath(), orphanArgs, { env: childEnv(), stdio: 'ignore', detached: false });
    orphanRun.writeMeta({ pid: orphan.pid!, startedAt: new Date().toISOString(), anchorMs: Date.now() });
    const orphanGone = new Promise<void>((resolve) => orphan.once('exit', () => resolve()));
    await sleep(3_000);

    await fx.recording.startRecorder({ settings, refreshMs: 60_000 });
    await orphanGone; // killed by the recovery
    await until('the orphan run ingested', async () => (await segmentsOf(fx, 'cam-orphan')).length >= 1);
    await until('two segments of the good camera', async () => (await segmentsOf(fx, 'cam-good')).length >= 2);

    const snapshot = () => fx.recording.recorder!.snapshots().find((s) => s.cameraId === 'cam-good')!;
    const before = (await segmentsOf(fx, 'cam-good')).length;
    await sleep(1_500); // mid-segment
    const pid = snapshot().pid!;
    process.kill(pid, 'SIGKILL');
    await until('a new ffmpeg', async () => snapshot().pid !== null && snapshot().pid !== pid);
    await until('recording resumed', async () => (await segmentsOf(fx, 'cam-good')).length >= before + 3, 25_000);

    const bad = await until('both bad cameras offline', async () => {
      const status = await fx.recording.status.status();
      const cams = status.cameras.filter((c) => c.cameraId !== 'cam-good' && c.cameraId !== 'cam-orphan');
      return cams.every((c) => c.offlineSince) ? cams : null;
    });
    await fx.recording.stop();

    expect(bad.find((c) => c.cameraId === 'cam-badpw')!.lastError).toMatch(/401|Unauthorized/);
    expect(bad.find((c) => c.cameraId === 'cam-gone')!.lastError).toMatch(/refused|ffmpeg exited/i);
    const segments = await segmentsOf(fx, 'cam-good');
    await expectConsistent(fx, segments);
    // The killed run's last, unfinished segment is either indexed with its real length or quarantined — never half-indexed.
    const quarantined = await fx.entries('recording.segment_quarantined');
    expect(quarantined.filter((q) => q.subject.cameraId === 'cam-good').length).toBeLessThanOrEqual(1);
    const resumedGap = gaps(segments).sort((a, b) => b.ms - a.ms)[0]!;
    expect(resumedGap.ms).toBeLessThan(6_000);
    // Nothing left in the spool after a clean stop; no credential in the logboek.
    expect(fs.readdirSync(path.join(fx.dataDir, 'spool')).flatMap((cam) => fs.readdirSync(path.join(fx.dataDir, 'spool', cam)))).toEqual([]);
    const logboek = JSON.stringify(await fx.database.db.selectFrom('logbook_entries').selectAll().execute());
    expect(logboek).not.toMatch(/Geheim-4711|Fout-0000/);
    expect((await fx.entries('recording.camera_offline')).map((e) => e.subject.cameraId).sort()).toEqual(['cam-badpw', 'cam-gone']);
  }, 75_000);
});
