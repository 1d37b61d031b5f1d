/**
 * ffmpeg and ffprobe argument arrays, built by pure functions and tested with tables of expected
 * arrays (convention 8). Processes start with spawn(cmd, args), never through a shell, so a camera
 * URL can never become a command.
 */

/**
 * The segment file pattern: a sequence number per run. (Not strftime: two segments closed within
 * the same second — a stalled process catching up — would get one name and overwrite each other.)
 */
export const segmentPattern = '%06d.mp4';
/** ffmpeg's csv list of finished segments in a run directory: a file appears here only once it is closed. */
export const segmentListFile = 'segments.csv';

export interface RecordArgsInput {
  /** rtsp://…, rtsps://… (credentials included; never logged) or demo:<scene>. */
  source: string;
  /** The run directory (absolute) where ffmpeg writes its segments and list. */
  runDir: string;
  segmentSeconds: number;
  /** Major version of the ffmpeg binary: the RTSP socket timeout option was renamed in 5.0. */
  ffmpegMajor: number;
  /** Seconds without a byte from the camera before ffmpeg gives up (the watchdog also watches). */
  socketTimeoutSeconds: number;
  /** For demo: sources. */
  demo?: DemoSceneOptions;
}

export interface DemoSceneOptions {
  width: number;
  height: number;
  fps: number;
  /** A TrueType font for the burnt-in clock; null draws no text. */
  fontFile: string | null;
  /** Seconds of each minute with a person walking through (the rest is a still scene: no motion). */
  motionSecondsPerMinute: number;
}

export const defaultDemoScene: DemoSceneOptions = { width: 640, height: 360, fps: 10, fontFile: null, motionSecondsPerMinute: 30 };

/**
 * Arguments for one camera run: pull the stream over TCP, copy the video (no re-encode), drop
 * audio (SOE-6: no sound is recorded), cut ~segmentSeconds fragmented-MP4 files numbered per run,
 * and list each finished file with its stream start and end in segments.csv. No progress output:
 * the watchdog's heartbeat and the run's time anchor come from the files (spool.ts), which costs far
 * less CPU than a progress report every half second per camera; warnings go to stderr (logged at
 * debug level).
 *
 * Fragmented MP4 rather than MPEG-TS: a file cut short by a crash keeps every complete fragment
 * (one per keyframe) playable, it is what HLS/MSE playback consumes, and the npm ffprobe build
 * probes it (that build crashes on MPEG-TS input).
 */
export function recordArgs(input: RecordArgsInput): string[] {
  if (!(input.segmentSeconds > 0)) throw new Error('segmentSeconds must be positive');
  const head = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'warning'];
  return [...head, ...sourceArgs(input), '-map', '0:v:0', ...codecArgs(input), '-an', '-sn', '-dn', ...segmentArgs(input.runDir, input.segmentSeconds)];
}

function sourceArgs(input: RecordArgsInput): string[] {
  const url = input.source;
  if (url.startsWith('demo:')) {
    return ['-re', '-f', 'lavfi', '-i', demoSceneGraph(url.slice('demo:'.length) || 'lobby', input.demo ?? defaultDemoScene)];
  }
  if (!/^rtsps?:\/\//i.test(url)) throw new Error('unsupported camera source (rtsp://, rtsps:// or demo:)');
  const micros = String(Math.round(input.socketTimeoutSeconds * 1_000_000));
  const timeout = input.ffmpegMajor >= 5 ? ['-timeout', micros] : ['-stimeout', micros];
  // -skip_frame nokey: while ffmpeg probes the stream (before copying starts) its decoder looks at
  // keyframes only. A recorder joins a camera's stream mid-GOP, and decoding the predicted frames
  // it meets before the first keyframe cost 30–45 % more CPU over a run's first 15 s (32 cameras,
  // docs/recorder.md); the copy itself decodes nothing, so nothing recorded changes. Only right
  // with -c:v copy: a decoder whose frames were encoded (a mask, a transcode) would drop them.
  return ['-rtsp_transport', 'tcp', ...timeout, '-skip_frame', 'nokey', '-i', url];
}

function codecArgs(input: RecordArgsInput): string[] {
  if (!input.source.startsWith('demo:')) return ['-c:v', 'copy'];
  const fps = (input.demo ?? defaultDemoScene).fps;
  return ['-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-g', String(fps * 2), '-bf', '0', '-pix_fmt', 'yuv420p'];
}

function segmentArgs(runDir: string, segmentSeconds: number): string[] {
  return [
    '-f', 'segment',
    '-segment_time', String(segmentSeconds),
    '-segment_format', 'mp4',
    '-segment_format_options', 'movflags=+frag_keyframe+empty_moov+default_base_moof',
    '-reset_timestamps', '1',
    '-segment_list', joinPath(runDir, segmentListFile),
    '-segment_list_type', 'csv',
    joinPath(runDir, segmentPattern),
  ];
}

/** The environment of every ffmpeg child: UTC (the demo clock), C locale, and nothing else inherited that could change behaviour. */
export function childEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { PATH: base.PATH ?? '/usr/bin:/bin', TZ: 'UTC', LANG: 'C', LC_ALL: 'C', ...(base.FONTCONFIG_FILE ? { FONTCONFIG_FILE: base.FONTCONFIG_FILE } : {}) };
}

