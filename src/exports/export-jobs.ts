import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Logbook } from '../logbook/logbook.service.js';
import type { Clock } from '../platform/clock.js';
import type { Schema } from '../platform/db/schema.js';
import { DomainError, conflict, notFound } from '../platform/errors.js';
import { LeaseWorker, type JobLeasePort, type LeasedJob } from '../platform/jobs/lease-worker.js';
import type { Logger } from '../platform/logger.js';
import type { ExportJobRepository } from './export-job.repository.js';
import type { ExportJobRow } from './export.table.js';
import type { CreateExportInput, ExportActor, ExportProgress, ExportService } from './export.service.js';
import { generatePackagePassword } from './password.js';

/** An export job as the API shows it (never the password). */
export interface ExportJob {
  id: string;
  caseRef: string;
  requestId: string;
  state: ExportJobRow['state'];
  phase: string;
  progress: number;
  error: string | null;
  attempts: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  finishedAt: string | null;
  /** The export this job made (same id), once done. */
  exportId: string | null;
}

export function toExportJob(row: ExportJobRow): ExportJob {
  return {
    id: row.id, caseRef: row.case_ref, requestId: row.request_id, state: row.state, phase: row.phase, progress: Number(row.progress), error: row.error,
    attempts: Number(row.attempts), createdAt: row.created_at, createdBy: (JSON.parse(row.actor) as ExportActor).name, updatedAt: row.updated_at,
    finishedAt: row.finished_at, exportId: row.state === 'done' ? row.id : null,
  };
}

/**
 * The job key seals a queued job's password at rest (AES-256-GCM, bound to the job id) so that a
 * worker started after a crash builds the package with the password the operator was shown. It is
 * made on first use in <dataDir>/keys/export-jobs.key (0600); the sealed password is wiped when
 * the job ends.
 */
