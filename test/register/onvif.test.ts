import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CameraAccessError } from '../../src/register/connection-test.failure.js';
import { OnvifClient, wsDiscovery } from '../../src/register/onvif.repository.js';
import { OnvifDevice } from './onvif-device.js';

/**
 * The ONVIF client against the simulated device (test/register/onvif-device.ts: a test double for
 * camera hardware), over real HTTP and UDP on 127.0.0.1.
 */
const credentials = { username: 'onvif-admin', password: 'Onvif-Pass-3391' };
const profiles = [
  { token: 'Profile_1', name: 'mainStream', streamUri: 'rtsp://127.0.0.1:8554/cam1', width: 1280, height: 720 },
  { token: 'Profile_2', name: 'subStream', streamUri: 'rtsp://127.0.0.1:8554/cam1?sub=1&x=2', width: 640, height: 360, encoding: 'H265', fps: 10 },
];

async function failure(promise: Promise<unknown>): Promise<CameraAccessError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CameraAccessError);
  return err as CameraAccessError;
}

describe('ONVIF client (simulated device)', () => {
  let device: OnvifDevice;
  let skewed: OnvifDevice;
  let httpAuth: OnvifDevice;
  let webPage: http.Server;
  let webPort: number;
  const client = new OnvifClient({ requestTimeoutMs: 2_000 });

  beforeAll(async () => {
    // The device believes it sits at 192.0.2.77 (behind NAT): its media XAddr names that address.
    device = await OnvifDevice.start({ ...credentials, profiles, reportedHost: '192.0.2.77' });
    skewed = await OnvifDevice.start({ ...credentials, profiles, clockSkewMs: -2 * 3600_000 });
    httpAuth = await OnvifDevice.start({ ...credentials, profiles, httpAuthOnly: true });
    webPage = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Router login</body></html>'));
    await new Promise<void>((resolve) => webPage.listen(0, '127.0.0.1', resolve));
    webPort = (webPage.address() as net.AddressInfo).port;
  });

  afterAll(async () => {
    await Promise.all([device?.stop(), skewed?.stop(), httpAuth?.stop()]);
    webPage?.close();
  });

  it('reads device information and every profile\u2019s stream URI, via the media service path, with digests only', async () => {
    const probe = await client.probe({ host: '127.0.0.1', port: device.port, credentials });
    expect(probe.information).toEqual({ manufacturer: 'Simulated & Co', model: 'SIM-2000', firmwareVersion: 'V5.7.3 build 240101', serialNumber: 'SIM0001', hardwareId: '88' });
    expect(probe.profiles).toEqual([
      { token: 'Profile_1', name: 'mainStream', encoding: 'H264', width: 1280, height: 720, frameRate: 25, streamUri: 'rtsp://127.0.0.1:8554/cam1' },
      { token: 'Profile_2', name: 'subStream', encoding: 'H265', width: 640, height: 360, frameRate: 10, streamUri: 'rtsp://127.0.0.1:8554/cam1?sub=1&x=2' },
    ]);
    expect(Math.abs(probe.clockOffsetMs ?? 99_999)).toBeLessThan(2_000);
    const seen = device.requests.map((r) => `${r.operation}@${r.path}:${r.authenticated}`);
    expect(seen).toEqual([
      'GetSystemDateAndTime@/onvif/device_service:false',
      'GetDeviceInformation@/onvif/device_service:true',
      'GetCapabilities@/onvif/device_service:true',
      'GetProfiles@/onvif/media_service:true',
      'GetStreamUri@/onvif/media_service:true',
      'GetStreamUri@/onvif/media_service:true',
    ]);
    // The password itself never travels: only its digest, with a fresh nonce each time.
    expect(device.requests.some((r) => r.raw.includes(credentials.password))).toBe(false);
  });

  it('corrects for a device clock that runs two hours behind (the digest timestamp must match its clock)', async () => {
    const probe = await client.probe({ host: '127.0.0.1', port: skewed.port, credentials });
    expect(probe.profiles).toHaveLength(2);
    expect(Math.round((probe.clockOffsetMs ?? 0) / 3600_000)).toBe(-2);
  });

  it.each([
    ['a wrong password', () => client.probe({ host: '127.0.0.1', port: device.port, credentials: { ...credentials, password: 'wrong' } }), 'camera_auth_failed', 'rejected'],
    ['a wrong username', () => client.probe({ host: '127.0.0.1', port: device.port, credentials: { ...credentials, username: 'admin' } }), 'camera_auth_failed', 'rejected'],
    ['no credentials', () => client.probe({ host: '127.0.0.1', port: device.port, credentials: null }), 'camera_auth_failed', 'credentials_missing'],
    ['a camera that wants HTTP authentication', () => client.probe({ host: '127.0.0.1', port: httpAuth.port, credentials }), 'camera_auth_failed', 'http_auth'],
    ['a web page that is no ONVIF service', () => client.probe({ host: '127.0.0.1', port: webPort, credentials }), 'camera_not_onvif', 'not_onvif'],
    ['a closed port', async () => client.probe({ host: '127.0.0.1', port: await closedPort(), credentials }), 'camera_unreachable', 'refused'],
    ['an unknown host', () => client.probe({ host: 'camera-that-does-not-exist.invalid', port: 80, credentials }), 'camera_unreachable', 'dns'],
  ])('%s is a clear failure', async (_name, run, code, reason) => {
    const err = await failure(run());
    expect({ code: err.code, reason: err.reason }).toEqual({ code, reason });
  });

  it('a device that never answers times out', async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const impatient = new OnvifClient({ requestTimeoutMs: 300 });
    const err = await failure(impatient.probe({ host: '127.0.0.1', port: (silent.address() as net.AddressInfo).port, credentials }));
    expect(err.reason).toBe('timeout');
    silent.close();
  });

  it('finds the device with a directed WS-Discovery probe (multicast is not usable here)', async () => {
    const found = await client.discover({ address: '127.0.0.1', port: device.discoveryPort, timeoutMs: 600 });
    expect(found).toEqual([
      { endpoint: device.endpoint, xaddrs: [`http://127.0.0.1:${device.port}/onvif/device_service`], name: 'SIM-2000', hardware: 'SIM-2000', location: 'Entree hal' },
    ]);
    // Sent twice (UDP may drop one), answered twice, listed once.
    expect(device.probesSeen.length).toBe(2);
    expect(new Set(device.probesSeen).size).toBe(1);
  });

  it('multicast discovery on this machine: a list (nobody answers here) or, where multicast cannot be sent, a clear failure', async () => {
    const outcome = await client.discover({ ...wsDiscovery, timeoutMs: 300 }).then(
      (devices) => devices,
      (err: unknown) => err,
    );
    if (Array.isArray(outcome)) expect(outcome.every((d) => typeof d.endpoint === 'string')).toBe(true);
    else expect(outcome).toMatchObject({ code: 'camera_unreachable', reason: 'discovery_failed' });
  });

  it('discovery where nobody answers is an empty list after the timeout', async () => {
    const started = Date.now();
    expect(await client.discover({ address: '127.0.0.1', port: await closedUdpPort(), timeoutMs: 500 })).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
  });
});

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function closedUdpPort(): Promise<number> {
  const dgram = await import('node:dgram');
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const port = socket.address().port;
  socket.close();
  return port;
}
