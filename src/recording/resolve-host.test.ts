import { describe, expect, it } from 'vitest';
import { withResolvedHost } from './resolve-host.js';

const table = async (host: string) => {
  if (host === 'cam-hal.local') return { address: '192.0.2.10' };
  if (host === 'cam-v6.local') return { address: '2001:db8::7' };
  throw new Error('ENOTFOUND');
};

describe('withResolvedHost (the static ffmpeg cannot look names up)', () => {
  it.each([
    ['rtsp://user:pw@cam-hal.local:554/stream1', 'rtsp://user:pw@192.0.2.10:554/stream1'],
    ['rtsps://cam-v6.local/live', 'rtsps://[2001:db8::7]/live'],
    ['rtsp://192.0.2.4/stream', 'rtsp://192.0.2.4/stream'],
    ['rtsp://[2001:db8::1]:8554/x', 'rtsp://[2001:db8::1]:8554/x'],
    ['rtsp://nowhere.invalid/x', 'rtsp://nowhere.invalid/x'],
    ['demo:lobby', 'demo:lobby'],
  ])('%s → %s', async (source, expected) => {
    expect(await withResolvedHost(source, table)).toBe(expected);
  });

  it('looks up localhost for real', async () => {
    expect(await withResolvedHost('rtsp://localhost:8554/cam')).toMatch(/^rtsp:\/\/(127\.0\.0\.1|\[::1\]):8554\/cam$/);
  });
});
