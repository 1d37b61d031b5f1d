import { describe, expect, it } from 'vitest';
import { decodeArgs, encodeArgs, floorArgs, jpegArgs, parseVideoProbe, stillArgs } from './render-args.js';

describe('render ffmpeg arguments', () => {
  it.each([
    {
      name: 'a file, whole',
      o: { input: '/clip.mp4', fps: 25 },
      want: ['-hide_banner', '-nostdin', '-loglevel', 'error', '-i', '/clip.mp4', '-map', '0:v:0', '-an', '-sn', '-dn', '-vsync', 'cfr', '-r', '25', '-f', 'rawvideo', '-pix_fmt', 'yuv420p', 'pipe:1'],
    },
    {
      name: 'an MP4 on stdin, trimmed to the analysed clip',
      o: { input: 'pipe:0', fps: 12.5, startSeconds: 1.5, durationSeconds: 8 },
      want: ['-hide_banner', '-nostdin', '-loglevel', 'error', '-f', 'mp4', '-i', 'pipe:0', '-ss', '1.500', '-t', '8.000', '-map', '0:v:0', '-an', '-sn', '-dn', '-vsync', 'cfr', '-r', '12.500', '-f', 'rawvideo', '-pix_fmt', 'yuv420p', 'pipe:1'],
    },
  ])('decode: $name', ({ o, want }) => expect(decodeArgs(o)).toEqual(want));

  it.each([{ fps: 0 }, { fps: 500 }])('decode refuses fps $fps', ({ fps }) => expect(() => decodeArgs({ input: 'a', fps })).toThrow(/fps/));

  it('encode: H.264 veryfast yuv420p, no audio, metadata stripped but our creation_time and a one-line comment, +faststart', () => {
    expect(encodeArgs({ width: 1920, height: 1080, fps: 25, output: '/w/out.mp4', creationTime: new Date('2026-11-20T10:00:00Z'), comment: 'VZ-1\nredactie' })).toEqual([
      '-hide_banner', '-nostdin', '-loglevel', 'error',
      '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-s', '1920x1080', '-r', '25', '-i', 'pipe:0',
      '-an', '-sn', '-dn', '-map_metadata', '-1', '-fflags', '+bitexact',
      '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p',
      '-metadata', 'creation_time=2026-11-20T10:00:00.000Z', '-metadata', 'comment=VZ-1 redactie',
      '-movflags', '+faststart', '-f', 'mp4', '-y', '/w/out.mp4',
    ]);
    expect(() => encodeArgs({ width: 8, height: 8, fps: 25, output: 'x', creationTime: new Date(), comment: '' })).toThrow(/16×16/);
  });

  it('floor, still and JPEG', () => {
    expect(floorArgs('/in.mp4', '/out.mp4')).toEqual(['-hide_banner', '-nostdin', '-loglevel', 'error', '-i', '/in.mp4', '-map', '0:v:0', '-an', '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-f', 'mp4', '-y', '/out.mp4']);
    expect(stillArgs(2.25)).toContain('2.250');
    expect(() => stillArgs(-1)).toThrow();
    expect(jpegArgs(1920, 1080)).toContain('scale=960:-2:flags=area,format=yuvj420p');
    expect(jpegArgs(640, 360)).toContain('scale=640:-2:flags=area,format=yuvj420p');
  });

  it.each([
    { json: '{"streams":[{"width":1920,"height":1080,"r_frame_rate":"25/1","avg_frame_rate":"25/1"}],"format":{"duration":"300.0"}}', want: { width: 1920, height: 1080, fps: 25, durationSeconds: 300 } },
    { json: '{"streams":[{"width":640,"height":360,"r_frame_rate":"30000/1001","avg_frame_rate":"0/0"}],"format":{}}', want: { width: 640, height: 360, fps: 29.97, durationSeconds: 0 } },
  ])('probe $want', ({ json, want }) => expect(parseVideoProbe(json)).toEqual(want));
  it('probe without video fails', () => expect(() => parseVideoProbe('{"streams":[]}')).toThrow(/no video/));
});
