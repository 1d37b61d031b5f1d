import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDerivedExport, type DerivedExportInput } from '../../src/exports/derived-export.js';
import type { Manifest } from '../../src/exports/manifest.js';
import { verifyPackage } from '../../src/exports/verify.js';
import { childEnv } from '../../src/recording/ffmpeg-args.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { ffmpegPath } from '../recording/media.js';

/**
 * The derived-export entry point (issue 8, for the redaction feature): an already-rendered MP4
 * (here a 2 s lavfi clip standing in for a redacted derivative) is packaged through the same path
 * as ordinary exports — sealed, in the signed manifest with its `derivation`, AES-256 ZIP,
 * password once, logboek entry — and verifies; 7-Zip opens it and ffprobe reads the clip.
 */
const ffprobe = (createRequire(import.meta.url)('@ffprobe-installer/ffprobe') as { path: string }).path;
const actor = { id: 'u-wijk', name: 'wijkbeheerder-user', role: 'wijkbeheerder' } as const;

describe('derived export (redacted derivative)', () => {
  let t: TestApp;
  let work: string;
  let mp4: string;
  let requestId: string;
  const from = new Date(Math.floor(Date.now() / 1000) * 1000 - 600_000).toISOString();
  const to = new Date(Date.parse(from) + 2_000).toISOString();
  const input = (over: Partial<DerivedExportInput> = {}): DerivedExportInput => ({
    requestId, file: mp4,
    derivation: { kind: 'redaction', originals: [{ cameraId: 'cam-r', from, to, sha256: 'a'.repeat(64) }], settings: { blur: 'box', strength: 12, faces: true }, operator: 'redactie-user' },
    ...over,
  });

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-derived-'));
    mp4 = path.join(work, 'redacted.mp4');
    const made = spawnSync(ffmpegPath(), ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=10:duration=2', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', mp4], { env: childEnv() });
    expect(made.status, String(made.stderr)).toBe(0);
    const request = await t.toezicht.cases.requests.file({
      kind: 'police', channel: 'letter', requester: { category: 'police', name: 'Agent K', contact: null, organisation: 'Politie' },
      details: { window: { location: 'Hal', from, to }, officer: 'K', legalBasis: 'art. 126nd Sv' },
    } as never, actor as never);
    requestId = request.id;
    await t.toezicht.cases.requests.step(requestId, { type: 'decide', decision: 'allow', outcome: 'digital_medium' as never, reasons: 'Vordering rechtsgeldig.' }, actor as never);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('packages the rendered MP4 as a sealed, encrypted, verifiable export with its derivation in the manifest and the logboek', async () => {
    const before = fs.readFileSync(mp4);
    const phases: string[] = [];
    const created = await createDerivedExport(t.toezicht.exports, input(), actor, (p) => phases.push(p.phase));
    expect(phases.at(-1)).toBe('done');
    expect(created.password).toMatch(/^([A-Z2-9]{4}-){5}[A-Z2-9]{4}$/);
    expect(fs.readFileSync(mp4).equals(before)).toBe(true); // the caller's file is left as it was
    const zipFile = path.join(t.toezicht.config.dataDir, 'exports', `${created.export.id}.zip`);
    const zip = fs.readFileSync(zipFile);
    expect(crypto.createHash('sha256').update(zip).digest('hex')).toBe(created.export.packageSha256);
    const report = await verifyPackage(zip, created.password);
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(report.ok).toBe(true);
    expect((await verifyPackage(zip, 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA')).ok).toBe(false);

    const out = path.join(work, 'out');
    const x = spawnSync('7z', ['x', '-y', `-p${created.password}`, `-o${out}`, zipFile], { encoding: 'utf8' });
    expect(x.status, x.stdout + x.stderr).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.derivation).toEqual({ kind: 'redaction', originals: [{ cameraId: 'cam-r', from, to, sha256: 'a'.repeat(64) }], settings: { blur: 'box', strength: 12, faces: true }, operator: 'redactie-user' });
    expect(manifest.clips).toHaveLength(1);
    const clip = path.join(out, manifest.clips[0]!.file);
    // The sealed file is the rendered MP4 byte for byte, followed by the seal box.
    expect(fs.readFileSync(clip).subarray(0, before.length).equals(before)).toBe(true);
    const probe = spawnSync(ffprobe, ['-v', 'error', '-show_entries', 'stream=codec_name:format=duration', '-of', 'json', clip], { encoding: 'utf8' });
    expect(probe.status, probe.stderr).toBe(0);
    expect(JSON.parse(probe.stdout)).toMatchObject({ streams: [{ codec_name: 'h264' }] });
    expect(fs.readFileSync(path.join(out, 'LEESMIJ.txt'), 'utf8')).toMatch(/bewerkte kopie/);

    const entries = await t.database.db.selectFrom('logbook_entries').selectAll().where('action', '=', 'export.created').execute();
    expect(entries).toHaveLength(1);
    const subject = JSON.parse(entries[0]!.subject) as Record<string, unknown>;
    expect(subject).toMatchObject({ exportId: created.export.id, packageSha256: created.export.packageSha256, derivation: { kind: 'redaction', operator: 'redactie-user', originals: [{ cameraId: 'cam-r' }] } });
    expect((subject.derivation as { settingsSha256: string }).settingsSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(entries)).not.toContain(created.password);

    // The ordinary download endpoint hands it out once (logged).
    const wijk = await t.loginAs('wijkbeheerder');
    const res = await wijk.get(`/api/exports/${created.export.id}/download`);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(zip)).toBe(true);
  });

  it('onCommit: the caller\'s writes commit in the export\'s own transaction; if it throws, the export is rolled back and its package removed', async () => {
    const db = t.toezicht.database.db;
    const created = async () => (await db.selectFrom('logbook_entries').select('subject').where('action', '=', 'export.created').execute()).length;
    const exportsDir = path.join(t.toezicht.config.dataDir, 'exports');
    let seen: { exportId: string; rowVisible: boolean } | null = null;
    const done = await createDerivedExport(t.toezicht.exports, input({
      onCommit: async (trx, exportId) => {
        seen = { exportId, rowVisible: (await trx.selectFrom('exports').select('id').where('id', '=', exportId).executeTakeFirst()) !== undefined };
        await t.toezicht.logbook.append(trx, { actor: { id: null, name: 'system', role: null }, action: 'test.derived_committed', subject: { exportId } });
      },
    }), actor);
    expect(seen).toEqual({ exportId: done.export.id, rowVisible: true });
    const committed = (await db.selectFrom('logbook_entries').select('subject').where('action', '=', 'test.derived_committed').execute()).map((e) => JSON.parse(e.subject) as { exportId: string });
    expect(committed).toEqual([{ exportId: done.export.id }]);

    const rowsBefore = (await db.selectFrom('exports').select('id').execute()).length;
    const entriesBefore = await created();
    const filesBefore = fs.readdirSync(exportsDir).sort();
    let failedId = '';
    await expect(createDerivedExport(t.toezicht.exports, input({
      onCommit: async (_trx, exportId) => {
        failedId = exportId;
        throw new Error('the job is no longer this worker\'s');
      },
    }), actor)).rejects.toThrow(/no longer this worker/);
    expect(failedId).not.toBe('');
    expect(await db.selectFrom('exports').select('id').where('id', '=', failedId).executeTakeFirst()).toBeUndefined();
    expect((await db.selectFrom('exports').select('id').execute()).length).toBe(rowsBefore);
    expect(await created()).toBe(entriesBefore);
    expect(fs.readdirSync(exportsDir).sort()).toEqual(filesBefore);
  });

  it('validates its input with clear messages and leaves nothing behind', async () => {
    const notMp4 = path.join(work, 'not.mp4');
    fs.writeFileSync(notMp4, 'this is not a video at all');
    const cases: [Partial<DerivedExportInput>, RegExp][] = [
      [{ file: notMp4 }, /not an MP4/],
      [{ file: 'relative.mp4' }, /absolute path/],
      [{ file: path.join(work, 'missing.mp4') }, /absolute path/],
      [{ derivation: { kind: 'blur' as never, originals: [{ cameraId: 'cam-r', from, to }], settings: {}, operator: 'x' } }, /kind/],
      [{ derivation: { kind: 'redaction', originals: [], settings: {}, operator: 'x' } }, /at least one camera/],
      [{ derivation: { kind: 'redaction', originals: [{ cameraId: 'cam r', from, to }], settings: {}, operator: 'x' } }, /camera id/],
      [{ derivation: { kind: 'redaction', originals: [{ cameraId: 'cam-r', from: to, to: from }], settings: {}, operator: 'x' } }, /ends after it starts/],
      [{ derivation: { kind: 'redaction', originals: [{ cameraId: 'cam-r', from, to, sha256: 'xyz' }], settings: {}, operator: 'x' } }, /sha256/],
      [{ derivation: { kind: 'redaction', originals: [{ cameraId: 'cam-r', from, to }], settings: {}, operator: ' ' } }, /operator/],
    ];
    const exportsBefore = fs.readdirSync(path.join(t.toezicht.config.dataDir, 'exports'));
    for (const [over, message] of cases) {
      await expect(createDerivedExport(t.toezicht.exports, input(over), actor), JSON.stringify(over)).rejects.toThrow(message);
    }
    expect(fs.readdirSync(path.join(t.toezicht.config.dataDir, 'exports'))).toEqual(exportsBefore);

    const open = await t.toezicht.cases.requests.file({
      kind: 'police', channel: 'letter', requester: { category: 'police', name: 'Agent L', contact: null, organisation: null },
      details: { window: { location: 'Hal', from, to }, officer: 'L', legalBasis: 'art. 126nd Sv' },
    } as never, actor as never);
    await expect(createDerivedExport(t.toezicht.exports, input({ requestId: open.id }), actor)).rejects.toMatchObject({ code: 'export_not_allowed' });
  });
});
