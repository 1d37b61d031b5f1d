import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToezicht, type Toezicht } from '../../src/bin/app.js';
import { ExportJobRepository } from '../../src/exports/export-job.repository.js';
import { openPassword, sealPassword } from '../../src/exports/export-jobs.js';
import { verifyPackage } from '../../src/exports/verify.js';
import { loadConfig } from '../../src/platform/config.js';
import { openSqliteFile } from '../../src/platform/db/database.js';
import { createLogger } from '../../src/platform/logger.js';
import { createTestDatabase, dialects, type TestDatabase } from '../support/databases.js';
import { testOnvifDiscovery } from '../support/network.js';
import { ingestCopies } from './support.js';

/**
 * Durable export jobs (issue 8 item 6): one worker per job (conditional claims, leases), and a job
 * survives its process — killed with SIGKILL mid-job (another process takes it over when the lease
 * ends) or closed mid-job (handed back, run again by the next start) — and completes exactly once.
 */
const row = (id: string, now: string) => ({
  id, case_ref: 'Z-1', request_id: crypto.randomUUID(), input: '{}', actor: '{"id":null,"name":"t","role":null}', password_sealed: null,
  state: 'queued' as const, phase: 'queued', progress: 0, error: null, attempts: 0, lease_owner: null, lease_until: null, created_at: now, updated_at: now, finished_at: null,
});

describe.each(dialects)('export job claims and leases on %s', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(() => database?.drop());

  it('two workers racing for the same jobs: each job is claimed exactly once', async () => {
    const a = new ExportJobRepository(database.db);
    const b = new ExportJobRepository(database.db);
    const now = new Date().toISOString();
    const lease = new Date(Date.now() + 30_000).toISOString();
    const ids = Array.from({ length: 20 }, () => crypto.randomUUID());
    for (const id of ids) await a.insert(row(id, now));
    const results = await Promise.all(ids.flatMap((id) => [a.claim(id, 'worker-a', now, lease), b.claim(id, 'worker-b', now, lease)]));
    for (let i = 0; i < ids.length; i++) expect([results[2 * i], results[2 * i + 1]].filter(Boolean)).toHaveLength(1);
    for (const id of ids) expect((await a.get(id))?.attempts).toBe(1);
    // A running job under a live lease is not claimable again.
    expect(await a.claim(ids[0]!, 'worker-c', now, lease)).toBe(false);
    expect((await a.claimable(now)).map((r) => r.id)).not.toContain(ids[0]);
  });

  it('a lease that ran out lets another worker take over; the old worker then can neither renew nor finish', async () => {
    const jobs = new ExportJobRepository(database.db);
    const id = crypto.randomUUID();
    const t0 = Date.now();
    await jobs.insert(row(id, new Date(t0).toISOString()));
    expect(await jobs.claim(id, 'old', new Date(t0).toISOString(), new Date(t0 + 1_000).toISOString())).toBe(true);
    expect(await jobs.claim(id, 'new', new Date(t0 + 500).toISOString(), new Date(t0 + 10_000).toISOString())).toBe(false);
    expect(await jobs.claim(id, 'new', new Date(t0 + 2_000).toISOString(), new Date(t0 + 10_000).toISOString())).toBe(true);
    expect(await jobs.heartbeat(id, 'old', { phase: 'assembling', progress: 0.5 }, new Date(t0 + 2_100).toISOString(), new Date(t0 + 3_000).toISOString())).toBe(false);
    expect(await jobs.finish(id, 'old', { state: 'done', phase: 'done', progress: 1, error: null }, new Date(t0 + 2_200).toISOString())).toBe(false);
    expect(await jobs.heartbeat(id, 'new', { phase: 'assembling', progress: 0.5 }, new Date(t0 + 2_100).toISOString(), new Date(t0 + 12_000).toISOString())).toBe(true);
    expect(await jobs.finish(id, 'new', { state: 'done', phase: 'done', progress: 1, error: null }, new Date(t0 + 2_200).toISOString())).toBe(true);
    expect(await jobs.get(id)).toMatchObject({ state: 'done', attempts: 2, lease_owner: null, password_sealed: null });
  });
});

