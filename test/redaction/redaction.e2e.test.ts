import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPackage } from '../../src/exports/verify.js';
import { inwardRect, outwardRect } from '../../src/redaction/render/frame-plan.js';
import { boxAt, type Track } from '../../src/redaction/track.js';
import { ffmpegPath } from '../recording/media.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { dialects } from '../support/databases.js';
import { figures, recordScene, scene, truth } from './analysis.support.js';
import { differingOutside, psnrIn } from './render.fixtures.js';

/**
 * The acceptance of issue 9 through the HTTP API, on SQLite and PostgreSQL: a data subject's access
 * request for 8 s of a camera with two walking figures (generated, recorded as encrypted segments)
 * → analysis → the operator keeps the requester's track (keep-only, fill) → render → a sealed,
 * encrypted derived export that verifies. Then the original and the delivered copy are decoded and
 * compared frame by frame: outside the kept track's box every pixel differs from the original in
 * every frame; inside it the copy matches the original (luma PSNR ≥ 35 dB: the re-encode's
 * tolerance). The original footage is unchanged.
 */
describe.each(dialects)('redaction end to end on %s', (dialect) => {
  let t: TestApp;
  const anchorMs = Math.floor(Date.now() / 1000) * 1000 - 120_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  const actor = { id: 'u-wijk', name: 'wijkbeheerder-user', role: 'wijkbeheerder' } as never;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-redaction-e2e-'));
  let requestId = '';

  beforeAll(async () => {
    t = await createTestApp(dialect, { profile: 'wooncompas' });
    await recordScene(t.toezicht, 'cam-hal', { anchorMs, seconds: 8 });
    const { requests } = t.toezicht.cases;
    const window = { location: 'Hal', from: iso(anchorMs), to: iso(anchorMs + 8_000), cameraIds: ['cam-hal'] };
    const request = await requests.file({ kind: 'access', channel: 'letter', requester: { category: 'data_subject', name: 'A. Bewoner', contact: 'a@example.test' }, details: { window } } as never, actor);
    await requests.step(request.id, { type: 'record_fact', fact: 'own_images_checked', note: 'Bewoner A herkend op de beelden' }, actor);
    await requests.step(request.id, { type: 'decide', decision: 'allow', outcome: 'digital_copy' as never, reasons: 'Kopie eigen beelden, anderen onherkenbaar.' }, actor);
    requestId = request.id;
  }, 90_000);
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const footageDigest = async () => {
    const { recording } = t.toezicht;
    const segments = await recording.segments.between('cam-hal', new Date(anchorMs), new Date(anchorMs + 8_000));
    const hash = crypto.createHash('sha256');
    for (const s of segments) hash.update(await recording.footage.read(s));
    return { count: segments.length, sha256: hash.digest('hex') };
  };

  it('request → analysis → keep one track → render → sealed export that verifies; only the kept track is visible, in every frame', async () => {
    const before = await footageDigest();
    const wijk = await t.loginAs('wijkbeheerder');
    const started = await wijk.post('/api/redaction/analyses', { requestId, cameraId: 'cam-hal', from: iso(anchorMs), to: iso(anchorMs + 8_000), settings: { fps: 10, width: 320, detectors: ['motion'] } });
    expect(started.status, await started.clone().text()).toBe(202);
    const { analysis } = (await started.json()) as { analysis: { id: string; clip: { start: string } } };
    expect((await t.toezicht.redaction.analysis.whenFinished(analysis.id, 60_000)).state).toBe('done');
    const { tracks } = (await (await wijk.get(`/api/redaction/analyses/${analysis.id}/tracks`)).json()) as { tracks: Track[] };

    // The operator recognises the requester: figure A (upper row).
    const a = figures[0];
    const kept = tracks.find((tr) => tr.kind === 'person' && boxAt(tr, 3000) && Math.abs(boxAt(tr, 3000)!.y - truth(a, 3)!.y) < 0.03)!;
    expect(kept, 'a track for figure A').toBeTruthy();

    // Defaults for a data subject's copy: keep-only. The operator keeps A, chooses fill, and saves (logged).
    const review = (await (await wijk.get(`/api/redaction/analyses/${analysis.id}/review`)).json()) as { review: { version: number; settings: { mode: string } } };
    expect(review.review).toMatchObject({ version: 0, settings: { mode: 'keep-only' } });
    const settings = { mode: 'keep-only', style: 'fill', keep: [kept.id], margin: 0.15, holdFrames: 5 };
    const saved = await wijk.request('PUT', `/api/redaction/analyses/${analysis.id}/review`, { version: 0, settings, manual: [] });
    expect(saved.status, await saved.clone().text()).toBe(200);

    const render = await wijk.post(`/api/redaction/analyses/${analysis.id}/renders`);
    expect(render.status, await render.clone().text()).toBe(202);
    const { render: started2, password } = (await render.json()) as { render: { id: string }; password: string };
    expect(password).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){5}$/);
    const done = await t.toezicht.redaction.render.whenFinished(started2.id, 120_000);
    expect(done.state, done.error ?? '').toBe('done');
    expect(done.progress).toBe(1);
    expect(done.exportId).toBeTruthy();
    const polled = (await (await wijk.get(`/api/redaction/renders/${started2.id}`)).json()) as { render: { state: string; exportId: string } };
    expect(polled.render).toMatchObject({ state: 'done', exportId: done.exportId });

    // The export is on the case; its package verifies and its manifest records the derivation.
    const zip = Buffer.from(await (await wijk.get(`/api/exports/${done.exportId}/download`)).arrayBuffer());
    const verified = await verifyPackage(zip, password);
    expect(verified.ok, JSON.stringify(verified.checks.filter((c) => !c.ok))).toBe(true);
    fs.writeFileSync(path.join(dir, 'p.zip'), zip);
    expect(spawnSync('7z', ['x', '-y', `-p${password}`, `-o${dir}`, path.join(dir, 'p.zip')]).status).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { derivation: { kind: string; operator: string; originals: { cameraId: string; from: string; to: string; sha256: string }[]; settings: Record<string, unknown> }; clips: { file: string }[] };
    expect(manifest.derivation).toMatchObject({
      kind: 'redaction', operator: 'wijkbeheerder-user',
      originals: [{ cameraId: 'cam-hal', from: iso(anchorMs), to: iso(anchorMs + 8_000), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }],
      settings: { mode: 'keep-only', style: 'fill', keep: [kept.id], margin: 0.15, holdFrames: 5, analysisId: analysis.id, renderId: started2.id },
    });
    const copy = path.join(dir, manifest.clips[0]!.file);

    // Decode the original (its segments, as recorded) and the delivered copy.
    const { recording } = t.toezicht;
    const originalFrames: Uint8Array[] = [];
    for (const s of await recording.segments.between('cam-hal', new Date(anchorMs), new Date(anchorMs + 8_000))) originalFrames.push(...grey(await recording.footage.read(s)));
    const copyFrames = grey(fs.readFileSync(copy));
    expect(copyFrames.length).toBe(originalFrames.length);
    expect(copyFrames.length).toBe(200);
    const { width: W, height: H } = scene;
    let visibleFrames = 0;
    for (let n = 0; n < copyFrames.length; n++) {
      const box = boxAt(kept, n * 40);
      const inside = box ? inwardRect(box, W, H) : null;
      // Outside the kept track's box (its outward pixel bounds), every pixel differs in every frame.
      const outside = box ? outwardRect(box, 0, W, H)! : { x0: 0, y0: 0, x1: 0, y1: 0 };
      expect(differingOutside(originalFrames[n]!, copyFrames[n]!, W, H, outside, 8), `frame ${n}: share of pixels outside the kept box that differ`).toBe(1);
      if (inside) {
        expect(psnrIn(originalFrames[n]!, copyFrames[n]!, W, inside), `frame ${n}: PSNR inside the kept box`).toBeGreaterThanOrEqual(35);
        visibleFrames++;
      }
    }
    expect(visibleFrames).toBeGreaterThan(150);

    // The original footage is unchanged; the whole path is in the logboek.
    expect(await footageDigest()).toEqual(before);
    const entries = await t.toezicht.database.db.selectFrom('logbook_entries').select(['action', 'subject']).where('case_ref', '=', done.caseRef).orderBy('seq').execute();
    const actions = entries.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['redaction.analysis_started', 'redaction.review_saved', 'redaction.render_started', 'export.created', 'redaction.render_finished']));
    const savedEntry = JSON.parse(entries.find((e) => e.action === 'redaction.review_saved')!.subject) as Record<string, unknown>;
    expect(savedEntry).toMatchObject({ analysisId: analysis.id, mode: 'keep-only', style: 'fill', keep: [kept.id], version: 1 });
    expect(entries.find((e) => e.action === 'export.created')!.subject).toContain('redaction');
    expect(JSON.stringify(entries)).not.toContain(password);
  }, 240_000);

  it('redact-detected with a manual box: the other figure and the manual box are redacted, the rest is the original', async () => {
    const wijk = await t.loginAs('wijkbeheerder');
    const started = await wijk.post('/api/redaction/analyses', { requestId, cameraId: 'cam-hal', from: iso(anchorMs), to: iso(anchorMs + 8_000), settings: { fps: 10, width: 320, detectors: ['motion'] } });
    const { analysis } = (await started.json()) as { analysis: { id: string } };
    expect((await t.toezicht.redaction.analysis.whenFinished(analysis.id, 60_000)).state).toBe('done');
    const tracks = await t.toezicht.redaction.analysis.tracks(analysis.id);
    const keep = tracks.filter((tr) => tr.kind === 'person' && boxAt(tr, 3000) && Math.abs(boxAt(tr, 3000)!.y - truth(figures[0], 3)!.y) < 0.03).map((tr) => tr.id);
    const manual = [{ id: 'm1', label: 'raam buren', keyframes: [{ t: 0, x: 0.8, y: 0.05, w: 0.1, h: 0.1 }, { t: 8000, x: 0.85, y: 0.05, w: 0.1, h: 0.1 }] }];
    const saved = await wijk.request('PUT', `/api/redaction/analyses/${analysis.id}/review`, { version: 0, settings: { mode: 'redact-detected', style: 'fill', keep, margin: 0.15, holdFrames: 5 }, manual });
    expect(saved.status, await saved.clone().text()).toBe(200);
    // A second save naming the old version is refused (someone else saved meanwhile).
    const stale = await wijk.request('PUT', `/api/redaction/analyses/${analysis.id}/review`, { version: 0, settings: { mode: 'redact-detected', style: 'fill', keep: [], margin: 0.15, holdFrames: 5 }, manual: [] });
    expect(stale.status).toBe(409);

    // The preview of frame t = 4 s shows the result before rendering.
    const choices = JSON.stringify({ settings: { mode: 'redact-detected', style: 'fill', keep, margin: 0.15, holdFrames: 5 }, manual });
    const preview = await wijk.get(`/api/redaction/analyses/${analysis.id}/preview?t=4000&choices=${encodeURIComponent(choices)}`);
    expect(preview.status, await preview.clone().text()).toBe(200);
    expect(Buffer.from(await preview.arrayBuffer()).subarray(0, 3).toString('hex')).toBe('ffd8ff');
    const still = await wijk.get(`/api/redaction/analyses/${analysis.id}/still?t=4000`);
    expect(still.status).toBe(200);
    expect((await wijk.get(`/api/redaction/analyses/${analysis.id}/still?t=99000`)).status).toBe(400);
    expect((await wijk.get(`/api/redaction/analyses/${analysis.id}/preview?t=0&choices=${encodeURIComponent('{"settings":{}}')}`)).status).toBe(400);

    const { render, password } = (await (await wijk.post(`/api/redaction/analyses/${analysis.id}/renders`)).json()) as { render: { id: string }; password: string };
    const done = await t.toezicht.redaction.render.whenFinished(render.id, 120_000);
    expect(done.state, done.error ?? '').toBe('done');
    const zip = Buffer.from(await (await wijk.get(`/api/exports/${done.exportId}/download`)).arrayBuffer());
    expect((await verifyPackage(zip, password)).ok).toBe(true);
    const out = path.join(dir, 'b');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'p.zip'), zip);
    expect(spawnSync('7z', ['x', '-y', `-p${password}`, `-o${out}`, path.join(out, 'p.zip')]).status).toBe(0);
    const mp4 = fs.readdirSync(out).find((f) => f.endsWith('.mp4'))!;
    const frames = grey(fs.readFileSync(path.join(out, mp4)));
    const { width: W } = scene;
    const b = figures[1];
    for (const n of [50, 100, 150]) {
      const f = frames[n]!;
      const tb = truth(b, n / 25);
      if (tb) expect(f[Math.round((tb.y + tb.h / 2) * scene.height) * W + Math.round((tb.x + tb.w / 2) * W)]!, `figure B at frame ${n}`).toBeLessThan(24);
      expect(f[Math.round(0.1 * scene.height) * W + Math.round((0.8 + 0.05 * (n / 200) + 0.05) * W)]!, `manual box at frame ${n}`).toBeLessThan(24);
      const ta = truth(figures[0], n / 25)!;
      expect(f[Math.round((ta.y + ta.h / 2) * scene.height) * W + Math.round((ta.x + ta.w / 2) * W)]!, `figure A at frame ${n}`).toBeGreaterThan(150);
    }
  }, 240_000);

  it('refuses a render before the request is allowed, invalid choices, and roles without the right (naming the rule)', async () => {
    const wijk = await t.loginAs('wijkbeheerder');
    const { requests } = t.toezicht.cases;
    const open = await requests.file({ kind: 'access', channel: 'letter', requester: { category: 'data_subject', name: 'C', contact: 'c@example.test' }, details: { window: { location: 'Hal', from: iso(anchorMs), to: iso(anchorMs + 8_000) } } } as never, actor);
    const analysis = await t.toezicht.redaction.analysis.start({ requestId: open.id, cameraId: 'cam-hal', from: iso(anchorMs), to: iso(anchorMs + 4_000), settings: { fps: 5, width: 160, detectors: ['motion'] } }, actor);
    expect((await t.toezicht.redaction.analysis.whenFinished(analysis.id, 60_000)).state).toBe('done');
    const refused = await wijk.post(`/api/redaction/analyses/${analysis.id}/renders`);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe('export_not_allowed');
    const bad = await wijk.request('PUT', `/api/redaction/analyses/${analysis.id}/review`, { version: 0, settings: { mode: 'keep-only', style: 'blur', keep: [], margin: 0.15, holdFrames: 5 }, manual: [] });
    expect(bad.status).toBe(400);
    const unknownTrack = await wijk.request('PUT', `/api/redaction/analyses/${analysis.id}/review`, { version: 0, settings: { mode: 'keep-only', style: 'fill', keep: ['t999'], margin: 0.15, holdFrames: 5 }, manual: [] });
    expect(unknownTrack.status).toBe(400);
    expect(((await unknownTrack.json()) as { title: string; code: string })).toMatchObject({ code: 'redaction_review', title: expect.stringMatching(/t999/) });
    const auditor = await t.loginAs('auditor');
    const denied = await auditor.post(`/api/redaction/analyses/${analysis.id}/renders`);
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { rule?: string }).rule).toBeTruthy();
    expect((await auditor.get(`/api/redaction/analyses/${analysis.id}/still?t=0`)).status).toBe(403);
  }, 120_000);
});

/** Decodes an MP4 (a file's bytes) to grey frames of the scene's size. */
function grey(mp4: Buffer): Uint8Array[] {
  const r = spawnSync(ffmpegPath(), ['-hide_banner', '-loglevel', 'error', '-f', 'mp4', '-i', 'pipe:0', '-vsync', 'passthrough', '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1'], { input: mp4, maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`decode failed: ${r.stderr.toString()}`);
  const size = scene.width * scene.height;
  const frames: Uint8Array[] = [];
  for (let o = 0; o + size <= r.stdout.length; o += size) frames.push(new Uint8Array(r.stdout.buffer, r.stdout.byteOffset + o, size));
  return frames;
}
