import { describe, expect, it } from 'vitest';
import { DomainError } from '../platform/errors.js';
import { parseStreamUrl, withCredentials } from './stream-url.js';

describe('parseStreamUrl', () => {
  it.each([
    ['rtsp://10.0.0.5:554/Streaming/Channels/101', 'rtsp://10.0.0.5:554/Streaming/Channels/101', null, false],
    ['  rtsps://cam.local/stream?profile=1  ', 'rtsps://cam.local/stream?profile=1', null, true],
    ['RTSP://[fd00::5]:8554/live', 'rtsp://[fd00::5]:8554/live', null, false],
    ['rtsp://admin:s3cr%40t@10.0.0.5/h264', 'rtsp://10.0.0.5/h264', { username: 'admin', password: 's3cr@t' }, false],
    ['rtsp://admin:p@ss@10.0.0.5/h264', 'rtsp://10.0.0.5/h264', { username: 'admin', password: 'p@ss' }, false],
    ['rtsps://viewer@cam/x', 'rtsps://cam/x', { username: 'viewer', password: '' }, true],
  ])('%s is stored as %s', (input, url, credentials, secure) => {
    expect(parseStreamUrl(input)).toEqual({ url, credentials, secure });
  });

  it.each([
    ['', 'must be'],
    ['http://10.0.0.5/stream', 'rtsp:// or rtsps://'],
    ['10.0.0.5:554/stream', 'rtsp:// or rtsps://'],
    ['rtsp:///stream', 'names no host'],
    ['rtsp://10.0.0.5:99999/', 'not a valid URL'],
    ['rtsp://10.0.0.5/a b', 'spaces'],
    ['rtsp://10.0.0.5/a#b', 'fragment'],
    ['rtsp://user:%E0%A4%A@10.0.0.5/', 'not properly encoded'],
    [`rtsp://10.0.0.5/${'a'.repeat(2001)}`, 'must be'],
  ])('refuses %s, naming the field', (input, message) => {
    try {
      parseStreamUrl(input);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(DomainError);
      expect(err).toMatchObject({ kind: 'invalid', code: 'invalid_stream_url', details: { field: 'streamUrl' } });
      expect((err as Error).message).toContain(message);
    }
  });

  it('never repeats a password in its error message', () => {
    for (const input of ['http://admin:Geheim-4711@host/', 'rtsp://admin:Geheim-4711@host:0x/', 'rtsp://admin:Geheim-4711@/x']) {
      expect(() => parseStreamUrl(input)).toThrow(DomainError);
      try {
        parseStreamUrl(input);
      } catch (err) {
        expect(JSON.stringify({ message: (err as Error).message, details: (err as DomainError).details })).not.toContain('Geheim-4711');
      }
    }
  });

  it('puts the credentials back for the recorder, encoded', () => {
    expect(withCredentials('rtsp://10.0.0.5/h264', { username: 'admin', password: 'p@ss:w/rd' })).toBe('rtsp://admin:p%40ss%3Aw%2Frd@10.0.0.5/h264');
    expect(withCredentials('rtsp://10.0.0.5/h264', null)).toBe('rtsp://10.0.0.5/h264');
  });
});
