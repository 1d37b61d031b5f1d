import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { childEnv, demoSceneGraph, recordArgs } from '../../src/recording/ffmpeg-args.js';
import { defaultMotionThreshold, motionScore } from '../../src/recording/motion.js';
import { inspectSegment } from '../../src/recording/segment-inspection.js';
import { ffmpegPath, ffprobe, keyframeMotionScore, segmentFiles } from './media.js';

/**
 * The compressed-domain motion score (motion.ts) against the earlier keyframe-decode score, on the
 * lavfi demo scene encoded and cut the way the recorder does it (20 s, two 10 s segments; the
 * second one is judged, after the encoder has settled). And the box walk against ffprobe.
 */
const font = ['/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf', '/usr/share/fonts/dejavu/DejaVuSansMono.ttf'].find((f) => fs.existsSync(f)) ?? null;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-motion-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function scene(name: string, motionSecondsPerMinute: number, extraFilters = ''): string[] {
  const dir = path.join(root, name);
  fs.mkdirSync(dir);
  const demo = { width: 320, height: 240, fps: 10, fontFile: font, motionSecondsPerMinute };
  const args = recordArgs({ source: 'demo:test', runDir: dir, segmentSeconds: 10, ffmpegMajor: 4, socketTimeoutSeconds: 5, demo })
    .filter((a) => a !== '-re')
    .filter((a, i, all) => !(a === '-progress' || all[i - 1] === '-progress'));
  const graph = args.indexOf(demoSceneGraph('test', demo));
  args[graph] += extraFilters;
  args.splice(graph + 1, 0, '-t', '20');
  const result = spawnSync(ffmpegPath(), args, { env: childEnv(), encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return segmentFiles(dir);
}

describe('motion score calibration on the demo scene', () => {
  const cases = [
    { name: 'still scene (running clock only)', motion: 0, old: 'still', now: 'still' },
    { name: 'a person walking through', motion: 60, old: 'motion', now: 'motion' },
    // Documented weakness: sensor noise in a dark still picture makes every predicted frame large.
    { name: 'low-light noise, nothing moving', motion: 0, filters: ',eq=brightness=-0.3,noise=alls=12:allf=t+u', old: 'still', now: 'motion' },
  ] as const;

  it.each(cases)('$name: keyframe decode says $old, compressed domain says $now', (c) => {
    const [first, second] = scene(c.name.replace(/\W+/g, '-'), c.motion, 'filters' in c ? c.filters : '');
    const inspection = inspectSegment(fs.readFileSync(second!));
    if (!inspection.ok) throw new Error(inspection.reason);
    const now = motionScore(inspection.samples).score!;
    const old = keyframeMotionScore(second!)!;
    // The earlier score's threshold was 0.01 (share of 32×24 cells changed).
    expect(old >= 0.01 ? 'motion' : 'still').toBe(c.old);
    expect(now >= defaultMotionThreshold ? 'motion' : 'still').toBe(c.now);
    // The first segment holds the encoder's start; a still scene then scores below 0.05.
    const firstInspection = inspectSegment(fs.readFileSync(first!));
    if (c.motion === 0 && !('filters' in c) && firstInspection.ok) expect(motionScore(firstInspection.samples).score!).toBeLessThan(0.05);
  });

  it('the box walk agrees with ffprobe on codec, size and duration', () => {
    const files = fs.readdirSync(root).flatMap((d) => segmentFiles(path.join(root, d)));
    expect(files).toHaveLength(2 * cases.length);
    for (const file of files) {
      const mine = inspectSegment(fs.readFileSync(file));
      const theirs = ffprobe(file);
      expect(mine.ok && theirs.ok).toBe(true);
      if (mine.ok && theirs.ok) {
        expect({ codec: mine.codec, width: mine.width, height: mine.height }).toEqual({ codec: theirs.codec, width: theirs.width, height: theirs.height });
        expect(Math.abs(mine.durationMs - theirs.durationMs)).toBeLessThanOrEqual(100);
      }
    }
  });
});
