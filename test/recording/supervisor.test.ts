import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/platform/clock.js';
import type { RecorderSettings } from '../../src/recording/camera-recorder.js';
import type { FootageStore } from '../../src/recording/footage-store.js';
import { LocalFootageStore, type PendingObject } from '../../src/recording/local-store.js';
import type { RecordingTarget } from '../../src/recording/targets.js';
import { FakeCamera, FakeLauncher, fakeMedia } from './fake-ffmpeg.js';
import { createRecordingFixture, type RecordingFixture } from './support.js';

/**
 * The supervisor's decisions, fast: offline/online, the watchdog, backoff and the restart limit,
 * clean stop, and a store that fails — with a simulated ffmpeg (fake-ffmpeg.ts) instead of a camera.
 */
const settings: Partial<RecorderSettings> = {
  segmentSeconds: 1, staleAfterMs: 400, offlineAfterMs: 300, stopGraceMs: 200, pollMs: 25,
  restart: { initialDelayMs: 50, factor: 2, maxDelayMs: 100, limit: 4, windowMs: 5_000, cooldownMs: 60_000, healthyAfterMs: 300 },
};
const binaries = { ffmpeg: '/fake/ffmpeg', ffprobe: '/fake/ffprobe', ffmpegMajor: 4 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(what: string, probe: () => Promise<boolean> | boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe('supervisor (simulated ffmpeg)', () => {
  let f: RecordingFixture | null = null;
  afterEach(async () => {
    await f?.close();
    f = null;
  });

  async function start(targets: RecordingTarget[], cameras: Map<string, FakeCamera>, store?: FootageStore, override: Partial<RecorderSettings> = settings) {
    f = await createRecordingFixture('sqlite', { clock: systemClock, targets, launcher: new FakeLauncher(cameras), media: fakeMedia, binaries, store });
    await f.recording.startRecorder({ settings: override });
    return f;
  }
  const target = (id: string): RecordingTarget => ({ cameraId: id, name: `Cam ${id}`, url: `rtsp://10.0.0.9/${id}`, mode: 'continuous', retentionDays: 28 });
  const segments = (fx: RecordingFixture, id: string) => fx.recording.segments.between(id, new Date(0), new Date(Date.now() + 60_000));

  it('records contiguously; an outage is one offline/online pair with the downtime; a clean stop ingests the last segment', async () => {
    const cam = new FakeCamera();
    // The outage lasts as long as the test's polling takes, which on a loaded machine can exceed the
    // restart limit used elsewhere; here the camera must stay 'offline', not reach 'failed'.
    const patient = { ...settings, restart: { ...settings.restart!, limit: 1_000 } };
    const fx = await start([target('a')], new Map([['rtsp://10.0.0.9/a', cam]]), undefined, patient);
    await until('3 segments', async () => (await segments(fx, 'a')).length >= 3);
    cam.goDown();
    await until('offline', async () => (await fx.entries('recording.camera_offline')).length === 1);
    expect(fx.recording.recorder!.snapshots()[0]).toMatchObject({ state: 'offline' });
    expect((await fx.entries('recording.camera_offline'))[0]!.subject.reason).toContain('***@'); // the URL's credentials are redacted
    cam.up = true;
    await until('online', async () => (await fx.entries('recording.camera_online')).length === 1);
    await until('recording again', async () => (await segments(fx, 'a')).some((s) => s.start.getTime() > Date.now() - 500));
    await fx.recording.stop();
    const all = await segments(fx, 'a');
    for (let i = 1; i < all.length; i++) expect(all[i]!.start.getTime()).toBeGreaterThanOrEqual(all[i - 1]!.end.getTime());
    expect(fs.readdirSync(path.join(fx.dataDir, 'spool', 'a'))).toEqual([]);
    const online = (await fx.entries('recording.camera_online'))[0]!.subject;
    expect(online.downtimeSeconds).toBeGreaterThanOrEqual(0);
    expect((await fx.recording.cameras.get('a'))!.state).toBe('stopped');
  });

  it('the watchdog restarts a stalled stream; the restart limit marks a dead camera failed without holding up the others', async () => {
    const stalling = new FakeCamera();
    const dead = new FakeCamera();
    dead.up = false;
    const good = new FakeCamera();
    const fx = await start([target('stall'), target('dead'), target('good')], new Map([['rtsp://10.0.0.9/stall', stalling], ['rtsp://10.0.0.9/dead', dead], ['rtsp://10.0.0.9/good', good]]));
    await until('stall recording', async () => (await segments(fx, 'stall')).length >= 1);
    const snap = () => fx.recording.recorder!.snapshots().find((s) => s.cameraId === 'stall')!;
    const firstPid = snap().pid;
    stalling.stalled = true;
    await until('the watchdog restarted it', () => snap().pid !== null && snap().pid !== firstPid, 3_000);
    expect(snap().lastError).toMatch(/stalled|exited/);
    stalling.stalled = false;
    await until('dead camera failed', async () => (await fx.entries('recording.camera_failed')).length === 1);
    const failed = (await fx.entries('recording.camera_failed'))[0]!.subject;
    expect(failed).toMatchObject({ cameraId: 'dead' });
    expect(failed.reason).toMatch(/Connection refused/);
    expect(failed.reason).not.toContain('secret');
    const status = await fx.recording.status.status();
    expect(status.cameras.find((c) => c.cameraId === 'dead')).toMatchObject({ state: 'failed' });
    expect(status.alerts.map((a) => `${a.kind}:${a.cameraId}`)).toContain('camera_failed:dead');
    expect((await segments(fx, 'good')).length).toBeGreaterThanOrEqual(3);
  });

  it('a failing store write loses nothing: the segment waits in the spool, is indexed once the store is back', async () => {
    const cam = new FakeCamera();
    let failing = true;
    const dir = fs.mkdtempSync('/tmp/toezicht-flaky-');
    const local = new LocalFootageStore(dir);
    const flaky: FootageStore = Object.assign(Object.create(local) as FootageStore, {
      put: async (key: string, body: Buffer) => {
        if (failing) throw new Error('ENOSPC: no space left on device');
        return local.put(key, body);
      },
      // The recorder's own path: the worker writes and flushes the temporary file, then renames it
      // into place — here into a directory that is not there, so that step fails (and the worker
      // must remove its temporary file).
      prepare: async (key: string): Promise<PendingObject> => {
        const place = await local.prepare(key);
        return failing ? { ...place, target: path.join(place.dir, 'gone', 'x.seg') } : place;
      },
    });
    const fx = await start([target('a')], new Map([['rtsp://10.0.0.9/a', cam]]), flaky);
    await sleep(700);
    expect(await segments(fx, 'a')).toEqual([]);
    const spooled = fs.readdirSync(path.join(fx.dataDir, 'spool', 'a')).flatMap((run) => fs.readdirSync(path.join(fx.dataDir, 'spool', 'a', run)).filter((x) => x.endsWith('.mp4')));
    expect(spooled.length).toBeGreaterThanOrEqual(2);
    failing = false;
    await until('caught up', async () => (await segments(fx, 'a')).length >= spooled.length, 8_000);
    const all = await segments(fx, 'a');
    for (let i = 1; i < all.length; i++) expect(all[i]!.start.getTime()).toBe(all[i - 1]!.end.getTime());
    for (const s of all) expect((await fx.recording.footage.read(s)).length).toBeGreaterThan(0);
    // No temporary file of a failed write is left behind (stopped first: a write still in flight has a temporary name).
    await fx.recording.stop();
    const leftovers: string[] = [];
    const walk = (d: string) => fs.readdirSync(d, { withFileTypes: true }).forEach((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : e.name.startsWith('.tmp-') && leftovers.push(e.name)));
    walk(dir);
    expect(leftovers).toEqual([]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a camera the register withdraws stops, with an entry in the logboek', async () => {
    const cam = new FakeCamera();
    const fx = await start([target('a')], new Map([['rtsp://10.0.0.9/a', cam]]));
    await until('recording', async () => (await segments(fx, 'a')).length >= 1);
    fx.targets.set([]);
    await fx.recording.recorder!.reconcile();
    expect(cam.running.size).toBe(0);
    expect((await fx.entries('recording.stopped')).map((e) => e.subject.cameraId)).toEqual(['a']);
    expect((await fx.recording.cameras.get('a'))!.state).toBe('stopped');
  });
});
