import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Logbook } from '../logbook/logbook.service.js';
import type { Clock } from '../platform/clock.js';
import type { Schema } from '../platform/db/schema.js';
import { DomainError, conflict, notFound } from '../platform/errors.js';
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
 * input is a 4xx at once) and returns the password once; a worker in every API process polls for
 * queued jobs and for running jobs whose lease ran out (their worker died), claims one with a
 * conditional update (the only way in: never two workers on one job), renews the lease with its
 * progress every third of the lease, and gives the job up when a heartbeat finds it is no longer
 * its own (cancelled, or taken over after a stall). A retried job first checks whether its export
 * was committed already (a crash between commit and "done"), otherwise builds it again from the
 * start under a new temporary file (the old attempt's file is removed). Leases use the real time,
 * not the domain clock.
 */
export class ExportJobs {
  private readonly owner: string;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopping = false;

  constructor(private readonly d: ExportJobsDeps) {
    this.owner = d.owner ?? `${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
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
    if (this.timer) return;
    this.stopping = false;
    this.timer = setInterval(() => this.poke(), this.d.pollMs ?? 1_000);
    this.timer.unref();
    this.poke();
  }

  /** Stops polling; a job in progress is abandoned and handed back to the queue (another worker, or the next start, runs it). */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Runs due jobs now, one after another, until none is left (also what the timer calls). */
  poke(): void {
    if (this.running || this.stopping) return;
    this.running = this.drain()
      .catch((err: unknown) => this.d.logger.error({ err }, 'export jobs: polling failed'))
      .finally(() => {
        this.running = null;
      });
  }

  private async drain(): Promise<void> {
    while (!this.stopping) {
      const now = new Date();
      let claimed: ExportJobRow | null = null;
      for (const row of await this.d.jobs.claimable(now.toISOString())) {
        if (await this.d.jobs.claim(row.id, this.owner, now.toISOString(), new Date(now.getTime() + this.d.leaseMs).toISOString())) {
          claimed = (await this.d.jobs.get(row.id))!;
          break;
        }
      }
      if (!claimed) return;
      await this.run(claimed);
    }
  }

  private async run(row: ExportJobRow): Promise<void> {
    let latest: ExportProgress | { phase: string; progress: number } = { phase: 'starting', progress: 0 };
    let lost = false;
    const beat = async () => {
      const now = Date.now();
      const ok = await this.d.jobs.heartbeat(row.id, this.owner, latest, new Date(now).toISOString(), new Date(now + this.d.leaseMs).toISOString()).catch(() => true);
      if (!ok) lost = true;
    };
    const heartbeat = setInterval(() => void beat(), Math.max(200, Math.floor(this.d.leaseMs / 3)));
    const end = (state: 'done' | 'failed' | 'queued', phase: string, progress: number, error: string | null) =>
      this.d.jobs.finish(row.id, this.owner, { state, phase, progress, error }, new Date().toISOString());
    try {
      await beat();
      if (lost) return;
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
          if (lost || this.stopping) throw new JobAborted(lost ? 'the job is no longer this worker\'s' : 'the worker is stopping');
          latest = p;
        },
      });
      latest = { phase: 'done', progress: 1 };
      if (!(await end('done', 'done', 1, null))) this.d.logger.warn({ jobId: row.id }, 'export job finished after its lease was lost');
    } catch (err) {
      if (lost) {
        this.d.logger.info({ jobId: row.id }, 'export job given up: cancelled or taken over');
      } else if (this.stopping && err instanceof JobAborted) {
        await end('queued', 'queued', 0, null);
      } else {
        const message = err instanceof DomainError ? err.message : 'the export failed (see the server log)';
        this.d.logger.error({ err, jobId: row.id }, 'export job failed');
        if (await end('failed', 'failed', latest.progress, message)) {
          await this.d.logbook.append(this.d.db, {
            actor: { id: null, name: 'system', role: null }, action: 'export.failed', caseRef: row.case_ref, reason: message,
            subject: { jobId: row.id, requestId: row.request_id, attempts: Number(row.attempts) },
          }).catch((e: unknown) => this.d.logger.error({ err: e }, 'export failure not logged'));
        }
      }
    } finally {
      clearInterval(heartbeat);
    }
  }
}
