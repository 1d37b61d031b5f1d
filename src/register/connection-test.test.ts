import { describe, expect, it } from 'vitest';
import { CameraAccessError, failureReasons, reasonFromErrno, type FailureReason } from './connection-test.failure.js';
import { classifyFailure, connectionTestArgs, isJpeg, jpegSize, parseStreamInfo, type GrabOutcome } from './connection-test.js';

const tail = ['-map', '0:v:0', '-an', '-sn', '-dn', '-frames:v', '1', '-vf', "scale='min(480,iw)':-2", '-q:v', '5', '-f', 'image2pipe', '-c:v', 'mjpeg', 'pipe:1'];
const head = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'info', '-rtsp_transport', 'tcp'];

describe('connectionTestArgs', () => {
  it.each([
    ['ffmpeg 4 (stimeout)', { url: 'rtsp://u:p@10.0.0.5:554/s1', ffmpegMajor: 4, socketTimeoutSeconds: 5, thumbnailWidth: 480 }, [...head, '-stimeout', '5000000', '-analyzeduration', '1000000', '-i', 'rtsp://u:p@10.0.0.5:554/s1', ...tail]],
    ['ffmpeg 6 (timeout)', { url: 'rtsps://10.0.0.5:322/s1', ffmpegMajor: 6, socketTimeoutSeconds: 2.5, thumbnailWidth: 480 }, [...head, '-timeout', '2500000', '-analyzeduration', '1000000', '-i', 'rtsps://10.0.0.5:322/s1', ...tail]],
    ['a smaller thumbnail', { url: 'RTSP://10.0.0.5/x', ffmpegMajor: 5, socketTimeoutSeconds: 1, thumbnailWidth: 160 }, [...head, '-timeout', '1000000', '-analyzeduration', '1000000', '-i', 'RTSP://10.0.0.5/x', ...tail.map((a) => a.replace('480', '160'))]],
    // A URL is one argument, whatever it holds: no shell ever sees it.
    ['shell characters stay one argument', { url: 'rtsp://10.0.0.5/a;rm -rf $HOME`x`', ffmpegMajor: 4, socketTimeoutSeconds: 5, thumbnailWidth: 480 }, [...head, '-stimeout', '5000000', '-analyzeduration', '1000000', '-i', 'rtsp://10.0.0.5/a;rm -rf $HOME`x`', ...tail]],
  ])('%s', (_name, input, expected) => {
    expect(connectionTestArgs(input)).toEqual(expected);
  });

  it.each([
    ['an http URL', { url: 'http://10.0.0.5/', ffmpegMajor: 4, socketTimeoutSeconds: 5, thumbnailWidth: 480 }],
    ['a file', { url: '/etc/passwd', ffmpegMajor: 4, socketTimeoutSeconds: 5, thumbnailWidth: 480 }],
    ['an ffmpeg option as URL', { url: '-f lavfi', ffmpegMajor: 4, socketTimeoutSeconds: 5, thumbnailWidth: 480 }],
    ['no socket timeout', { url: 'rtsp://h/x', ffmpegMajor: 4, socketTimeoutSeconds: 0, thumbnailWidth: 480 }],
    ['a silly width', { url: 'rtsp://h/x', ffmpegMajor: 4, socketTimeoutSeconds: 5, thumbnailWidth: 5 }],
  ])('refuses %s', (_name, input) => {
    expect(() => connectionTestArgs(input)).toThrow();
  });
});

// ffmpeg 4.x (the @ffmpeg-installer build) on the test RTSP server, as printed.
const described = `Input #0, rtsp, from 'rtsp://admin:pw@127.0.0.1:18554/cam1':
  Metadata:
    title           : Session streamed with GStreamer
  Duration: N/A, start: 0.600000, bitrate: N/A
    Stream #0:0: Video: h264 (Constrained Baseline), yuv420p(tv, smpte170m, progressive), 320x240 [SAR 1:1 DAR 4:3], 10 fps, 10 tbr, 90k tbn, 20 tbc
Stream mapping:
  Stream #0:0 -> #0:0 (h264 (native) -> mjpeg (native))
Output #0, image2pipe, to 'pipe:1':
    Stream #0:0: Video: mjpeg, yuvj420p(pc), 160x120 [SAR 1:1 DAR 4:3], q=2-31, 200 kb/s, 10 fps, 10 tbn, 10 tbc
`;

describe('parseStreamInfo', () => {
  it.each([
    ['the input stream, not the output', described, { codec: 'h264', width: 320, height: 240 }],
    ['H.265 with audio first', `Input #0, rtsp, from 'x':\n    Stream #0:0: Audio: pcm_alaw, 8000 Hz, mono\n    Stream #0:1: Video: hevc (Main), yuvj420p(pc, bt709), 2560x1440, 25 fps\n`, { codec: 'hevc', width: 2560, height: 1440 }],
    ['a stream id suffix', `    Stream #0:0[0x100]: Video: h264 (High) ([27][0][0][0] / 0x001B), yuv420p, 1920x1080, 25 fps\n`, { codec: 'h264', width: 1920, height: 1080 }],
    ['size not yet known', `    Stream #0:0: Video: h264, none, 90k tbr, 90k tbn\n`, { codec: 'h264', width: null, height: null }],
    ['no video', `Input #0, rtsp, from 'x':\n    Stream #0:0: Audio: aac\n`, null],
    ['nothing', '', null],
  ])('%s', (_name, stderr, expected) => {
    expect(parseStreamInfo(stderr)).toEqual(expected);
  });
});

