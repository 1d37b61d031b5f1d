import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPackage } from '../../src/exports/verify.js';
import { childEnv } from '../../src/recording/ffmpeg-args.js';
import type { TestApp } from '../support/app.js';
import { ffmpegPath, ffprobePath } from '../recording/media.js';
import { closeExportApp, ingestCopies, openExportApp, wijkActor } from './support.js';

/**
 * Issue 8, stream copy in Node (fmp4-concat.ts) and its fallback: a window whose segments change
 * format midway (the camera's resolution was changed) cannot be one init plus fragments, so the
 * export starts over through ffmpeg's remux — the package still verifies, 7-Zip opens it, and the
 * clip holds every frame of both formats. The same window of one format is concatenated in Node:
 * every frame, no ffmpeg, and its package verifies too.
 */
const anchorMs = Math.floor(Date.now() / 1000) * 1000 - 600_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('export of segments that change format midway', () => {
  let t: TestApp;
  let work: string;
  let requestId: string;

  beforeAll(async () => {
    ({ t, work, requestId } = await openExportApp('toezicht-fmp4-fallback-', { fromMs: anchorMs, toMs: anchorMs + 8_000 }, async (app) => {
      await ingestCopies(app, 'cam-x', { anchorMs, count: 2, segmentSeconds: 2, mbps: 1, width: 320, height: 240 });
      await ingestCopies(app, 'cam-x', { anchorMs: anchorMs + 4_000, count: 2, segmentSeconds: 2, mbps: 1, width: 352, height: 288, runId: 'after-change' });
      await ingestCopies(app, 'cam-y', { anchorMs, count: 3, segmentSeconds: 2, mbps: 1, width: 320, height: 240, runId: 'y' });
    }));
  }, 60_000);
  afterAll(() => closeExportApp(t, work));

  const exportAndOpen = async (cameraId: string, to: number) => {
    const created = await t.toezicht.exports.create({ requestId, windows: [{ cameraId, from: iso(anchorMs), to: iso(anchorMs + to) }] }, wijkActor);
    const zip = fs.readFileSync(path.join(t.toezicht.config.dataDir, 'exports', `${created.export.id}.zip`));
    const report = await verifyPackage(zip, created.password);
    expect(report.ok, JSON.stringify(report.checks.filter((c) => !c.ok))).toBe(true);
    const dir = fs.mkdtempSync(path.join(work, 'x-'));
    fs.writeFileSync(path.join(dir, 'p.zip'), zip);
    expect(spawnSync('7z', ['x', '-y', `-p${created.password}`, `-o${dir}`, path.join(dir, 'p.zip')]).status).toBe(0);
    const clip = path.join(dir, created.export.clips[0]!.file);
    const probe = JSON.parse(spawnSync(ffprobePath(), ['-v', 'error', '-count_frames', '-show_entries', 'stream=nb_read_frames,width,time_base:format=duration', '-of', 'json', clip], { encoding: 'utf8' }).stdout) as { streams: { nb_read_frames: string; time_base: string }[]; format: { duration: string } };
    return { probe, clip, dir: fs.readdirSync(dir) };
  };

  it('starts over through ffmpeg when a later segment has another sample description; the package verifies and holds every frame', async () => {
    const { probe } = await exportAndOpen('cam-x', 8_000);
    expect(Number(probe.streams[0]!.nb_read_frames)).toBe(4 * 50);
    expect(probe.streams[0]!.time_base).toBe('1/90000'); // ffmpeg's MPEG-TS remux: 90 kHz (the recorded segments and fmp4-concat keep 1/12800)
    expect(Number(probe.format.duration)).toBeCloseTo(8, 0);
    // Nothing of the abandoned first attempt is left in the package directory.
    expect(fs.readdirSync(path.join(t.toezicht.config.dataDir, 'exports')).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('concatenates one format in Node: every frame, plays without a decoding error, verifies', async () => {
    const { probe, clip } = await exportAndOpen('cam-y', 6_000);
    expect(Number(probe.streams[0]!.nb_read_frames)).toBe(3 * 50);
    expect(probe.streams[0]!.time_base).toBe('1/12800'); // the segments' own timescale: no ffmpeg remux
    expect(Number(probe.format.duration)).toBeCloseTo(6, 1);
    const decode = spawnSync(ffmpegPath(), ['-v', 'error', '-i', clip, '-f', 'null', '-'], { env: childEnv(), encoding: 'utf8' });
    expect(decode.status).toBe(0);
    expect(decode.stderr).toBe('');
  });
});
