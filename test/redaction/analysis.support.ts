import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { childEnv } from '../../src/recording/ffmpeg-args.js';
import { systemClock } from '../../src/platform/clock.js';
import { createLogger } from '../../src/platform/logger.js';
import { Ingester } from '../../src/recording/ingester.js';
import { FfmpegMediaTools } from '../../src/recording/media-tools.js';
import type { Toezicht } from '../../src/bin/app.js';
import { ffmpegPath, segmentFiles, testBinaries } from '../recording/media.js';

/**
 * A scene with known figures for the analysis tests (generated with ffmpeg lavfi, never shipped):
 * a still grey hall, 640×360 at 25 fps, and two upright "persons" (solid blocks) that walk in from
 * outside the frame along two rows in opposite directions, so each has a known box at every instant.
 */
export const scene = { width: 640, height: 360, fps: 25 };
export const figures = [
  { id: 'A', w: 36, h: 90, y: 60, x: (t: number) => -40 + 80 * t, colour: '0xe0c8a0' },
  { id: 'B', w: 30, h: 80, y: 230, x: (t: number) => 640 - 70 * t, colour: '0xd0e8f8' },
] as const;

/** The true box of a figure at t seconds, normalised; null while it is outside the frame. */
export function truth(f: (typeof figures)[number], t: number): { x: number; y: number; w: number; h: number } | null {
  const x0 = Math.max(0, f.x(t));
  const x1 = Math.min(scene.width, f.x(t) + f.w);
  if (x1 - x0 < f.w) return null; // only wholly visible instants are compared
  return { x: x0 / scene.width, y: f.y / scene.height, w: (x1 - x0) / scene.width, h: f.h / scene.height };
}

export function sceneGraph(seconds: number): string {
  const bg = `color=c=0x606060:s=${scene.width}x${scene.height}:r=${scene.fps}:d=${seconds},drawbox=x=0:y=ih*0.8:w=iw:h=ih*0.2:color=0x4a4038:t=fill`;
  const parts = figures.map((f, i) => `color=c=${f.colour}:s=${f.w}x${f.h}:r=${scene.fps}:d=${seconds}[f${i}]`);
  const a = figures[0];
  const b = figures[1];
  return `${bg}[bg];${parts.join(';')};[bg][f0]overlay=x='-40+80*t':y=${a.y}:eval=frame[s1];[s1][f1]overlay=x='640-70*t':y=${b.y}:eval=frame`;
}

/** Encodes the scene the way a camera would (H.264, 2 s GOP) cut into 4 s fragmented-MP4 segments, and ingests them for the camera. */
export async function recordScene(t: Toezicht, cameraId: string, o: { anchorMs: number; seconds: number }): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-redaction-spool-'));
  try {
    const args = [
      '-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', sceneGraph(o.seconds),
      '-c:v', 'libx264', '-preset', 'ultrafast', '-g', String(scene.fps * 2), '-bf', '0', '-pix_fmt', 'yuv420p',
      '-f', 'segment', '-segment_time', '4', '-segment_format', 'mp4', '-segment_format_options', 'movflags=+frag_keyframe+empty_moov+default_base_moof',
      '-reset_timestamps', '1', path.join(dir, 'seg-%05d.mp4'),
    ];
    const made = spawnSync(ffmpegPath(), args, { env: childEnv(), encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`ffmpeg failed: ${made.stderr}`);
    const { recording } = t;
    await recording.cameras.upsert({ cameraId, name: `Hal ${cameraId}`, retentionDays: 28, mode: 'continuous' }, new Date());
    const ingester = new Ingester({
      db: t.database.db, segments: recording.segments, cameras: recording.cameras, store: recording.store, keys: recording.keys,
      media: new FfmpegMediaTools(await testBinaries()), logbook: t.logbook, clock: systemClock, logger: createLogger('silent'), quarantineDir: path.join(dir, 'q'),
    });
    const runId = `run-${crypto.randomBytes(3).toString('hex')}`;
    for (const [i, file] of segmentFiles(dir).entries()) {
      const outcome = await ingester.ingest({ cameraId, runId, file: path.basename(file), path: file, rawStartMs: o.anchorMs + i * 4000, listedDurationMs: 4000 }, 28);
      if (outcome.kind !== 'indexed') throw new Error(`segment ${i} not indexed: ${outcome.kind}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
