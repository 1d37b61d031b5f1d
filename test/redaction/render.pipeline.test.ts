import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderRedacted } from '../../src/redaction/render/renderer.js';
import { pixelBlockSize } from '../../src/redaction/render/yuv-redact.js';
import type { RedactionSettings } from '../../src/redaction/track.js';
import { testBinaries } from '../recording/media.js';
import { decodeLuma, differingOutside, makeShapesClip, psnrIn, shapes, shapeTracks, type ShapesClip } from './render.fixtures.js';

/** The render pipeline on real footage: real ffmpeg decode, Node redaction, real libx264 encode. */
describe('renderRedacted (real ffmpeg)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-render-'));
  const flat: ShapesClip = { width: 320, height: 240, fps: 25, seconds: 2, background: 'flat' };
  const texture: ShapesClip = { ...flat, background: 'texture' };
  const flatFile = path.join(dir, 'flat.mp4');
  const textureFile = path.join(dir, 'texture.mp4');
  const settings = (s: Partial<RedactionSettings>): RedactionSettings => ({ mode: 'keep-only', style: 'fill', keep: ['t1'], margin: 0, holdFrames: 0, ...s });
  const render = async (source: string, clip: ShapesClip, s: RedactionSettings, masks = [] as never[]) => {
    const output = path.join(dir, `out-${Math.random().toString(36).slice(2)}.mp4`);
    const result = await renderRedacted(await testBinaries(), {
      source: { data: fs.readFileSync(source) }, tracks: shapeTracks(clip), settings: s, masks, output, creationTime: new Date('2026-11-20T10:00:00Z'), comment: 'R-2026-001 / test',
    });
    return { output, result };
  };

  beforeAll(() => {
    makeShapesClip(flatFile, flat);
    makeShapesClip(textureFile, texture);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keep-only fill: every frame is black outside the kept shape, and the kept shape matches the original (PSNR ≥ 35 dB)', async () => {
    const { output, result } = await render(flatFile, flat, settings({}));
    expect(result).toMatchObject({ frames: 50, width: 320, height: 240, fps: 25 });
    const original = decodeLuma(flatFile, 320, 240);
    const redacted = decodeLuma(output, 320, 240);
    expect(redacted.length).toBe(original.length);
    const { a } = shapes(flat);
    for (let n = 0; n < original.length; n++) {
      const box = { x0: a.x(n), y0: a.y, x1: a.x(n) + a.w, y1: a.y + a.h };
      expect(differingOutside(original[n]!, redacted[n]!, 320, 240, box, 8), `frame ${n}`).toBe(1);
      expect(psnrIn(original[n]!, redacted[n]!, 320, box), `frame ${n}`).toBeGreaterThanOrEqual(35);
    }
  });

  it('strips audio and metadata: one H.264 stream, only our creation_time and comment', async () => {
    const { output } = await render(flatFile, flat, settings({}));
    const ffprobe = (await testBinaries()).ffprobe;
    const probe = spawnSync(ffprobe, ['-v', 'error', '-show_entries', 'stream=codec_type,codec_name,pix_fmt:format_tags', '-of', 'json', output], { encoding: 'utf8' });
    const info = JSON.parse(probe.stdout) as { streams: { codec_type: string; codec_name: string; pix_fmt: string }[]; format: { tags: Record<string, string> } };
    expect(info.streams).toEqual([{ codec_type: 'video', codec_name: 'h264', pix_fmt: 'yuv420p' }]);
    expect(Object.keys(info.format.tags).sort()).toEqual(['comment', 'compatible_brands', 'creation_time', 'major_brand', 'minor_version']);
    expect(info.format.tags.comment).toBe('R-2026-001 / test');
    // +faststart: the moov box comes before the media data.
    const bytes = fs.readFileSync(output);
    expect(bytes.indexOf('moov')).toBeLessThan(bytes.indexOf('mdat'));
  });

  it('keep-only pixelate: coarse uniform blocks outside the kept shape, the texture gone', async () => {
    const { output } = await render(textureFile, texture, settings({ style: 'pixelate' }));
    const original = decodeLuma(textureFile, 320, 240);
    const redacted = decodeLuma(output, 320, 240);
    const B = pixelBlockSize(320);
    const { a } = shapes(texture);
    for (let n = 0; n < original.length; n += 7) {
      const box = { x0: a.x(n), y0: a.y, x1: a.x(n) + a.w, y1: a.y + a.h };
      // Whole blocks clear of the kept box (by a codec margin) are flat: max − min within the block is small.
      let checked = 0;
      for (let by = 0; by + B <= 240; by += B) {
        for (let bx = 0; bx + B <= 320; bx += B) {
          if (bx + B > box.x0 - 4 && bx < box.x1 + 4 && by + B > box.y0 - 4 && by < box.y1 + 4) continue;
          let lo = 255;
          let hi = 0;
          for (let y = by + 1; y < by + B - 1; y++) for (let x = bx + 1; x < bx + B - 1; x++) {
            const v = redacted[n]![y * 320 + x]!;
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
          }
          expect(hi - lo, `frame ${n} block ${bx},${by}`).toBeLessThanOrEqual(20); // x264 ringing at block edges; the noise texture spans ±40
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(20);
      expect(differingOutside(original[n]!, redacted[n]!, 320, 240, box, 2)).toBeGreaterThan(0.6);
      expect(psnrIn(original[n]!, redacted[n]!, 320, box)).toBeGreaterThanOrEqual(30);
    }
  });

  it('redact-detected: the other shape is filled (with hold), the rest of the frame is the original', async () => {
    const { output } = await render(flatFile, flat, settings({ mode: 'redact-detected', margin: 0.1, holdFrames: 2 }));
    const original = decodeLuma(flatFile, 320, 240);
    const redacted = decodeLuma(output, 320, 240);
    const { a, b } = shapes(flat);
    for (let n = 0; n < original.length; n++) {
      const inner = { x0: b.x(n) + 2, y0: b.y + 2, x1: b.x(n) + b.w - 2, y1: b.y + b.h - 2 };
      for (let y = inner.y0; y < inner.y1; y += 5) for (let x = inner.x0; x < inner.x1; x += 5) expect(redacted[n]![y * 320 + x]!).toBeLessThan(24);
      const kept = { x0: a.x(n), y0: a.y, x1: a.x(n) + a.w, y1: a.y + a.h };
      // Where the other shape's box (with margin) reaches the kept one, redaction wins; compare only clear frames.
      if (kept.x1 + 8 < b.x(n)) expect(psnrIn(original[n]!, redacted[n]!, 320, kept)).toBeGreaterThanOrEqual(35);
      expect(psnrIn(original[n]!, redacted[n]!, 320, { x0: 0, y0: 0, x1: 320, y1: 60 })).toBeGreaterThanOrEqual(35);
    }
  });

  it('a privacy mask is redacted even inside the kept shape', async () => {
    const { a } = shapes(flat);
    // A mask over the top 10% of the frame and over the kept shape's top rows at every position.
    const mask = [{ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 1, y: (a.y + 10) / 240 }, { x: 0, y: (a.y + 10) / 240 }];
    const { output } = await render(flatFile, flat, settings({}), [mask] as never[]);
    const redacted = decodeLuma(output, 320, 240);
    for (const frame of redacted) for (let x = a.x(0) + 4; x < a.x(0) + a.w - 4; x += 3) expect(frame[(a.y + 4) * 320 + x]!).toBeLessThan(24);
  });

  it('fails clearly on input that is not video, and leaves no process behind', async () => {
    const bad = path.join(dir, 'bad.mp4');
    fs.writeFileSync(bad, 'not a video');
    await expect(renderRedacted(await testBinaries(), {
      source: { file: bad }, tracks: [], settings: settings({}), masks: [], output: path.join(dir, 'x.mp4'), creationTime: new Date(), comment: '',
    })).rejects.toThrow();
  });
});
