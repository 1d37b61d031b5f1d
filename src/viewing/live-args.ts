import { defaultDemoScene, demoSceneGraph, type DemoSceneOptions } from '../recording/ffmpeg-args.js';

/** The longest a live fragment lasts: ffmpeg cuts one at every keyframe and after this much video. */
export const liveFragmentMicros = 100_000;

/**
 * ffmpeg arguments for a live feed (issue 6 item 1), pure and table-tested like the recorder's:
 * pull the camera over RTSP/TCP and copy its video (no transcoding), no sound (SOE-6), as a
 * fragmented MP4 on stdout: the init part (ftyp+moov) once, then moof/mdat fragments of at most
 * 100 ms, cut at every keyframe too. Short fragments keep the latency independent of the camera's
 * keyframe interval (with one fragment per keyframe, a camera sending a keyframe every 2 s could not
 * be watched with less than 2 s delay, and the player jumped a whole interval at a time); a viewer
 * joins at the last keyframe (live-feeds.ts). The demo scene (demo:<scene>) is encoded with a
 * one-second keyframe interval, as a camera would send it. This is the one place the live ffmpeg
 * command is made: a step on the picture (e.g. a privacy mask) goes here.
 */
export function liveArgs(source: string, o: { socketTimeoutSeconds: number; ffmpegMajor: number; demo?: DemoSceneOptions }): string[] {
  const head = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'warning', '-fflags', 'nobuffer'];
  let input: string[];
  let codec: string[];
  if (source.startsWith('demo:')) {
    const demo = o.demo ?? defaultDemoScene;
    input = ['-re', '-f', 'lavfi', '-i', demoSceneGraph(source.slice('demo:'.length) || 'lobby', demo)];
    codec = ['-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-g', String(demo.fps), '-bf', '0', '-pix_fmt', 'yuv420p'];
  } else if (/^rtsps?:\/\//i.test(source)) {
    const micros = String(Math.round(o.socketTimeoutSeconds * 1_000_000));
    input = ['-rtsp_transport', 'tcp', ...(o.ffmpegMajor >= 5 ? ['-timeout', micros] : ['-stimeout', micros]), '-i', source];
    codec = ['-c:v', 'copy'];
  } else throw new Error('unsupported camera source (rtsp://, rtsps:// or demo:)');
  return [...head, ...input, '-map', '0:v:0', ...codec, '-an', '-sn', '-dn', '-f', 'mp4', '-movflags', 'frag_keyframe+empty_moov+default_base_moof', '-frag_duration', String(liveFragmentMicros), '-flush_packets', '1', 'pipe:1'];
}