export function loadOrCreateJobKey(dataDir: string): Buffer {
  const file = path.join(dataDir, 'keys', 'export-jobs.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      fs.writeFileSync(file, crypto.randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`${file} must hold 32 bytes, base64`);
  return key;
}

export function sealPassword(key: Buffer, jobId: string, password: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(`export-job:${jobId}`));
  const body = Buffer.concat([cipher.update(password, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export function openPassword(key: Buffer, jobId: string, sealed: string): string {
  const raw = Buffer.from(sealed, 'base64');
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(`export-job:${jobId}`));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

class JobAborted extends Error {}

export interface ExportJobsDeps {
  db: Kysely<Schema>;
  jobs: ExportJobRepository;
  exports: ExportService;
  logbook: Logbook;
  clock: Clock;
  logger: Logger;
  jobKey: () => Buffer;
  /** How long a lease lasts without a heartbeat (a crashed worker's job is taken over after it). */
  leaseMs: number;
  pollMs?: number;
  /** This worker's name in the lease (unique per process). */
  owner?: string;
}

/**
 * Durable export jobs (issue 8 item 6). POST /api/exports queues a job (validated first, so bad
 * input is a 4xx at once) and returns the password once; a worker in every API process (the
 * platform's LeaseWorker) polls for queued jobs and for running jobs whose lease ran out (their
 * worker died), claims one with a conditional update (the only way in: never two workers on one
 * job), renews the lease with its progress every third of the lease, and gives the job up when a
 * renewal finds it is no longer its own (cancelled, or taken over after a stall). A retried job
 * first checks whether its export was committed already (a crash between commit and "done"),
 * otherwise builds it again from the start under a new temporary file (the old attempt's file is
 * removed). Stopping hands a running job back to the queue (`queued`). Leases use the real time,
 * not the domain clock.
 */
export class ExportJobs {
  private readonly worker: LeaseWorker;
  /** The phase and progress of the running job, recorded with each lease renewal. */
  private readonly latest = new Map<string, ExportProgress | { phase: string; progress: number }>();

  constructor(private readonly d: ExportJobsDeps) {
    this.worker = new LeaseWorker({
      name: 'export', leases: this.leases(), run: (job) => this.run(job), leaseMs: d.leaseMs, pollMs: d.pollMs, owner: d.owner, log: d.logger,
    });
  }

  /** Validates and queues an export; the password is in this answer only. */
  async enqueue(input: CreateExportInput, by: ExportActor): Promise<{ job: ExportJob; password: string }> {
    const { password: _ignored, ...clean } = input;
    const { caseRef } = await this.d.exports.check(clean);
    const id = crypto.randomUUID();
    const password = generatePackagePassword();
    const now = new Date().toISOString();
    await this.d.jobs.insert({
      id, case_ref: caseRef, request_id: clean.requestId, input: JSON.stringify(clean), actor: JSON.stringify(by), password_sealed: sealPassword(this.d.jobKey(), id, password),
      state: 'queued', phase: 'queued', progress: 0, error: null, attempts: 0, lease_owner: null, lease_until: null, created_at: now, updated_at: now, finished_at: null,
    });
    this.poke();
    return { job: toExportJob((await this.d.jobs.get(id))!), password };
  }

  async get(id: string): Promise<ExportJob> {
    const row = await this.d.jobs.get(id);
    if (!row) throw notFound('export_job_not_found', `No export job ${id}`);
    return toExportJob(row);
  }

  async forCase(caseRef: string): Promise<ExportJob[]> {
    return (await this.d.jobs.forCase(caseRef)).map(toExportJob);
  }

  /** Cancels a queued or running job (logged); a finished one is a conflict. */
  async cancel(id: string, by: ExportActor): Promise<ExportJob> {
    const row = await this.d.jobs.get(id);
    if (!row) throw notFound('export_job_not_found', `No export job ${id}`);
    if (!(await this.d.jobs.cancel(id, new Date().toISOString()))) throw conflict('export_job_finished', `The job has ended already (${row.state})`);
    await this.d.logbook.append(this.d.db, { actor: by, action: 'export.cancelled', caseRef: row.case_ref, subject: { jobId: id, requestId: row.request_id, state: row.state, progress: Number(row.progress) } });
    return this.get(id);
  }

  start(): void {
    this.worker.start();
  }

  /** Stops polling; a job in progress is abandoned and handed back to the queue (another worker, or the next start, runs it). */
  async stop(): Promise<void> {
    await this.worker.stop();
  }

  /** Runs due jobs now, one after another, until none is left (also what the timer calls). */
  poke(): void {
    this.worker.poke();
  }

  /** The export_jobs table as the worker leases it: a renewal records the job's progress; a job handed back is queued again. */
  private leases(): JobLeasePort {
    const jobs = this.d.jobs;
    return {
      table: 'export_jobs',
      claimable: async (now) => (await jobs.claimable(now)).map((row) => ({ id: row.id, attempts: Number(row.attempts) })),
      claim: (id, owner, now, leaseUntil) => jobs.claim(id, owner, now, leaseUntil),
      renew: (id, owner, leaseUntil) => jobs.heartbeat(id, owner, this.latest.get(id) ?? { phase: 'starting', progress: 0 }, new Date().toISOString(), leaseUntil),
      release: (id, owner) => jobs.finish(id, owner, { state: 'queued', phase: 'queued', progress: 0, error: null }, new Date().toISOString()),
    };
  }

  private async run(job: LeasedJob): Promise<void> {
    const row = await this.d.jobs.get(job.id);
    if (!row) return;
    this.latest.set(row.id, { phase: 'starting', progress: 0 });
    const end = (state: 'done' | 'failed', phase: string, progress: number, error: string | null) =>
      this.d.jobs.finish(row.id, job.owner, { state, phase, progress, error }, new Date().toISOString());
    try {
      if (!(await job.renew())) return;
      if (await this.d.exports.exists(row.id)) {
        // A previous attempt committed the export and died before marking the job done.
        await end('done', 'done', 1, null);
        return;
      }
      if (!row.password_sealed) throw new Error('the job has no password (it ended before)');
      const password = openPassword(this.d.jobKey(), row.id, row.password_sealed);
      const input = JSON.parse(row.input) as CreateExportInput;
      const by = JSON.parse(row.actor) as ExportActor;
      await this.d.exports.create({ ...input, password }, by, {
        id: row.id,
        attempt: Number(row.attempts),
        onProgress: (p) => {
          if (job.signal.aborted) throw new JobAborted(job.why() === 'lost' ? 'the job is no longer this worker\'s' : 'the worker is stopping');
          this.latest.set(row.id, p);
        },
      });
      this.latest.set(row.id, { phase: 'done', progress: 1 });
      if (!(await end('done', 'done', 1, null))) this.d.logger.warn({ jobId: row.id }, 'export job finished after its lease was lost');
    } catch (err) {
      // Lost (cancelled, taken over): the worker logs it. Stopping: the worker hands the job back to the queue.
      if (job.why() === 'lost' || (job.why() === 'stopping' && err instanceof JobAborted)) return;
      const message = err instanceof DomainError ? err.message : 'the export failed (see the server log)';
      this.d.logger.error({ err, jobId: row.id }, 'export job failed');
      if (await end('failed', 'failed', this.latest.get(row.id)?.progress ?? 0, message)) {
        await this.d.logbook.append(this.d.db, {
          actor: { id: null, name: 'system', role: null }, action: 'export.failed', caseRef: row.case_ref, reason: message,
          subject: { jobId: row.id, requestId: row.request_id, attempts: Number(row.attempts) },
        }).catch((e: unknown) => this.d.logger.error({ err: e }, 'export failure not logged'));
      }
    } finally {
      this.latest.delete(row.id);
    }
  }
}
