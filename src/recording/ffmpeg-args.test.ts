import { describe, expect, it } from 'vitest';
import { childEnv, demoSceneGraph, ffmpegMajorFromVersion, motionArgs, probeArgs, recordArgs, redactCredentials } from './ffmpeg-args.js';

const segmentTail = (dir: string, seconds: string) => [
  '-f', 'segment', '-segment_time', seconds, '-segment_format', 'mp4',
  '-segment_format_options', 'movflags=+frag_keyframe+empty_moov+default_base_moof',
  '-reset_timestamps', '1',
  '-segment_list', `${dir}/segments.csv`, '-segment_list_type', 'csv', `${dir}/%06d.mp4`,
];
const head = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'warning'];

describe('recordArgs (convention 8: expected argument arrays)', () => {
  const cases: { name: string; input: Parameters<typeof recordArgs>[0]; expected: string[] }[] = [
    {
      name: 'RTSP camera, ffmpeg 4: TCP, -stimeout, copy, no audio, 10 s segments',
      input: { source: 'rtsp://cam:s3cret@10.0.0.5:554/stream1', runDir: '/spool/cam-1/run-a', segmentSeconds: 10, ffmpegMajor: 4, socketTimeoutSeconds: 10 },
      expected: [
        ...head, '-rtsp_transport', 'tcp', '-stimeout', '10000000', '-skip_frame', 'nokey', '-i', 'rtsp://cam:s3cret@10.0.0.5:554/stream1',
        '-map', '0:v:0', '-c:v', 'copy', '-an', '-sn', '-dn', ...segmentTail('/spool/cam-1/run-a', '10'),
      ],
    },
    {
      name: 'RTSPS camera, ffmpeg 6: the socket timeout is -timeout',
      input: { source: 'rtsps://10.0.0.6:322/main', runDir: '/spool/c2/r1/', segmentSeconds: 6, ffmpegMajor: 6, socketTimeoutSeconds: 2.5 },
      expected: [
        ...head, '-rtsp_transport', 'tcp', '-timeout', '2500000', '-skip_frame', 'nokey', '-i', 'rtsps://10.0.0.6:322/main',
        '-map', '0:v:0', '-c:v', 'copy', '-an', '-sn', '-dn', ...segmentTail('/spool/c2/r1', '6'),
      ],
    },
  ];
  it.each(cases)('$name', ({ input, expected }) => {
    expect(recordArgs(input)).toEqual(expected);
  });

  it('a URL with shell metacharacters stays one argument (spawn, no shell)', () => {
    const url = 'rtsp://u:p;rm -rf /@10.0.0.5/$(reboot)';
    const args = recordArgs({ source: url, runDir: '/s/c/r', segmentSeconds: 10, ffmpegMajor: 4, socketTimeoutSeconds: 5 });
    expect(args.filter((a) => a === url)).toHaveLength(1);
  });

  it('always drops audio (SOE-6) and never re-encodes a camera', () => {
    const args = recordArgs({ source: 'rtsp://10.0.0.5/s', runDir: '/s/c/r', segmentSeconds: 10, ffmpegMajor: 4, socketTimeoutSeconds: 5 });
    expect(args).toContain('-an');
    expect(args[args.indexOf('-c:v') + 1]).toBe('copy');
    expect(args).not.toContain('libx264');
  });

  it('refuses other schemes and a non-positive segment length', () => {
    const base = { runDir: '/s/c/r', segmentSeconds: 10, ffmpegMajor: 4, socketTimeoutSeconds: 5 };
    for (const source of ['file:///etc/passwd', 'http://cam/stream', '/dev/video0', 'concat:a|b']) {
      expect(() => recordArgs({ ...base, source })).toThrow(/unsupported camera source/);
    }
    expect(() => recordArgs({ ...base, source: 'rtsp://x/y', segmentSeconds: 0 })).toThrow();
  });

  it('demo: sources generate a scene with lavfi, paced in real time, encoded with keyframes every 2 s', () => {
    const args = recordArgs({
      source: 'demo:entree', runDir: '/s/c/r', segmentSeconds: 10, ffmpegMajor: 4, socketTimeoutSeconds: 5,
      demo: { width: 320, height: 240, fps: 10, fontFile: null, motionSecondsPerMinute: 30 },
    });
    expect(args.slice(head.length, head.length + 4)).toEqual(['-re', '-f', 'lavfi', '-i']);
    expect(args[head.length + 4]).toBe(demoSceneGraph('entree', { width: 320, height: 240, fps: 10, fontFile: null, motionSecondsPerMinute: 30 }));
    expect(args.slice(args.indexOf('-c:v'), args.indexOf('-an'))).toEqual(['-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-g', '20', '-bf', '0', '-pix_fmt', 'yuv420p']);
  });
});