describe('the job password at rest', () => {
  it('is sealed to its job (AES-256-GCM) and opens only with the same key and job id', () => {
    const key = crypto.randomBytes(32);
    const sealed = sealPassword(key, 'job-1', 'ABCD-EFGH');
    expect(sealed).not.toContain('ABCD');
    expect(openPassword(key, 'job-1', sealed)).toBe('ABCD-EFGH');
    expect(() => openPassword(key, 'job-2', sealed)).toThrow();
    expect(() => openPassword(crypto.randomBytes(32), 'job-1', sealed)).toThrow();
  });
});

describe('an export job survives its process', () => {
  let database: TestDatabase;
  let dataDir: string;
  let app: Toezicht;
  let requestId = '';
  const actor = { id: 'u-wijk', name: 'wijkbeheerder-user', role: 'wijkbeheerder' } as const;
  const anchorMs = Math.floor(Date.now() / 1000) * 1000 - 3_600_000;
  const window = { cameraId: 'cam-j', from: new Date(anchorMs).toISOString(), to: new Date(anchorMs + 400_000).toISOString() };
  const children: ChildProcess[] = [];
  const boot = async (db = database) => {
    const config = loadConfig({}, { dataDir, logLevel: 'silent', profile: 'domijn', onvifDiscovery: testOnvifDiscovery, exportJobLeaseSeconds: 2 });
    return createToezicht({ config, database: db, logger: createLogger('silent') });
  };
  const jobRow = (id: string) => app.database.db.selectFrom('export_jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const waitFor = async (what: string, test: () => Promise<boolean>, timeoutMs = 60_000) => {
    const until = Date.now() + timeoutMs;
    while (!(await test())) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const checkCompletedOnce = async (jobId: string, password: string) => {
    const job = await jobRow(jobId);
    expect(job).toMatchObject({ state: 'done', progress: 1, password_sealed: null, lease_owner: null });
    expect(await app.database.db.selectFrom('exports').select('id').where('id', '=', jobId).execute()).toHaveLength(1);
    const created = (await app.database.db.selectFrom('logbook_entries').selectAll().where('action', '=', 'export.created').execute()).filter((e) => e.subject.includes(jobId));
    expect(created).toHaveLength(1);
    const dir = path.join(dataDir, 'exports');
    expect(fs.readdirSync(dir).filter((f) => f.includes(jobId))).toEqual([`${jobId}.zip`]); // no .part left of the abandoned attempt
    const report = await verifyPackage(fs.readFileSync(path.join(dir, `${jobId}.zip`)), password);
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    return job;
  };

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-jobs-'));
    app = await boot();
    await app.exports.jobs.stop(); // this process does not take jobs until a test says so
    // 100 × 4 s of noisy 1080p at 12 Mbit/s (≈ 600 MB): an export that takes a few seconds (at ≈ 200 MB/s, bench/export), long
    // enough for the heartbeats (every third of the 2 s lease) to see it running and to notice a cancel.
    await ingestCopies(app, 'cam-j', { anchorMs, count: 100, segmentSeconds: 4, mbps: 12 });
    const request = await app.cases.requests.file({
      kind: 'police', channel: 'letter', requester: { category: 'police', name: 'Agent J', contact: null, organisation: 'Politie' },
      details: { window: { location: 'Hal', from: window.from, to: window.to }, officer: 'J', legalBasis: 'art. 126nd Sv' },
    } as never, actor as never);
    requestId = request.id;
    await app.cases.requests.step(requestId, { type: 'decide', decision: 'allow', outcome: 'digital_medium' as never, reasons: 'Vordering rechtsgeldig.' }, actor as never);
  }, 180_000);
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await app?.close();
    // The first handle was closed with the first app; drop() then only has the file to remove.
    await database?.drop().catch(() => fs.rmSync(path.dirname(database.file!), { recursive: true, force: true }));
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('killed with SIGKILL mid-job: another process takes the job over when the lease ends and completes it once', async () => {
    const { job, password } = await app.exports.jobs.enqueue({ requestId, windows: [window] }, actor);
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'job-worker.child.ts'), database.file!, dataDir, '2'], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    await waitFor('the other process to run the job halfway', async () => {
      if (child.exitCode !== null) throw new Error(`worker process exited: ${stderr}`);
      const r = await jobRow(job.id);
      return r.state === 'running' && Number(r.progress) > 0;
    });
    const before = await jobRow(job.id);
    expect(before.lease_owner).not.toBeNull();
    expect(Number(before.progress)).toBeLessThan(1);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const killedAt = Date.now();

    app.exports.jobs.start();
    await waitFor('the job to complete here', async () => (await jobRow(job.id)).state === 'done', 120_000);
    const done = await checkCompletedOnce(job.id, password);
    expect(done.attempts).toBe(2);
    // Taken over only after the dead worker's lease ran out (2 s from its last heartbeat).
    expect(Date.parse(before.lease_until!)).toBeLessThanOrEqual(Date.parse(done.updated_at));
    expect(Date.now() - killedAt).toBeGreaterThan(0);
    await app.exports.jobs.stop();
  }, 240_000);

  it('closed mid-job: the job is handed back and the recreated app completes it', async () => {
    const { job, password } = await app.exports.jobs.enqueue({ requestId, windows: [window] }, actor);
    app.exports.jobs.start();
    await waitFor('the job to run halfway', async () => {
      const r = await jobRow(job.id);
      return r.state === 'running' && Number(r.progress) > 0;
    });
    await app.close(); // stops the worker (the job goes back to the queue) and closes the database
    const reopened = openSqliteFile(database.file!);
    const handedBack = await reopened.db.selectFrom('export_jobs').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow();
    expect(handedBack).toMatchObject({ state: 'queued', lease_owner: null, attempts: 1 });
    expect(handedBack.password_sealed).not.toBeNull();
    app = await boot({ ...database, ...reopened });
    await waitFor('the recreated app to complete the job', async () => (await jobRow(job.id)).state === 'done', 120_000);
    expect((await checkCompletedOnce(job.id, password)).attempts).toBe(2);
  }, 240_000);

  it('cancelled while running: the worker notices at its next heartbeat, stops, and leaves no partial package', async () => {
    app.exports.jobs.start();
    const { job } = await app.exports.jobs.enqueue({ requestId, windows: [window] }, actor);
    const dir = path.join(dataDir, 'exports');
    const partial = () => fs.readdirSync(dir).filter((f) => f.includes(job.id));
    await waitFor('the job to run halfway', async () => {
      const r = await jobRow(job.id);
      return r.state === 'running' && Number(r.progress) > 0 && partial().length === 1;
    });
    expect(partial()[0]).toMatch(/^\..*\.part$/);
    await app.exports.jobs.cancel(job.id, actor);
    await waitFor('the worker to give the job up and remove its partial package', async () => partial().length === 0, 30_000);
    await app.exports.jobs.stop();
    expect(await jobRow(job.id)).toMatchObject({ state: 'cancelled', password_sealed: null, lease_owner: null });
    expect(await app.database.db.selectFrom('exports').select('id').where('id', '=', job.id).execute()).toEqual([]);
    expect((await app.database.db.selectFrom('logbook_entries').selectAll().where('action', '=', 'export.created').execute()).filter((e) => e.subject.includes(job.id))).toEqual([]);
  }, 120_000);

  it('cancels a queued job (logged, password wiped); a finished job cannot be cancelled', async () => {
    await app.exports.jobs.stop();
    const { job } = await app.exports.jobs.enqueue({ requestId, windows: [window] }, actor);
    const cancelled = await app.exports.jobs.cancel(job.id, actor);
    expect(cancelled).toMatchObject({ state: 'cancelled', exportId: null });
    expect((await jobRow(job.id)).password_sealed).toBeNull();
    const [entry] = (await app.database.db.selectFrom('logbook_entries').selectAll().where('action', '=', 'export.cancelled').execute()).filter((e) => e.subject.includes(job.id));
    expect(entry).toBeTruthy();
    await expect(app.exports.jobs.cancel(job.id, actor)).rejects.toMatchObject({ code: 'export_job_finished' });
  });

  it('refuses to queue what cannot be exported, before anything runs', async () => {
    await expect(app.exports.jobs.enqueue({ requestId, windows: [{ ...window, cameraId: 'cam-none' }] }, actor)).rejects.toMatchObject({ code: 'export_no_footage' });
    await expect(app.exports.jobs.enqueue({ requestId, windows: [{ ...window, to: window.from }] }, actor)).rejects.toMatchObject({ code: 'export_windows' });
  });
});
