import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPackage } from '../../src/exports/verify.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { exportViaJob, recordFootage } from './support.js';

/** A data subject's copy (art. 15(3) AVG) under Wooncompas (WCP-7): the same sealed package, the data subject as recipient. */
describe('export of a data subject\'s copy', () => {
  let t: TestApp;
  const anchorMs = Math.floor(Date.now() / 1000) * 1000 - 60_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  const actor = { id: 'u-wijk', name: 'wijkbeheerder-user', role: 'wijkbeheerder' } as never;
  const window = { location: 'Portiek', from: iso(anchorMs), to: iso(anchorMs + 8_000) };
  let requestId = '';

  beforeAll(async () => {
    t = await createTestApp('sqlite', { profile: 'wooncompas' });
    await recordFootage(t.toezicht, 'cam-p', { anchorMs, seconds: 8 });
  }, 60_000);
  afterAll(() => t?.close());

  it('exports the allowed copy with the legal basis and the data subject as recipient', async () => {
    const { requests } = t.toezicht.cases;
    const request = await requests.file({ kind: 'access', channel: 'letter', requester: { category: 'data_subject', name: 'A. Bewoner', contact: 'a@example.test' }, details: { window } } as never, actor);
    await requests.step(request.id, { type: 'record_fact', fact: 'own_images_checked', note: 'Alleen eigen beelden' }, actor);
    await requests.step(request.id, { type: 'decide', decision: 'allow', outcome: 'digital_copy' as never, reasons: 'Kopie eigen beelden.' }, actor);
    requestId = request.id;
    const wijk = await t.loginAs('wijkbeheerder');
    const created = await exportViaJob<{ id: string; recipient: string; legalBasis: string; requestKind: string }>(wijk, { requestId: request.id, windows: [{ cameraId: 'cam-p', from: window.from, to: window.to }] });
    expect(created.export).toMatchObject({ recipient: 'A. Bewoner', requestKind: 'access', legalBasis: expect.stringMatching(/art\. 15 lid 3 AVG/) });
    const zip = Buffer.from(await (await wijk.get(`/api/exports/${created.export.id}/download`)).arrayBuffer());
    expect((await verifyPackage(zip, created.password)).ok).toBe(true);
  });

  it('trims exactly to the window on request (partial end GOPs re-encoded), still sealed and verifiable', async () => {
    const wijk = await t.loginAs('wijkbeheerder');
    const from = anchorMs + 1_500;
    const to = anchorMs + 6_500;
    const created = await exportViaJob(wijk, { requestId, exact: true, windows: [{ cameraId: 'cam-p', from: iso(from), to: iso(to) }] });
    expect(created.export.clips[0]).toMatchObject({ actualStart: iso(from), actualEnd: iso(to) });
    const zip = Buffer.from(await (await wijk.get(`/api/exports/${created.export.id}/download`)).arrayBuffer());
    expect((await verifyPackage(zip, created.password)).ok).toBe(true);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-exact-'));
    try {
      fs.writeFileSync(path.join(dir, 'p.zip'), zip);
      expect(spawnSync('7z', ['x', '-y', `-p${created.password}`, `-o${dir}`, path.join(dir, 'p.zip')]).status).toBe(0);
      const ffprobe = (createRequire(import.meta.url)('@ffprobe-installer/ffprobe') as { path: string }).path;
      const probe = spawnSync(ffprobe, ['-v', 'error', '-show_entries', 'format=duration:format_tags=creation_time', '-of', 'json', path.join(dir, created.export.clips[0]!.file)], { encoding: 'utf8' });
      const info = JSON.parse(probe.stdout) as { format: { duration: string; tags: { creation_time: string } } };
      expect(Number(info.format.duration)).toBeGreaterThan(4.5);
      expect(Number(info.format.duration)).toBeLessThan(5.5);
      // MP4 keeps creation_time in whole seconds.
      expect(info.format.tags.creation_time.slice(0, 19)).toBe(iso(from).slice(0, 19));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses kinds that provide no footage (erasure) and roles without the export permission', async () => {
    const { requests } = t.toezicht.cases;
    const erasure = await requests.file({ kind: 'erasure', channel: 'letter', requester: { category: 'data_subject', name: 'B', contact: 'b@example.test' }, details: { window, scope: 'alles' } } as never, actor);
    const wijk = await t.loginAs('wijkbeheerder');
    const res = await wijk.post('/api/exports', { requestId: erasure.id });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe('export_kind');
    const auditor = await t.loginAs('auditor');
    const denied = await auditor.post('/api/exports', { requestId: erasure.id });
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { rule?: string }).rule).toBeTruthy();
  });
});
