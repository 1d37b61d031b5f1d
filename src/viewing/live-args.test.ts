import { describe, expect, it } from 'vitest';
import { liveArgs } from './live-args.js';

const tail = ['-an', '-sn', '-dn', '-f', 'mp4', '-movflags', 'frag_keyframe+empty_moov+default_base_moof', '-frag_duration', '100000', '-flush_packets', '1', 'pipe:1'];

describe('liveArgs', () => {
  it.each([
    ['an RTSP camera, ffmpeg 6: copied, TCP, -timeout', 'rtsp://u:p@cam/1', 6, ['-rtsp_transport', 'tcp', '-timeout', '10000000', '-i', 'rtsp://u:p@cam/1', '-map', '0:v:0', '-c:v', 'copy', ...tail]],
    ['an RTSP camera, ffmpeg 4: -stimeout', 'rtsps://cam/1', 4, ['-rtsp_transport', 'tcp', '-stimeout', '10000000', '-i', 'rtsps://cam/1', '-map', '0:v:0', '-c:v', 'copy', ...tail]],
  ])('%s', (_name, source, major, expected) => {
    expect(liveArgs(source, { socketTimeoutSeconds: 10, ffmpegMajor: major })).toEqual(['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'warning', '-fflags', 'nobuffer', ...expected]);
  });
  it('encodes the demo scene in real time with a one-second keyframe interval', () => {
    const args = liveArgs('demo:lobby', { socketTimeoutSeconds: 10, ffmpegMajor: 6 });
    expect(args.slice(7, 10)).toEqual(['-re', '-f', 'lavfi']);
    expect(args).toContain('libx264');
    expect(args[args.indexOf('-g') + 1]).toBe('10');
  });
  it('refuses other sources (never a shell, never a file)', () => {
    expect(() => liveArgs('file:///etc/passwd', { socketTimeoutSeconds: 10, ffmpegMajor: 6 })).toThrow(/unsupported/);
  });
});