describe('demoSceneGraph', () => {
  it('walks a person through for the given seconds of each minute, with a UTC clock when a font is given', () => {
    const graph = demoSceneGraph('lobby', { width: 640, height: 360, fps: 10, fontFile: '/usr/share/fonts/x.ttf', motionSecondsPerMinute: 20 });
    expect(graph).toContain("overlay=x='if(lt(mod(t,60),20),mod(t*80,W+w)-w,-w)'");
    expect(graph).toContain('drawtext=fontfile=/usr/share/fonts/x.ttf');
    expect(graph).toContain('%{gmtime\\:%Y-%m-%d %T} UTC  lobby');
  });
  it('refuses scene names and font paths that could change the graph', () => {
    const o = { width: 64, height: 48, fps: 5, fontFile: null, motionSecondsPerMinute: 30 };
    expect(() => demoSceneGraph("x';drawtext", o)).toThrow();
    expect(() => demoSceneGraph('ok', { ...o, fontFile: "/f:o'nt.ttf" })).toThrow();
  });
});

describe('probe, motion and version', () => {
  it('probeArgs asks ffprobe for duration and the video stream as JSON', () => {
    expect(probeArgs('/s/a.mp4')).toEqual(['-v', 'error', '-show_entries', 'format=duration,size:stream=codec_type,codec_name,width,height', '-of', 'json', '/s/a.mp4']);
  });
  it.each([
    [4, ['-vsync', '0']],
    [5, ['-fps_mode', 'passthrough']],
  ])('motionArgs for ffmpeg %i decodes keyframes only at 32x24 grey', (major, passthrough) => {
    expect(motionArgs('/s/a.mp4', major)).toEqual([
      '-hide_banner', '-nostdin', '-loglevel', 'error', '-skip_frame', 'nokey', '-i', '/s/a.mp4', '-map', '0:v:0', '-an',
      '-vf', 'scale=32:24:flags=area,format=gray', ...passthrough, '-f', 'rawvideo', 'pipe:1',
    ]);
  });
  it.each([
    ['ffmpeg version N-47683-g0e8eb07980-static\nlibavutil      56. 24.101\nlibavformat    58. 24.100 / 58. 24.100', 4],
    ['ffmpeg version 5.1.6-0+deb12u1\nlibavformat    59. 27.100', 5],
    ['ffmpeg version 7.0.2\nlibavformat    61.  1.100', 7],
    ['ffmpeg version n6.1.1 Copyright', 6],
  ])('ffmpegMajorFromVersion(%j) = %i', (text, major) => {
    expect(ffmpegMajorFromVersion(text)).toBe(major);
  });
  it('children run under TZ=UTC and the C locale, inheriting nothing else', () => {
    expect(childEnv({ PATH: '/bin', TZ: 'Europe/Amsterdam', SECRET: 'x' })).toEqual({ PATH: '/bin', TZ: 'UTC', LANG: 'C', LC_ALL: 'C' });
  });
  it('redacts credentials from ffmpeg output', () => {
    expect(redactCredentials('rtsp://admin:Hunter2@10.0.0.5:554/s: 401 Unauthorized')).toBe('rtsp://***@10.0.0.5:554/s: 401 Unauthorized');
    expect(redactCredentials('[tcp] rtsps://u:p%40x@h/s failed')).toBe('[tcp] rtsps://***@h/s failed');
  });
});
