import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/bin/cli.js';
import { findSuep } from '../../src/exports/suep.js';
import { verifyPackage, verifyMp4, verifyManifest } from '../../src/exports/verify.js';
import { createTestApp, type Client, type TestApp } from '../support/app.js';
import { awaitJob, flipped, recordFootage } from './support.js';

/**
 * Issue 8 end to end on real footage: recorded segments (ffmpeg lavfi, the recorder's own
 * segmenting and ingest) → an allowed police vordering → POST /api/exports → one download →
 * 7-Zip opens it with the password (and not without) → ffprobe reads every MP4 → verification
 * passes untouched and names the altered file for one flipped byte anywhere (INV-6).
 */
const ffprobe = (createRequire(import.meta.url)('@ffprobe-installer/ffprobe') as { path: string }).path;
const anchorMs = Math.floor(Date.now() / 1000) * 1000 - 120_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('evidence export (issue 8)', () => {
  let t: TestApp;
  let wijk: Client;
  let requestId: string;
  let zip: Buffer;
  let password: string;
  let work: string;
  let created: { export: { id: string; packageSha256: string; createdAt: string; clips: { file: string; cameraId: string; gaps: unknown[]; sha256: string }[] }; password: string };

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-export-test-'));
    // 16 s recorded, the third 4 s segment missing: a gap the manifest must report.
    await recordFootage(t.toezicht, 'cam-a', { anchorMs, seconds: 16, skip: [2] });
    await recordFootage(t.toezicht, 'cam-b', { anchorMs, seconds: 8 });
    const actor = { id: 'u-wijk', name: 'wijkbeheerder-user', role: 'wijkbeheerder' } as const;
    const request = await t.toezicht.cases.requests.file({
      kind: 'police', channel: 'letter', requester: { category: 'police', name: 'Agent J. de Vries', contact: null, organisation: 'Politie Midden-Nederland' },
      details: { window: { location: 'Hoofdingang', from: iso(anchorMs), to: iso(anchorMs + 16_000) }, officer: 'J. de Vries', legalBasis: 'art. 126nd Sv' },
    } as never, actor as never);
    requestId = request.id;
    await t.toezicht.cases.requests.step(requestId, { type: 'decide', decision: 'allow', outcome: 'digital_medium' as never, reasons: 'Vordering rechtsgeldig.' }, actor as never);
    wijk = await t.loginAs('wijkbeheerder');
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('creates the package from the allowed vordering; the password is shown once and never logged or stored', async () => {
    const res = await wijk.post('/api/exports', {
      requestId,
      windows: [{ cameraId: 'cam-a', from: iso(anchorMs), to: iso(anchorMs + 16_000) }, { cameraId: 'cam-b', from: iso(anchorMs), to: iso(anchorMs + 8_000) }],
    });
    expect(res.status, await res.clone().text()).toBe(202);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const queued = (await res.json()) as { job: { id: string; state: string }; password: string };
    expect(['queued', 'running', 'done']).toContain(queued.job.state);
    const { job, seen } = await awaitJob(wijk, queued.job.id);
    expect(job).toMatchObject({ state: 'done', phase: 'done', progress: 1, attempts: 1 });
    expect(seen.every((p, i) => i === 0 || p >= seen[i - 1]!), `progress never goes back: ${seen.join(',')}`).toBe(true);
    const listed = (await (await wijk.get(`/api/exports?caseRef=${encodeURIComponent(job.caseRef)}`)).json()) as { exports: (typeof created)['export'][] };
    created = { export: listed.exports.find((e) => e.id === job.id)!, password: queued.password };
    password = created.password;
    // The job row keeps the password only sealed, and only until the job ends.
    expect((await t.database.db.selectFrom('export_jobs').select('password_sealed').where('id', '=', job.id).executeTakeFirst())?.password_sealed).toBeNull();
    expect(password).toMatch(/^([A-Z2-9]{4}-){5}[A-Z2-9]{4}$/);
    expect(created.export.clips).toHaveLength(2);
    expect(created.export.clips[0]!.gaps).toEqual([{ from: iso(anchorMs + 8_000), to: iso(anchorMs + 12_000) }]);
    expect(created.export.clips[1]!.gaps).toEqual([]);

    const entries = await t.database.db.selectFrom('logbook_entries').selectAll().where('action', '=', 'export.created').execute();
    expect(entries).toHaveLength(1);
    const subject = JSON.parse(entries[0]!.subject) as Record<string, unknown>;
    expect(subject).toMatchObject({ cameras: ['cam-a', 'cam-b'], recipient: 'Agent J. de Vries, Politie Midden-Nederland', packageSha256: created.export.packageSha256 });
    expect(entries[0]!.case_ref).toBeTruthy();
    const everything = JSON.stringify([await t.database.db.selectFrom('logbook_entries').selectAll().execute(), await t.database.db.selectFrom('exports').selectAll().execute(), await t.database.db.selectFrom('export_jobs').selectAll().execute()]);
    expect(everything).not.toContain(password);
    expect(everything).not.toContain(password.replace(/-/g, ''));

    const list = (await (await wijk.get(`/api/exports?caseRef=${encodeURIComponent(entries[0]!.case_ref!)}`)).json()) as { exports: unknown[] };
    expect(list.exports).toHaveLength(1);
    expect(JSON.stringify(list)).not.toContain(password);
  });

  it('downloads once (logged with the package hash); a second download is refused', async () => {
    const res = await wijk.get(`/api/exports/${created.export.id}/download`);
    expect(res.status).toBe(200);
    zip = Buffer.from(await res.arrayBuffer());
    expect((await wijk.get(`/api/exports/${created.export.id}/download`)).status).toBe(409);
    const [entry] = await t.database.db.selectFrom('logbook_entries').selectAll().where('action', '=', 'export.downloaded').execute();
    expect(JSON.parse(entry!.subject)).toMatchObject({ packageSha256: created.export.packageSha256 });
  });

  it('records the hand-over once: to whom, identified how, with the package hash', async () => {
    const res = await wijk.post(`/api/exports/${created.export.id}/handover`, { to: 'Agent J. de Vries', identification: 'dienstpas 12345' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { export: { handedOver: unknown } }).export.handedOver).toMatchObject({ to: 'Agent J. de Vries', identification: 'dienstpas 12345', by: 'wijkbeheerder-user' });
    expect((await wijk.post(`/api/exports/${created.export.id}/handover`, { to: 'X', identification: 'Y' })).status).toBe(409);
    const [entry] = await t.database.db.selectFrom('logbook_entries').selectAll().where('action', '=', 'export.handed_over').execute();
    expect(JSON.parse(entry!.subject)).toMatchObject({ packageSha256: created.export.packageSha256, to: 'Agent J. de Vries', identification: 'dienstpas 12345' });
  });

  it('the delivery (carry_out) names the package and its hash in the request and the logboek', async () => {
    const actor = { id: 'u-wijk', name: 'wijkbeheerder-user', role: 'wijkbeheerder' } as const;
    const done = await t.toezicht.cases.requests.step(requestId, { type: 'carry_out', note: 'Pakket via beveiligde overdracht verstrekt' }, actor as never);
    const expected = { exportId: created.export.id, packageSha256: created.export.packageSha256 };
    expect(done.facts.delivery).toMatchObject({ note: 'Pakket via beveiligde overdracht verstrekt', exports: [expected] });
    const [entry] = await t.database.db.selectFrom('logbook_entries').selectAll().where('action', '=', 'request.carried_out').execute();
    expect(JSON.parse(entry!.subject)).toMatchObject({ exports: [expected] });
  });

  it('7-Zip extracts it with the password and refuses without it; ffprobe reads every MP4', () => {
    const file = path.join(work, 'package.zip');
    fs.writeFileSync(file, zip);
    const wrong = spawnSync('7z', ['x', '-y', '-pWRONG-PASSWORD', `-o${path.join(work, 'wrong')}`, file], { encoding: 'utf8' });
    expect(wrong.status).not.toBe(0);
    const ok = spawnSync('7z', ['x', '-y', `-p${password}`, `-o${path.join(work, 'out')}`, file], { encoding: 'utf8' });
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    const names = fs.readdirSync(path.join(work, 'out')).sort();
    expect(names).toEqual([...created.export.clips.map((c) => c.file), 'LEESMIJ.txt', 'manifest.json', 'manifest.json.sig', 'ontvangstbevestiging.pdf'].sort());
    expect(fs.readFileSync(path.join(work, 'out', 'ontvangstbevestiging.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    for (const clip of created.export.clips) {
      const probe = spawnSync(ffprobe, ['-v', 'error', '-show_entries', 'format=duration:format_tags=creation_time,title:stream=codec_name', '-of', 'json', path.join(work, 'out', clip.file)], { encoding: 'utf8' });
      expect(probe.status, probe.stderr).toBe(0);
      const info = JSON.parse(probe.stdout) as { streams: { codec_name: string }[]; format: { duration: string; tags: { creation_time: string; title: string } } };
      expect(info.streams[0]!.codec_name).toBe('h264');
      expect(info.format.tags.title).toMatch(/^Entree cam-[ab]$/);
      expect(info.format.tags.creation_time.slice(0, 19)).toBe(iso(anchorMs).slice(0, 19));
      expect(Number(info.format.duration)).toBeGreaterThan(6);
      // The ONVIF export-unit box (suep in a file-level meta box), parsed back from the exported file.
      expect(findSuep(fs.readFileSync(path.join(work, 'out', clip.file)))).toEqual({
        exportUnitName: 'Toezicht', exportUnitUrl: '', exportUnitMac: '', exportTime: new Date(Math.floor(Date.parse(created.export.createdAt) / 1000) * 1000), operator: 'wijkbeheerder-user',
        tracks: [{ trackId: 1, sourceName: info.format.tags.title, sourceUrl: '', sourceMac: '', sourceLine: clip.cameraId }],
      });
    }
  });

  it('the untouched package verifies: pure verifier, CLI (exit 0) and the public page', async () => {
    const report = await verifyPackage(zip, password);
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(report.ok).toBe(true);
    const lines: string[] = [];
    expect(await main(['export', 'verify', path.join(work, 'package.zip'), '--password', password], (l) => lines.push(l), (l) => lines.push(l))).toBe(0);
    expect(lines.at(-1)).toMatch(/^verified: package.zip is intact/);
    expect(await main(['export', 'verify', path.join(work, 'out', 'manifest.json')], () => undefined, () => undefined)).toBe(0);
    expect(await main(['export', 'verify', path.join(work, 'out', created.export.clips[0]!.file)], () => undefined, () => undefined)).toBe(0);

    const form = new FormData();
    form.set('file', new File([new Uint8Array(zip)], 'package.zip'));
    form.set('password', password);
    const res = await t.toezicht.app.request('/api/public/exports/verify', { method: 'POST', body: form });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; issuedHere: { createdAt: string; caseRef?: string } | null };
    expect(body.ok).toBe(true);
    expect(body.issuedHere?.createdAt).toBeTruthy();
    expect(body.issuedHere?.caseRef).toBeUndefined();
  });

  it('the logged-in verification names a tampered upload; a missing file is a 400', async () => {
    const name = created.export.clips[1]!.file;
    const mp4 = fs.readFileSync(path.join(work, 'out', name));
    const post = (form: FormData) =>
      t.toezicht.app.request('/api/exports/verify', { method: 'POST', body: form, headers: { cookie: wijk.cookie, 'x-csrf-token': wijk.csrf } });
    const form = new FormData();
    form.set('file', new File([new Uint8Array(flipped(mp4, 200))], name));
    const res = await post(form);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; kind: string; checks: { name: string; ok: boolean }[] };
    expect(body).toMatchObject({ ok: false, kind: 'mp4' });
    expect(body.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual([`${name}: content hash`]);
    expect((await post(new FormData())).status).toBe(400);
    const anonymous = await t.toezicht.app.request('/api/exports/verify', { method: 'POST', body: form });
    expect(anonymous.status).toBe(401);
  });

  it('leaves no decrypted footage on disk: the data directory holds only ciphertext segments and the encrypted package', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(path.join(dir, entry.name));
        else files.push(path.relative(t.toezicht.config.dataDir, path.join(dir, entry.name)));
      }
    };
    walk(t.toezicht.config.dataDir);
    expect(files.filter((f) => /\.(mp4|ts|m4s|h264)$/i.test(f))).toEqual([]);
    expect(files.filter((f) => f.startsWith('exports/'))).toEqual([`exports/${created.export.id}.zip`]);
  });

  it('describes the export routes in OpenAPI', async () => {
    const res = await t.toezicht.app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/exports', '/api/exports/jobs', '/api/exports/jobs/{id}', '/api/exports/jobs/{id}/cancel', '/api/exports/{id}/download', '/api/exports/{id}/handover', '/api/exports/verify', '/api/public/exports/verify']));
  });

  it('the CLI exits 2 on usage errors', async () => {
    const quiet = () => undefined;
    expect(await main(['export', 'verify'], quiet, quiet)).toBe(2);
    expect(await main(['export', 'verify', path.join(work, 'nothing-here.zip')], quiet, quiet)).toBe(2);
    expect(await main(['export', 'frobnicate'], quiet, quiet)).toBe(2);
  });

  it('one flipped byte in an MP4 (header, media data, seal) is detected and named (INV-6)', async () => {
    const name = created.export.clips[0]!.file;
    const mp4 = fs.readFileSync(path.join(work, 'out', name));
    const sealStart = mp4.length - mp4.readUInt32BE(mp4.length - 12);
    const cases: [string, number, RegExp][] = [
      ['ftyp header', 10, /content hash/],
      ['media data', Math.floor(sealStart / 2), /content hash/],
      ['last media byte', sealStart - 1, /content hash/],
      ['seal payload (signature)', mp4.indexOf('"signature":"') + 20, /seal/],
      ['seal payload (export unit)', mp4.indexOf('"operator":"') + 13, /seal/],
      ['seal trailer', mp4.length - 3, /seal/],
    ];
    for (const [where, at, named] of cases) {
      const report = verifyMp4(flipped(mp4, at), name);
      const failed = report.checks.filter((c) => !c.ok).map((c) => c.name);
      expect(report.ok, where).toBe(false);
      expect(failed.join(' | '), where).toMatch(named);
      expect(failed.every((f) => f.startsWith(name)), where).toBe(true);
    }
    const altered = path.join(work, 'altered.mp4');
    fs.writeFileSync(altered, flipped(mp4, Math.floor(sealStart / 2)));
    const lines: string[] = [];
    expect(await main(['export', 'verify', altered], (l) => lines.push(l), (l) => lines.push(l))).toBe(1);
    expect(lines.join('\n')).toMatch(/FAIL altered\.mp4: content hash/);
  });

  it('one flipped byte in the manifest is detected and named', () => {
    const json = fs.readFileSync(path.join(work, 'out', 'manifest.json'));
    const sig = fs.readFileSync(path.join(work, 'out', 'manifest.json.sig'));
    const at = json.indexOf('"recipient"') + 15;
    const report = verifyManifest(flipped(json, at), sig, null);
    expect(report.ok).toBe(false);
    expect(report.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['manifest.json: signature']);
    expect(verifyManifest(json, flipped(sig, 10), null).checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['manifest.json: signature']);
  });

  it('one flipped byte anywhere in the ZIP is detected (entry data, headers, central directory, its own signature)', async () => {
    // Every local header field of the first entry, 100 positions spread over the whole file, and the last 1 KB
    // (central directory, end record, the signature in the comment).
    const spread = Array.from({ length: 100 }, (_, i) => Math.floor((i * zip.length) / 100));
    const tail = Array.from({ length: 1024 }, (_, i) => zip.length - 1 - i).filter((i) => i % 7 === 0);
    const positions = [...Array.from({ length: 30 }, (_, i) => i), ...spread, ...tail];
    for (const at of positions) {
      const report = await verifyPackage(flipped(zip, at), password);
      expect(report.ok, `byte ${at} of ${zip.length}`).toBe(false);
      expect(report.checks.some((c) => !c.ok && c.name.length > 0), `byte ${at}`).toBe(true);
    }
    const wrong = await verifyPackage(zip, 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA');
    expect(wrong.ok).toBe(false);
    expect(wrong.checks.find((c) => !c.ok)?.detail).toMatch(/password/);
  });

  it('deletes packages past their lifetime from the server, logged with the hash; the record stays', async () => {
    const service = t.toezicht.exports;
    expect(await service.expire(new Date())).toBe(0);
    const file = path.join(t.toezicht.config.dataDir, 'exports', `${created.export.id}.zip`);
    expect(fs.existsSync(file)).toBe(true);
    expect(await service.expire(new Date(Date.now() + 15 * 86_400_000))).toBe(1);
    expect(fs.existsSync(file)).toBe(false);
    expect((await service.get(created.export.id)).packageDeletedAt).toBeTruthy();
    const [entry] = await t.database.db.selectFrom('logbook_entries').selectAll().where('action', '=', 'export.package_deleted').execute();
    expect(JSON.parse(entry!.subject)).toMatchObject({ exportId: created.export.id, packageSha256: created.export.packageSha256, downloaded: true });
  });

  it('refuses an export for a request that was not allowed', async () => {
    const actor = { id: 'u-wijk', name: 'wijkbeheerder-user', role: 'wijkbeheerder' } as const;
    const open = await t.toezicht.cases.requests.file({
      kind: 'police', channel: 'letter', requester: { category: 'police', name: 'Agent B', contact: null, organisation: null },
      details: { window: { location: 'Hal', from: iso(anchorMs), to: iso(anchorMs + 4000) }, officer: 'B', legalBasis: 'art. 126nd Sv' },
    } as never, actor as never);
    const res = await wijk.post('/api/exports', { requestId: open.id, windows: [{ cameraId: 'cam-a', from: iso(anchorMs), to: iso(anchorMs + 4000) }] });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { code: string }).code).toBe('export_not_allowed');
  });
  it('refuses footage under a restriction of processing ("do not use" hold, AVG-18) until the restriction is released', async () => {
    const by = { id: null, name: 'test', role: null };
    const hold = await t.toezicht.recording.holds.create(
      { cameraIds: ['cam-b'], from: iso(anchorMs), to: iso(anchorMs + 4000), reason: 'Beperking verwerking', kind: 'restriction', caseRef: 'AV-2026-RESTR2' },
      by,
    );
    const res = await wijk.post('/api/exports', { requestId, windows: [{ cameraId: 'cam-b', from: iso(anchorMs), to: iso(anchorMs + 8_000) }] });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'footage_restricted', rule: 'AVG-18' });
    await t.toezicht.recording.holds.release(hold.id, 'Beperking opgeheven', by);
    const after = await wijk.post('/api/exports', { requestId, windows: [{ cameraId: 'cam-b', from: iso(anchorMs), to: iso(anchorMs + 8_000) }] });
    expect(after.status).toBe(202);
  });
});
