/**
 * ffmpeg arguments that burn privacy masks into a picture (convention 8: pure, table-tested). The
 * mask is a grey+alpha PNG (opaque black where masked) given to ffmpeg as a data: URI, so nothing
 * is written to disk. It is scaled to the video's own size (scale2ref), its alpha is thresholded
 * (any coverage becomes fully opaque, so scaling never lets an edge pixel shine through), and it
 * is overlaid on every frame (eof_action=repeat: the single mask picture holds for the whole
 * stream). Masked pixels become black (Y=16) before the encoder sees them.
 */

export const maskedLabel = 'masked';

export function maskDataUri(png: Buffer): string {
  return `data:image/png;base64,${png.toString('base64')}`;
}

/** The mask picture as an extra input. */
export function maskInputArgs(png: Buffer): string[] {
  return ['-f', 'png_pipe', '-i', maskDataUri(png)];
}

/** The filtergraph: video from input `videoInput`, mask picture from input `maskInput`, out as [masked]. */
export function maskFilterGraph(videoInput: number, maskInput: number): string {
  if (!Number.isInteger(videoInput) || !Number.isInteger(maskInput) || videoInput < 0 || maskInput < 0 || videoInput === maskInput) throw new Error('video and mask need two different input indexes');
  return [
    `[${maskInput}:v]format=rgba[mask0]`,
    `[mask0][${videoInput}:v:0]scale2ref=flags=bilinear[mask1][video]`,
    `[mask1]lut=a='if(gt(val,0),255,0)'[mask2]`,
    `[video][mask2]overlay=eof_action=repeat:format=auto,format=yuv420p[${maskedLabel}]`,
  ].join(';');
}

/** H.264 for stored footage (a played-back segment, an export clip): visually lossless, no sound, no metadata. */
export const segmentEncodeArgs = ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-pix_fmt', 'yuv420p'];

/** H.264 for live view: low latency, no B-frames, a keyframe (and so a fragment) every second. */
export const liveEncodeArgs = [
  '-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-crf', '23', '-bf', '0', '-force_key_frames', 'expr:gte(t,n_forced*1)', '-pix_fmt', 'yuv420p',
];

/**
 * One decrypted segment (fragmented MP4 on stdin) → the same footage with the masks burnt in, as a
 * fragmented MP4 on stdout with the recorder's layout (init, then fragments from keyframes), so it
 * plays in place of the original in the HLS playlist and remuxes into an export clip.
 */
export function maskSegmentArgs(png: Buffer): string[] {
  return [
    '-hide_banner', '-nostdin', '-loglevel', 'error',
    '-f', 'mp4', '-i', 'pipe:0',
    ...maskInputArgs(png),
    '-filter_complex', maskFilterGraph(0, 1),
    '-map', `[${maskedLabel}]`, ...segmentEncodeArgs,
    '-an', '-sn', '-dn', '-map_metadata', '-1',
    '-movflags', 'frag_keyframe+empty_moov+default_base_moof',
    '-f', 'mp4', 'pipe:1',
  ];
}

/**
 * The live feed's arguments (src/viewing/live-args.ts) turned into a masked feed: the mask picture
 * becomes a second input, the camera's video goes through the mask filter, and a stream that was
 * copied is encoded instead (a copied stream cannot be masked). Anything else stays as it was.
 */
export function withPrivacyMask(args: readonly string[], png: Buffer): string[] {
  const out = [...args];
  const inputs = out.flatMap((a, i) => (a === '-i' ? [i] : []));
  if (inputs.length !== 1) throw new Error('a live feed has exactly one input to mask');
  const map = out.findIndex((a, i) => a === '-map' && out[i + 1] === '0:v:0');
  if (map < 0) throw new Error('the live feed maps no video (-map 0:v:0)');
  const codec = out.findIndex((a) => a === '-c:v');
  if (codec < 0) throw new Error('the live feed sets no video codec (-c:v)');
  const copied = out[codec + 1] === 'copy';
  if (copied) out.splice(codec, 2, ...liveEncodeArgs);
  out.splice(map, 2, '-filter_complex', maskFilterGraph(0, 1), '-map', `[${maskedLabel}]`);
  out.splice(inputs[0]! + 2, 0, ...maskInputArgs(png));
  return out;
}

/** The first frame of a decrypted segment (stdin) as a JPEG on stdout, masks burnt in: the still the mask editor draws on. */
export function maskedStillArgs(png: Buffer | null): string[] {
  const head = ['-hide_banner', '-nostdin', '-loglevel', 'error', '-f', 'mp4', '-i', 'pipe:0'];
  const picture = png ? [...maskInputArgs(png), '-filter_complex', maskFilterGraph(0, 1), '-map', `[${maskedLabel}]`] : ['-map', '0:v:0'];
  return [...head, ...picture, '-frames:v', '1', '-an', '-map_metadata', '-1', '-c:v', 'mjpeg', '-q:v', '4', '-f', 'image2', 'pipe:1'];
}
