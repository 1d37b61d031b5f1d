import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Toezicht } from '../../src/bin/app.js';
import { systemClock } from '../../src/platform/clock.js';
import { createLogger } from '../../src/platform/logger.js';
import { createRedaction, type Redaction } from '../../src/redaction/redaction.module.js';
import { dialects, type TestDatabase } from '../support/databases.js';
import { jobActor, openJobsInstance, waitFor, type JobsInstance } from './jobs.support.js';

/**
 * Redaction analyses are durable, leased jobs (src/redaction/jobs/): two Toezicht instances on one
 * database. The one running an analysis is killed with SIGKILL mid-job (a real second process): the
 * other takes the job over once the dead one's lease has run out and finishes it exactly once. While
 * an instance is alive and renewing its lease, the other never takes its job; a cancel made through
 * the other instance stops it. On SQLite and PostgreSQL.
 */
describe.each(dialects)('redaction analysis jobs across instances (%s)', (dialect) => {
  let database: TestDatabase;
  let dataDir = '';
  let app: Toezicht;
  let requestId = '';
  let jobs: JobsInstance | undefined;
  const anchorMs = Math.floor(Date.now() / 1000) * 1000 - 120_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  const actor = jobActor;
  /** Long enough (16 s at 25 fps, 640 px) to be seen running for a few lease renewals on a loaded machine. */
  const slow = () => ({ requestId, cameraId: 'cam-hal', from: iso(anchorMs), to: iso(anchorMs + 16_000), settings: { fps: 25, width: 640, detectors: ['motion'] } });
  const row = (id: string) => app.database.db.withTables<{ redaction_analyses: { lease_owner: string | null; lease_until: string | null } }>()
    .selectFrom('redaction_analyses').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const entries = async (action: string, id: string) => (await app.database.db.selectFrom('logbook_entries').select('subject').where('action', '=', action).execute()).filter((e) => e.subject.includes(id));

  beforeAll(async () => {
    // This instance takes no job until a test says so.
    jobs = await openJobsInstance(dialect, { prefix: 'toezicht-redaction-jobs-', profile: 'domijn', anchorMs, seconds: 16, idle: (a) => a.redaction.analysis.stop() });
    ({ database, dataDir, app } = jobs);
    requestId = (await app.cases.requests.file({
      kind: 'access', channel: 'letter', requester: { category: 'data_subject', name: 'A. Bewoner', contact: 'a@example.test' },
      details: { window: { location: 'Hal', from: iso(anchorMs), to: iso(anchorMs + 16_000) } },
    } as never, actor as never)).id;
  }, 120_000);

  afterAll(async () => {
    await jobs?.close();
  });

  it('killed with SIGKILL mid-analysis: the other instance takes it over when the lease ends and finishes it exactly once', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'analysis-worker.child.ts'), database.file ?? database.url!, dataDir, '2'], { stdio: ['ignore', 'pipe', 'pipe'] });
    jobs!.children.push(child);
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (c: Buffer) => c.toString().includes('ready') && resolve());
      child.once('exit', () => reject(new Error(`worker process exited: ${stderr}`)));
    });
    // Accepted here (this instance's worker is stopped): queued, for any worker; the other process claims it.
    const started = await app.redaction.analysis.start(slow(), actor);
    expect(started.state).toBe('queued');
    await waitFor('the other process to run the analysis partway', async () => {
      if (child.exitCode !== null) throw new Error(`worker process exited: ${stderr}`);
      const r = await row(started.id);
      return r.state === 'running' && Number(r.progress) > 0;
    });
    const before = await row(started.id);
    expect(before.lease_owner).toMatch(/-analysis$|^\d+-[0-9a-f]{8}$/);
    expect(before.attempts).toBe(1);
    expect(Number(before.progress)).toBeLessThan(1);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    // The dead process's lease is honoured until it runs out: only then does this instance take the job.
    await app.redaction.analysis.resume();
    const mine = app.redaction.analysis.worker.owner;
    let lastLeaseUntil = before.lease_until!;
    let takenAt = 0;
    await waitFor('this instance to take the job over', async () => {
      const r = await row(started.id);
      if (r.lease_owner === before.lease_owner && r.lease_until) lastLeaseUntil = r.lease_until;
      if (r.lease_owner === mine || r.state !== 'running') takenAt ||= Date.now();
      return takenAt > 0;
    }, 30_000);
    expect(takenAt).toBeGreaterThanOrEqual(Date.parse(lastLeaseUntil));

    const done = await app.redaction.analysis.whenFinished(started.id, 120_000);
    expect(done.state, done.error ?? '').toBe('done');
    expect(done.attempts).toBe(2);
    expect(done.progress).toBe(1);
    const after = await row(started.id);
    expect(after.lease_owner).toBeNull();
    // Exactly once: one finish in the logboek (by the second attempt), one set of tracks.
    const finished = await entries('redaction.analysis_finished', started.id);
    expect(finished).toHaveLength(1);
    expect(JSON.parse(finished[0]!.subject)).toMatchObject({ analysisId: started.id, attempts: 2 });
    expect(await entries('redaction.analysis_failed', started.id)).toEqual([]);
    const tracks = await app.redaction.analysis.tracks(started.id);
    expect(tracks.filter((tr) => tr.kind === 'person').length).toBeGreaterThanOrEqual(2);
    expect(new Set(tracks.map((tr) => tr.id)).size).toBe(tracks.length);
    expect(done.trackCount ?? tracks.length).toBe(tracks.length);
    await app.redaction.analysis.stop();
  }, 240_000);

  it('two live instances: the running one keeps its job (lease renewed); a cancel through the other stops it', async () => {
    const { toezicht } = { toezicht: app };
    let second: Redaction | null = null;
    try {
      second = createRedaction({
        db: toezicht.database.db, config: toezicht.config, logbook: toezicht.logbook, clock: systemClock, logger: createLogger('silent'),
        recording: toezicht.recording, requests: toezicht.cases.requests, jobs: { leaseMs: 1_000, pollMs: 100, owner: 'second' },
      });
      await second.analysis.resume();
      await app.redaction.analysis.resume();
      // Accepted by the idle first instance: claimed in the same transaction and run there.
      // BlazeFace on every frame (≈ 25 ms each, 400 frames) keeps it running well past the 2.5 s watched below, even on an idle machine.
      const started = await app.redaction.analysis.start({ ...slow(), settings: { fps: 25, width: 640, detectors: ['motion', 'blazeface'] } }, actor);
      expect(started.state).toBe('running');
      const owner = app.redaction.analysis.worker.owner;
      expect((await row(started.id)).lease_owner).toBe(owner);
      await waitFor('the analysis to run partway', async () => Number((await row(started.id)).progress) > 0);
      // Several lease periods of the second instance's polling (every 100 ms): it never takes a job whose lease is renewed.
      const until = Date.now() + 2_500;
      while (Date.now() < until) {
        const r = await row(started.id);
        if (r.state !== 'running') break;
        expect(r.lease_owner).toBe(owner);
        expect(r.attempts).toBe(1);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(second.analysis.worker.runs(started.id)).toBe(false);
      const r = await row(started.id);
      expect(r.state, 'the analysis ran to its end before it could be cancelled: make it longer').toBe('running');

      const cancelled = await second.analysis.cancel(started.id, actor);
      expect(cancelled.state).toBe('cancelled');
      // The first instance notices at its next renewal (a third of its 2 s lease) and stops its ffmpeg.
      await waitFor('the first instance to stop the job', async () => !app.redaction.analysis.worker.runs(started.id), 5_000);
      const end = await row(started.id);
      expect(end.state).toBe('cancelled');
      expect(await entries('redaction.analysis_cancelled', started.id)).toHaveLength(1);
      expect(await entries('redaction.analysis_finished', started.id)).toEqual([]);
      expect(await app.database.db.selectFrom('redaction_tracks').select('track_id').where('analysis_id', '=', started.id).execute()).toEqual([]);
    } finally {
      await second?.stop();
      await app.redaction.analysis.stop();
    }
  }, 120_000);
});