describe('classifyFailure', () => {
  const base: GrabOutcome = { stderr: '', exitCode: 1, signal: null, timedOut: false, withCredentials: true, waitedForSocket: false };
  it.each<[string, Partial<GrabOutcome>, FailureReason]>([
    ['wrong password', { stderr: '[rtsp @ 0x1] method DESCRIBE failed: 401 Unauthorized\nrtsp://***@127.0.0.1:18554/cam1: Server returned 401 Unauthorized (authorization failed)' }, 'rejected'],
    ['no credentials stored', { stderr: 'method DESCRIBE failed: 401 Unauthorized', withCredentials: false }, 'credentials_missing'],
    ['forbidden', { stderr: 'Server returned 403 Forbidden (access denied)' }, 'rejected'],
    ['wrong path', { stderr: '[rtsp @ 0x1] method DESCRIBE failed: 404 Not Found\nrtsp://x: Server returned 404 Not Found' }, 'not_found'],
    ['session not found', { stderr: 'method SETUP failed: 454 Session Not Found' }, 'not_found'],
    ['nothing listens', { stderr: '[tcp @ 0x1] Connection to tcp://127.0.0.1:18555?timeout=5000000 failed: Connection refused\nrtsp://127.0.0.1:18555/cam1: Connection refused' }, 'refused'],
    ['no route', { stderr: 'Connection to tcp://10.9.9.9:554 failed: No route to host' }, 'no_route'],
    ['network down', { stderr: 'Connection to tcp://10.9.9.9:554 failed: Network is unreachable' }, 'no_route'],
    ['name lookup (system ffmpeg)', { stderr: 'rtsp://cam.invalid/x: Name or service not known' }, 'dns'],
    ['socket timeout', { stderr: 'Connection to tcp://10.0.0.9:554 failed: Connection timed out' }, 'timeout'],
    ['a silent peer, after the socket timeout (ffmpeg 4)', { stderr: 'rtsp://127.0.0.1:18556/cam1: Invalid data found when processing input', waitedForSocket: true }, 'timeout'],
    ['garbage at once', { stderr: 'rtsp://127.0.0.1:80/cam1: Invalid data found when processing input' }, 'not_rtsp'],
    ['our hard timeout before any answer', { stderr: '', timedOut: true, exitCode: null, signal: 'SIGTERM' }, 'timeout'],
    ['our hard timeout after the stream was described', { stderr: described.split('Stream mapping')[0], timedOut: true, exitCode: null, signal: 'SIGKILL' }, 'no_frame'],
    ['audio only', { stderr: "Input #0, rtsp, from 'x':\n    Stream #0:0: Audio: aac\nStream map '0:v:0' matches no streams.\nTo ignore this, add a trailing '?' to the map." }, 'no_video_stream'],
    ['TLS', { stderr: '[tls @ 0x1] Error in the pull function.\n[tls @ 0x1] The TLS connection was non-properly terminated.' }, 'tls'],
    ['other server error', { stderr: 'method DESCRIBE failed: 503 Service Unavailable\nServer returned 5XX Server Error reply' }, 'not_rtsp'],
    ['undecodable picture', { stderr: `${described}\n[h264 @ 0x1] decode_slice_header error\nError while decoding stream #0:0: Invalid data found when processing input` }, 'not_decodable'],
    ['ended without a frame', { stderr: described, exitCode: 0 }, 'no_frame'],
    ['crashed without a word', { stderr: '', exitCode: null, signal: 'SIGSEGV' }, 'not_rtsp'],
  ])('%s', (_name, outcome, expected) => {
    expect(classifyFailure({ ...base, ...outcome })).toBe(expected);
  });
});

describe('failures', () => {
  it('every reason has a code and a Dutch and English sentence that names no address', () => {
    for (const reason of Object.keys(failureReasons) as FailureReason[]) {
      const err = new CameraAccessError(reason);
      expect(err.code).toMatch(/^camera_(unreachable|auth_failed|no_video|not_onvif)$/);
      expect(err.text.nl.length).toBeGreaterThan(20);
      expect(err.text.en.length).toBeGreaterThan(20);
      expect(`${err.text.nl} ${err.text.en}`).not.toMatch(/rtsp:|http:|@/);
    }
  });

  it.each([
    ['ECONNREFUSED', 'refused'],
    ['ENOTFOUND', 'dns'],
    ['EAI_AGAIN', 'dns'],
    ['EHOSTUNREACH', 'no_route'],
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls'],
    ['EWHATEVER', null],
    [undefined, null],
  ])('network error %s → %s', (code, expected) => {
    expect(reasonFromErrno(code)).toBe(expected);
  });
});

describe('JPEG checks', () => {
  // A 2×1 baseline JPEG header: SOI, APP0 (JFIF), SOF0 with height 1 and width 2, … EOI.
  const jpeg = Uint8Array.from([
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
    0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x01, 0x00, 0x02, 0x01, 0x01, 0x11, 0x00, 0xff, 0xd9,
  ]);
  it.each([
    ['a whole JPEG', jpeg, true, { width: 2, height: 1 }],
    ['cut short', jpeg.slice(0, 20), false, null],
    ['a PNG', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), false, null],
    ['nothing', new Uint8Array(0), false, null],
  ])('%s', (_name, bytes, whole, size) => {
    expect(isJpeg(bytes)).toBe(whole);
    expect(jpegSize(bytes)).toEqual(size);
  });
});
