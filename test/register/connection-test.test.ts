import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CameraAccessError } from '../../src/register/connection-test.failure.js';
import { ConnectionTester } from '../../src/register/connection-test.runner.js';
import { isJpeg, jpegSize } from '../../src/register/connection-test.js';
import { RtspServer } from '../recording/rtsp-server.js';

/**
 * The connection test's runner against a real RTSP server (GStreamer, test/recording/rtsp-server.ts)
 * with real ffmpeg: one frame over TCP into a JPEG, and each way it can fail as a clear reason.
 */
const credentials = { username: 'beheer', password: 'Cam-Pass-6634' };

async function failure(promise: Promise<unknown>): Promise<CameraAccessError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CameraAccessError);
  return err as CameraAccessError;
}

describe('connection test runner (real ffmpeg, real RTSP server)', () => {
  let rtsp: RtspServer;
  let silent: net.Server;
  let silentPort: number;
  const tester = new ConnectionTester({ timeoutMs: 8_000, socketTimeoutSeconds: 2, thumbnailWidth: 160, graceMs: 500 });

  beforeAll(async () => {
    // A keyframe every 5 frames: the first decodable frame comes quickly.
    rtsp = await RtspServer.start({ mounts: ['/cam1'], width: 320, height: 240, fps: 10, gop: 5, user: credentials.username, password: credentials.password });
    // Something that accepts connections and never says a word: a hung camera.
    silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentPort = (silent.address() as net.AddressInfo).port;
  }, 30_000);

  afterAll(async () => {
    await rtsp?.stop();
    silent?.close();
  });

  it('grabs one frame as a small JPEG and reports the stream\u2019s codec and size', async () => {
    const grab = await tester.grab(rtsp.url('/cam1'), credentials);
    expect(isJpeg(grab.jpeg)).toBe(true);
    expect(jpegSize(grab.jpeg)).toEqual({ width: 160, height: 120 });
    expect(grab).toMatchObject({ codec: 'h264', width: 320, height: 240 });
    expect(grab.jpeg.length).toBeLessThan(50_000);
  });

  it('resolves a host name itself (the static ffmpeg crashes on name lookups)', async () => {
    const grab = await tester.grab(rtsp.url('/cam1').replace('127.0.0.1', 'localhost'), credentials);
    expect(grab.width).toBe(320);
  });

  it.each([
    ['a wrong password', () => tester.grab(rtsp.url('/cam1'), { ...credentials, password: 'wrong' }), 'camera_auth_failed', 'rejected'],
    ['no credentials', () => tester.grab(rtsp.url('/cam1'), null), 'camera_auth_failed', 'credentials_missing'],
    ['a wrong path', () => tester.grab(rtsp.url('/nope'), credentials), 'camera_unreachable', 'not_found'],
    ['a closed port', async () => tester.grab(`rtsp://127.0.0.1:${await closedPort()}/cam1`, credentials), 'camera_unreachable', 'refused'],
    ['an unknown host', () => tester.grab('rtsp://camera-that-does-not-exist.invalid/cam1', credentials), 'camera_unreachable', 'dns'],
    ['a camera that never answers', () => tester.grab(`rtsp://127.0.0.1:${silentPort}/cam1`, credentials), 'camera_unreachable', 'timeout'],
  ])('%s is a clear failure', async (_name, run, code, reason) => {
    const err = await failure(run());
    expect({ code: err.code, reason: err.reason }).toEqual({ code, reason });
    expect(`${err.message} ${err.text.nl} ${err.text.en}`).not.toContain(credentials.password);
  });

  it('a hung camera is stopped at the hard timeout, well before ffmpeg would give up itself; tests beyond the limit are refused', async () => {
    const impatient = new ConnectionTester({ timeoutMs: 800, socketTimeoutSeconds: 30, graceMs: 300, maxConcurrent: 1 });
    const started = Date.now();
    const hung = failure(impatient.grab(`rtsp://127.0.0.1:${silentPort}/cam1`, credentials));
    // Each test is a process: beyond the limit, a second one is refused at once.
    await expect(impatient.grab(rtsp.url('/cam1'), credentials)).rejects.toMatchObject({ kind: 'too_many', code: 'connection_tests_busy' });
    const err = await hung;
    expect(err.reason).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
