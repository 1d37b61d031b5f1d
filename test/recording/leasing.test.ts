import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/platform/config.js';
import { systemClock } from '../../src/platform/clock.js';
import { createLogger } from '../../src/platform/logger.js';
import type { RecorderSettings } from '../../src/recording/camera-recorder.js';
import { CameraLeases } from '../../src/recording/camera-leases.js';
import { createRecording, type Recording } from '../../src/recording/recording.module.js';
import { staticTargets, type RecordingTarget } from '../../src/recording/targets.js';
import { dialects } from '../support/databases.js';
import { FakeCamera, FakeLauncher, fakeMedia } from './fake-ffmpeg.js';
import { createRecordingFixture, type RecordingFixture } from './support.js';

/**
 * Camera leasing (scale-out): two recorder processes — here two recorder instances, each with its
 * own data directory and its own (simulated) ffmpeg children — on one database share the cameras;
 * every camera is recorded by exactly one of them, and when one stops (or dies and its leases
 * expire) the other takes its cameras over.
 */
const settings: Partial<RecorderSettings> = {
  segmentSeconds: 1, staleAfterMs: 2_000, offlineAfterMs: 2_000, stopGraceMs: 200, pollMs: 25,
  restart: { initialDelayMs: 50, factor: 2, maxDelayMs: 100, limit: 1_000, windowMs: 5_000, cooldownMs: 60_000, healthyAfterMs: 300 },
};
const binaries = { ffmpeg: '/fake/ffmpeg', ffprobe: '/fake/ffprobe', ffmpegMajor: 4 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(what: string, probe: () => Promise<boolean> | boolean, timeoutMs = 8_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

describe.each(dialects)('camera leases on %s', (dialect) => {
  let f: RecordingFixture | null = null;
  const others: { recording: Recording; dir: string }[] = [];
  afterEach(async () => {
    for (const o of others.splice(0)) {
      await o.recording.stop();
      fs.rmSync(o.dir, { recursive: true, force: true });
    }
    await f?.close();
    f = null;
  });

  it('the lease statement: free → taken, held → refused, expired → taken over, own → renewed', async () => {
    f = await createRecordingFixture(dialect);
    const leases = new CameraLeases(f.database.db);
    const t0 = new Date('2026-03-30T12:00:00Z');
    const at = (s: number) => new Date(t0.getTime() + s * 1000);
    expect(await leases.acquire('cam', 'A', t0, 10_000)).toBe(true);
    expect(await leases.acquire('cam', 'B', at(5), 10_000)).toBe(false);
    expect(await leases.acquire('cam', 'A', at(8), 10_000)).toBe(true); // renewed until 18 s
    expect(await leases.acquire('cam', 'B', at(15), 10_000)).toBe(false);
    expect(await leases.acquire('cam', 'B', at(19), 10_000)).toBe(true); // A's lease expired
    expect(await leases.acquire('cam', 'A', at(20), 10_000)).toBe(false);
    expect(await leases.holders(at(20))).toEqual(new Map([['cam', 'B']]));
    await leases.release('cam', 'A'); // not A's: nothing happens
    expect(await leases.holders(at(20))).toEqual(new Map([['cam', 'B']]));
    await leases.releaseAll('B');
    expect(await leases.acquire('cam', 'A', at(21), 10_000)).toBe(true);
  });

  it('two recorders on one database: each camera recorded by exactly one; when one stops the other takes its cameras over', async () => {
    const ids = ['c1', 'c2', 'c3', 'c4'];
    const cameras = new Map(ids.map((id) => [`rtsp://10.0.0.9/${id}`, new FakeCamera()]));
    const targets: RecordingTarget[] = ids.map((id) => ({ cameraId: id, name: `Cam ${id}`, url: `rtsp://10.0.0.9/${id}`, mode: 'continuous', retentionDays: 28 }));
    const launcherA = new FakeLauncher(cameras);
    const launcherB = new FakeLauncher(cameras);
    f = await createRecordingFixture(dialect, { clock: systemClock, targets, launcher: launcherA, media: fakeMedia, binaries });
    const dirB = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-rec-b-'));
    const b = await createRecording({
      db: f.database.db, config: loadConfig({}, { dataDir: dirB, logLevel: 'silent', masterKey: f.config.masterKey, footageMinFreeMb: 1, footageDir: f.config.footageDir }),
      logbook: f.logbook, clock: systemClock, logger: createLogger('silent'), targets: f.targets, defaultRetentionDays: () => 28,
      launcher: launcherB, media: fakeMedia, binaries,
    });
    others.push({ recording: b, dir: dirB });

    // A starts first and takes every camera; B finds them all leased and records none.
    const lease = { ttlMs: 600 };
    await f.recording.startRecorder({ settings, refreshMs: 150, lease: { ...lease, holder: 'recorder-A' } });
    await b.startRecorder({ settings, refreshMs: 150, lease: { ...lease, holder: 'recorder-B' } });
    await until('A records all four', () => [...cameras.values()].every((c) => c.running.size === 1));
    await sleep(600); // several refreshes of both
    expect([...cameras.values()].map((c) => c.running.size)).toEqual([1, 1, 1, 1]);
    expect(b.recorder!.snapshots()).toEqual([]);
    expect(launcherB.starts).toHaveLength(0);

    // A stops cleanly (hands its leases back): B takes all four over; still never two at once.
    await f.recording.stop();
    await until('B records all four', () => b.recorder!.snapshots().length === 4 && [...cameras.values()].every((c) => c.running.size === 1));
    expect(new Set(launcherB.starts.map((args) => args[args.indexOf('-i') + 1]))).toEqual(new Set(cameras.keys()));
    const holders = await new CameraLeases(f.database.db).holders(new Date());
    expect([...holders.values()]).toEqual(['recorder-B', 'recorder-B', 'recorder-B', 'recorder-B']);
    // Both recorders' segments are in the one index, per camera without overlap.
    await until('segments from B', async () => (await f!.recording.segments.between('c1', new Date(0), new Date(Date.now() + 60_000))).length >= 3);
    for (const id of ids) {
      const segments = await f.recording.segments.between(id, new Date(0), new Date(Date.now() + 60_000));
      for (let i = 1; i < segments.length; i++) expect(segments[i]!.start.getTime()).toBeGreaterThanOrEqual(segments[i - 1]!.end.getTime());
    }
  }, 30_000);

  it('a recorder that dies without handing over: its cameras pass on once its leases expire', async () => {
    f = await createRecordingFixture(dialect, { clock: systemClock });
    const cameras = new Map(['d1', 'd2'].map((id) => [`rtsp://10.0.0.9/${id}`, new FakeCamera()]));
    const dirB = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-rec-b-'));
    const targets = ['d1', 'd2'].map((id) => ({ cameraId: id, name: id, url: `rtsp://10.0.0.9/${id}`, mode: 'continuous' as const, retentionDays: 28 }));
    const b = await createRecording({
      db: f.database.db, config: loadConfig({}, { dataDir: dirB, logLevel: 'silent', masterKey: f.config.masterKey, footageMinFreeMb: 1 }),
      logbook: f.logbook, clock: systemClock, logger: createLogger('silent'), targets: staticTargets(targets), defaultRetentionDays: () => 28,
      launcher: new FakeLauncher(cameras), media: fakeMedia, binaries,
    });
    others.push({ recording: b, dir: dirB });
    // A dead recorder's leases, expiring in 1 s.
    const leases = new CameraLeases(f.database.db);
    const leasedAt = Date.now();
    for (const id of ['d1', 'd2']) expect(await leases.acquire(id, 'dead-recorder', new Date(leasedAt), 1_000)).toBe(true);
    await b.startRecorder({ settings, refreshMs: 100, lease: { holder: 'recorder-B', ttlMs: 300 } });
    if (Date.now() - leasedAt < 900) expect(b.recorder!.snapshots()).toEqual([]); // still leased by the dead one
    await until('B records both', () => [...cameras.values()].every((c) => c.running.size === 1));
    expect(Date.now() - leasedAt).toBeGreaterThanOrEqual(1_000);
  });
});