const sceneNames = /^[a-z0-9-]{1,32}$/;

/**
 * A realistic still scene (wall, floor, door, window) in which a person walks through for part of
 * every minute, with a running UTC clock burnt in: footage with and without motion, no hardware.
 */
export function demoSceneGraph(scene: string, o: DemoSceneOptions): string {
  if (!sceneNames.test(scene)) throw new Error('demo scene names are lowercase letters, digits and dashes');
  const { width: w, height: h, fps } = o;
  const personW = Math.max(4, Math.round(w / 10));
  const personH = Math.max(8, Math.round(h * 0.45));
  const speed = Math.max(1, Math.round(w / 8));
  const walking = Math.min(60, Math.max(0, o.motionSecondsPerMinute));
  const background = [
    `color=c=0x34495e:s=${w}x${h}:r=${fps}`,
    'drawbox=x=0:y=ih*0.72:w=iw:h=ih*0.28:color=0x5d4e3c:t=fill',
    'drawbox=x=iw*0.08:y=ih*0.30:w=iw*0.14:h=ih*0.42:color=0x7b5230:t=fill',
    'drawbox=x=iw*0.62:y=ih*0.12:w=iw*0.28:h=ih*0.22:color=0x8fb3c9:t=fill',
  ].join(',');
  const person = `color=c=0xe0c8a0:s=${personW}x${personH}:r=${fps}`;
  const walk = `overlay=x='if(lt(mod(t,60),${walking}),mod(t*${speed},W+w)-w,-w)':y=H*0.3:eval=frame`;
  if (o.fontFile !== null && !/^[A-Za-z0-9_./-]+$/.test(o.fontFile)) throw new Error('the demo font path may hold only letters, digits and _ . / -');
  const clock = o.fontFile
    ? `,drawtext=fontfile=${o.fontFile}:text='%{gmtime\\:%Y-%m-%d %T} UTC  ${scene}':x=6:y=6:fontsize=${Math.max(10, Math.round(h / 20))}:fontcolor=white:box=1:boxcolor=black@0.5`
    : '';
  return `${background}[bg];${person}[person];[bg][person]${walk}${clock}`;
}

/** ffprobe: the container's duration and the first video stream's codec and size, as JSON (a diagnostic; the ingester validates in process). */
export function probeArgs(file: string): string[] {
  return ['-v', 'error', '-show_entries', 'format=duration,size:stream=codec_type,codec_name,width,height', '-of', 'json', file];
}

export const motionFrame = { width: 32, height: 24 } as const;

/**
 * The earlier, decoding motion measure: decode only the keyframes (every ~2 s in a camera stream),
 * shrink each to 32×24 grey and write the raw frames to stdout. The recorder no longer runs it (the
 * score is taken in the compressed domain, motion.ts); it is the reference the compressed-domain
 * score is calibrated against (test/recording/motion-calibration.test.ts).
 */
export function motionArgs(file: string, ffmpegMajor: number): string[] {
  const passthrough = ffmpegMajor >= 5 ? ['-fps_mode', 'passthrough'] : ['-vsync', '0'];
  return [
    '-hide_banner', '-nostdin', '-loglevel', 'error',
    '-skip_frame', 'nokey', '-i', file,
    '-map', '0:v:0', '-an',
    '-vf', `scale=${motionFrame.width}:${motionFrame.height}:flags=area,format=gray`,
    ...passthrough,
    '-f', 'rawvideo', 'pipe:1',
  ];
}

/** The major version from `ffmpeg -version`: its libavformat major (58 → 4, 59 → 5, 60 → 6, 61 → 7), else the version line. */
export function ffmpegMajorFromVersion(text: string): number {
  const lavf = /libavformat\s+(\d+)\./.exec(text);
  if (lavf) return Number(lavf[1]) - 54;
  const line = /version\s+n?(\d+)\.(\d+)/i.exec(text);
  if (line) return Number(line[1]);
  throw new Error('cannot tell the ffmpeg version');
}

/** Path join without node:path, keeping this module free of platform imports (POSIX paths only). */
function joinPath(dir: string, file: string): string {
  return dir.endsWith('/') ? `${dir}${file}` : `${dir}/${file}`;
}

/** Removes credentials from anything ffmpeg prints (it repeats the input URL in its errors). */
export function redactCredentials(text: string): string {
  return text.replace(/\b(rtsps?|https?|rtmps?):\/\/[^\s/@]*@/gi, '$1://***@');
}
