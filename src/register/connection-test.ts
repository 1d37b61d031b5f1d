import type { FailureReason } from './connection-test.failure.js';

/**
 * The connection test's pure half (convention 8): the ffmpeg arguments that grab one frame from a
 * camera's RTSP stream into a small JPEG, and readers for what ffmpeg says about the stream and
 * about why it failed. The process itself runs in connection-test.runner.ts.
 */

export interface ConnectionTestArgsInput {
  /** rtsp://… or rtsps://…, credentials included: never logged. */
  url: string;
  /** Major version of the ffmpeg binary: the RTSP socket timeout option was renamed in 5.0. */
  ffmpegMajor: number;
  /** Seconds without a byte from the camera before ffmpeg gives up by itself. */
  socketTimeoutSeconds: number;
  /** The thumbnail's largest width; a smaller picture is not enlarged. */
  thumbnailWidth: number;
}

/**
 * Pull the stream over TCP (as the recorder does), take the first decodable video frame, scale it
 * down keeping its shape (an even height) and write one JPEG to stdout. Audio is never touched
 * (SOE-6). Log level info: the input's stream line (codec, size) is read from stderr.
 */
export function connectionTestArgs(input: ConnectionTestArgsInput): string[] {
  if (!/^rtsps?:\/\//i.test(input.url)) throw new Error('unsupported camera source (rtsp:// or rtsps://)');
  if (!(input.socketTimeoutSeconds > 0)) throw new Error('socketTimeoutSeconds must be positive');
  const width = Math.round(input.thumbnailWidth);
  if (!(width >= 16 && width <= 1920)) throw new Error('thumbnailWidth must be 16–1920');
  const micros = String(Math.round(input.socketTimeoutSeconds * 1_000_000));
  const timeout = input.ffmpegMajor >= 5 ? ['-timeout', micros] : ['-stimeout', micros];
  return [
    '-hide_banner', '-nostdin', '-nostats', '-loglevel', 'info',
    // One second of analysis is plenty for a camera stream (its SDP names codec and size); the
    // default five seconds would make every test take five.
    '-rtsp_transport', 'tcp', ...timeout, '-analyzeduration', '1000000', '-i', input.url,
    '-map', '0:v:0', '-an', '-sn', '-dn',
    '-frames:v', '1',
    '-vf', `scale='min(${width},iw)':-2`,
    '-q:v', '5',
    '-f', 'image2pipe', '-c:v', 'mjpeg', 'pipe:1',
  ];
}

export interface StreamInfo {
  codec: string;
  width: number | null;
  height: number | null;
}

/** The first video stream of ffmpeg's *input* description ("Stream #0:0: Video: h264 (…), yuv420p, 1280x720 …"). */
export function parseStreamInfo(stderr: string): StreamInfo | null {
  const input = stderr.split(/^(?:Output #0|Stream mapping:)/m)[0] ?? '';
  const line = /^\s*Stream #0:\d+\S*: Video: ([A-Za-z0-9_]+)([^\n]*)$/m.exec(input);
  if (!line) return null;
  const size = /[ ,](\d{2,5})x(\d{2,5})[ ,\n[]/.exec(`${line[2]!} `);
  return { codec: line[1]!.toLowerCase(), width: size ? Number(size[1]) : null, height: size ? Number(size[2]) : null };
}

export interface GrabOutcome {
  stderr: string;
  exitCode: number | null;
  signal: string | null;
  /** The runner's hard timeout ended it. */
  timedOut: boolean;
  /** It ran at least as long as ffmpeg's own socket timeout (a silent peer looks like bad data to ffmpeg 4). */
  waitedForSocket: boolean;
  /** Whether credentials were sent (an auth refusal then means: wrong ones). */
  withCredentials: boolean;
}

/** Why a grab produced no picture, from ffmpeg's own words; a stream described but never shown is a video problem. */
export function classifyFailure(o: GrabOutcome): FailureReason {
  const text = o.stderr;
  const described = parseStreamInfo(text) !== null;
  const status = /(?:Server returned|failed:)\s*(\d{3})\b/.exec(text)?.[1];
  if (status === '401' || status === '403' || /authori[sz]ation failed|Unauthorized/i.test(text)) return o.withCredentials ? 'rejected' : 'credentials_missing';
  if (status === '404' || status === '454') return 'not_found';
  if (/Connection refused/i.test(text)) return 'refused';
  if (/No route to host|Network is unreachable/i.test(text)) return 'no_route';
  if (/Name or service not known|Temporary failure in name resolution|Failed to resolve hostname|nodename nor servname/i.test(text)) return 'dns';
  if (/matches no streams|does not contain any stream|no video stream/i.test(text)) return 'no_video_stream';
  if (/\b(TLS|SSL|GnuTLS|handshake|certificate)\b/i.test(text)) return 'tls';
  if (o.timedOut || /Connection timed out|timed out/i.test(text)) return described ? 'no_frame' : 'timeout';
  if (status) return 'not_rtsp';
  if (/Invalid data found when processing input/i.test(text)) return described ? 'not_decodable' : o.waitedForSocket ? 'timeout' : 'not_rtsp';
  if (/Error while decoding|decode_slice|Could not open codec|Error initializing|Conversion failed/i.test(text)) return 'not_decodable';
  return described ? 'no_frame' : 'not_rtsp';
}

/** Whether the bytes are one whole JPEG (SOI … EOI). */
export function isJpeg(bytes: Uint8Array): boolean {
  const n = bytes.length;
  return n >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[n - 2] === 0xff && bytes[n - 1] === 0xd9;
}

/** A JPEG's size from its first start-of-frame marker (SOF0–SOF15 except DHT/JPG/DAC), or null. */
export function jpegSize(bytes: Uint8Array): { width: number; height: number } | null {
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    const length = (bytes[i + 2]! << 8) | bytes[i + 3]!;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: (bytes[i + 5]! << 8) | bytes[i + 6]!, width: (bytes[i + 7]! << 8) | bytes[i + 8]! };
    }
    if (length < 2) return null;
    i += 2 + length;
  }
  return null;
}
