import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Toezicht } from '../../src/bin/app.js';
import { verifyPackage } from '../../src/exports/verify.js';
import { dialects, type TestDatabase } from '../support/databases.js';
import { jobActor, openJobsInstance, waitFor, type JobsInstance } from './jobs.support.js';

/**
 * Redaction renders are durable, leased jobs too: the package password shown when the render started
 * is kept sealed in the render's row until it ends, so the instance that takes over a render whose
 * process was killed (SIGKILL, a real second process) builds the package with that same password.
 * The render is delivered exactly once (one export, one finish in the logboek). SQLite and PostgreSQL.
 */
describe.each(dialects)('redaction render jobs across instances (%s)', (dialect) => {
  let database: TestDatabase;
  let dataDir = '';
  let app: Toezicht;
  let requestId = '';
  let analysisId = '';
  let jobs: JobsInstance | undefined;
  const seconds = 24;
  const anchorMs = Math.floor(Date.now() / 1000) * 1000 - 120_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  const actor = jobActor;
  const row = (id: string) => app.database.db.withTables<{ redaction_renders: { lease_owner: string | null; lease_until: string | null; attempts: number; password_sealed: string | null } }>()
    .selectFrom('redaction_renders').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  /** A render's temporary work folders (mode 0700, the redacted MP4 in progress) in the system's temporary folder. */
  const workFolders = (id: string) => fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith(`toezicht-redaction-${id}-`));
  const spawnWorker = async (script: string) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, script), database.file ?? database.url!, dataDir, '2', 'wooncompas'], { stdio: ['ignore', 'pipe', 'pipe'] });
    jobs!.children.push(child);
    const output = { stdout: '', stderr: '' };
    child.stdout!.on('data', (c: Buffer) => (output.stdout += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output.stderr += c.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', () => output.stdout.includes('ready') && resolve());
      child.once('exit', () => reject(new Error(`worker process exited: ${output.stderr}`)));
    });
    return { child, output };
  };

  beforeAll(async () => {
    // This instance renders nothing until the test says so.
    jobs = await openJobsInstance(dialect, { prefix: 'toezicht-render-jobs-', profile: 'wooncompas', anchorMs, seconds, idle: (a) => a.redaction.render.stop() });
    ({ database, dataDir, app } = jobs);
    const { requests } = app.cases;
    const window = { location: 'Hal', from: iso(anchorMs), to: iso(anchorMs + seconds * 1000), cameraIds: ['cam-hal'] };
    const request = await requests.file({ kind: 'access', channel: 'letter', requester: { category: 'data_subject', name: 'A. Bewoner', contact: 'a@example.test' }, details: { window } } as never, actor as never);
    await requests.step(request.id, { type: 'record_fact', fact: 'own_images_checked', note: 'Bewoner A herkend op de beelden' }, actor as never);
    await requests.step(request.id, { type: 'decide', decision: 'allow', outcome: 'digital_copy' as never, reasons: 'Kopie eigen beelden, anderen onherkenbaar.' }, actor as never);
    requestId = request.id;
    const analysis = await app.redaction.analysis.start({ requestId, cameraId: 'cam-hal', from: window.from, to: window.to, settings: { fps: 10, width: 320, detectors: ['motion'] } }, actor);
    expect((await app.redaction.analysis.whenFinished(analysis.id, 60_000)).state).toBe('done');
    analysisId = analysis.id;
  }, 180_000);

  afterAll(async () => {
    await jobs?.close();
  });

  it('killed with SIGKILL mid-render: the other instance renders it again and delivers it once, with the password shown at the start', async () => {
    const { child, output } = await spawnWorker('analysis-worker.child.ts');
    const { render, password } = await app.redaction.render.start(analysisId, actor);
    expect(render.state).toBe('running');
    const sealed = await row(render.id);
    expect(sealed.password_sealed).toBeTruthy();
    expect(sealed.password_sealed).not.toContain(password);
    await waitFor('the other process to render partway', async () => {
      if (child.exitCode !== null) throw new Error(`worker process exited: ${output.stderr}`);
      const r = await row(render.id);
      return r.lease_owner !== null && Number(r.progress) > 0;
    });
    const before = await row(render.id);
    expect(Number(before.progress)).toBeLessThan(0.9);
    expect(before.attempts).toBe(1);
    // The live render's work folder is never touched by another instance's clean-up.
    expect(workFolders(render.id)).toHaveLength(1);
    expect(await app.redaction.render.removeLeftoverWorkDirs()).toEqual([]);
    expect(workFolders(render.id)).toHaveLength(1);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    // The killed process left its work folder behind.
    expect(workFolders(render.id)).toHaveLength(1);

    await app.redaction.render.resume();
    const done = await app.redaction.render.whenFinished(render.id, 180_000);
    expect(done.state, done.error ?? '').toBe('done');
    const after = await row(render.id);
    expect(after).toMatchObject({ attempts: 2, lease_owner: null, password_sealed: null });
    // The dead attempt's folder is gone (removed when this instance started or took the render over), and the takeover's own.
    expect(workFolders(render.id)).toEqual([]);
    // Delivered once: one export for the request, one finish; the package opens with the password shown at the start.
    const exports = await app.database.db.selectFrom('exports').select('id').where('request_id', '=', requestId).execute();
    expect(exports.map((e) => e.id)).toEqual([done.exportId]);
    const finished = (await app.database.db.selectFrom('logbook_entries').select('subject').where('action', '=', 'redaction.render_finished').execute()).filter((e) => e.subject.includes(render.id));
    expect(finished).toHaveLength(1);
    const file = (await app.database.db.selectFrom('exports').select('package_file').where('id', '=', done.exportId!).executeTakeFirstOrThrow()).package_file;
    const zip = fs.readFileSync(path.join(dataDir, 'exports', file));
    const verified = await verifyPackage(zip, password);
    expect(verified.ok, JSON.stringify(verified.checks.filter((c) => !c.ok))).toBe(true);
    await app.redaction.render.stop();
  }, 300_000);

  it('killed right after its export committed: the render is delivered once (no second export) and its work folder is removed', async () => {
    const exportsOf = async () => (await app.database.db.selectFrom('exports').select('id').where('request_id', '=', requestId).execute()).map((e) => e.id);
    const earlier = await exportsOf();
    const { child, output } = await spawnWorker('render-crash.child.ts');
    const { render, password } = await app.redaction.render.start(analysisId, actor);
    // The other process renders it, creates the derived export and is killed the moment that export is committed.
    const exit = await new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    expect(exit, output.stderr).toBe('SIGKILL');
    const committed = /export committed (\S+)/.exec(output.stdout)?.[1];
    expect(committed, output.stdout).toBeTruthy();
    const leftover = workFolders(render.id);
    expect(leftover).toHaveLength(1);

    await app.redaction.render.resume();
    const done = await app.redaction.render.whenFinished(render.id, 180_000);
    expect(done.state, done.error ?? '').toBe('done');
    // Exactly one export for this render: the one committed before the kill.
    const created = (await exportsOf()).filter((id) => !earlier.includes(id));
    expect(created).toEqual([committed]);
    expect(done.exportId).toBe(committed);
    const entries = async (action: string) => (await app.database.db.selectFrom('logbook_entries').select('subject').where('action', '=', action).execute()).map((e) => JSON.parse(e.subject) as Record<string, unknown>);
    expect((await entries('export.created')).filter((s) => created.includes(s.exportId as string))).toHaveLength(1);
    const finished = (await entries('redaction.render_finished')).filter((s) => s.renderId === render.id);
    expect(finished).toHaveLength(1);
    expect(finished[0]).toMatchObject({ renderId: render.id, exportId: committed });
    expect(await row(render.id)).toMatchObject({ lease_owner: null, password_sealed: null });
    const file = (await app.database.db.selectFrom('exports').select('package_file').where('id', '=', committed!).executeTakeFirstOrThrow()).package_file;
    const verified = await verifyPackage(fs.readFileSync(path.join(dataDir, 'exports', file)), password);
    expect(verified.ok, JSON.stringify(verified.checks.filter((c) => !c.ok))).toBe(true);
    // The dead process's work folder (the redacted MP4 in the clear) is gone.
    expect(workFolders(render.id)).toEqual([]);
    for (const name of leftover) expect(fs.existsSync(path.join(os.tmpdir(), name))).toBe(false);
    await app.redaction.render.stop();
  }, 300_000);
});
