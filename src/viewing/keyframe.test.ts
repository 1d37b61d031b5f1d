import { spawnSync } from 'node:child_process';
import ffmpeg from '@ffmpeg-installer/ffmpeg';
import { describe, expect, it } from 'vitest';
import { BoxStream } from './box-stream.js';
import { startsWithKeyframe } from './keyframe.js';
import { liveFragmentMicros } from './live-args.js';

/** Real ffmpeg output, muxed the way live feeds are (live-args.ts): which fragments a viewer may join at. */
function liveFragments(gop: number, seconds: number): Buffer[] {
  const out = spawnSync(
    ffmpeg.path,
    ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', `testsrc=size=160x120:rate=10:duration=${seconds}`, '-c:v', 'libx264', '-preset', 'ultrafast', '-g', String(gop), '-bf', '0',
      '-pix_fmt', 'yuv420p', '-f', 'mp4', '-movflags', 'frag_keyframe+empty_moov+default_base_moof', '-frag_duration', String(liveFragmentMicros), 'pipe:1'],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  if (out.status !== 0) throw new Error(out.stderr.toString());
  const stream = new BoxStream();
  return stream.push(out.stdout);
}

describe('startsWithKeyframe', () => {
  it('finds the keyframes of ffmpeg’s short live fragments: one fragment in every keyframe interval', () => {
    // 10 fps, a keyframe every 20 frames (2 s), fragments of at most 100 ms: 60 one-frame fragments, keyframes at 0, 20, 40.
    const fragments = liveFragments(20, 6);
    expect(fragments.length).toBeGreaterThanOrEqual(55);
    const keyframes = fragments.map((f, i) => (startsWithKeyframe(f) ? i : -1)).filter((i) => i >= 0);
    expect(keyframes).toEqual([0, 20, 40]);
  });

  it('is false for what is not a fragment', () => {
    expect(startsWithKeyframe(Buffer.from('not an mp4 box at all'))).toBe(false);
    expect(startsWithKeyframe(Buffer.alloc(0))).toBe(false);
  });
});
