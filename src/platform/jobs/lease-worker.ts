import crypto from 'node:crypto';

/** Why a job's signal fired: cancelled here, no longer this worker's (cancelled elsewhere, taken over), or the worker stops. */
export type AbortWhy = 'cancelled' | 'lost' | 'stopping';

/** A job this worker holds the lease of, as the feature's run function gets it. */
export interface LeasedJob {
  id: string;
  owner: string;
  /** How often the job has been claimed, this time included (1 on the first run). */
  attempts: number;
  /** Aborted when the job must stop; `why()` says why. The run function writes no result after that. */
  signal: AbortSignal;
  why(): AbortWhy | null;
  /** Renews the lease now (as the worker does every third of the lease); false, and the signal aborted as lost, when the job is no longer this worker's. */
  renew(): Promise<boolean>;
}

/**
 * What a worker needs of a table of leased jobs (the feature's repository provides it): every
 * claim and renewal is a conditional update on the job's lease (owner, until), so two workers never
 * run one job. Times are ISO text in real time.
 */
export interface JobLeasePort {
  /** The table's name (for the log). */
  readonly table: string;
  /** Jobs a worker may take now (waiting, or running without a live lease), oldest first; attempts so far. */
  claimable(now: string): Promise<{ id: string; attempts: number }[]>;
  /** Takes the job if it is still claimable (attempts + 1); returns whether this call did. */
  claim(id: string, owner: string, now: string, leaseUntil: string): Promise<boolean>;
  /** Renews the lease; false when the job is no longer this owner's. */
  renew(id: string, owner: string, leaseUntil: string): Promise<boolean>;
  /** Hands a job back (its worker stops) so that any worker may claim it at once. */
  release(id: string, owner: string): Promise<boolean>;
}

/** A lease taken before the job's row exists: the process that accepts a job runs it when it is idle. */
export interface Reservation {
  owner: string;
  leaseUntil: string;
  /** Runs the job whose row was inserted with this lease (state running, attempts 1). */
  run(id: string): void;
  /** The row was not inserted: gives the slot back. */
  cancel(): void;
}

export interface LeaseWorkerOptions {
  /** What the jobs are called in the log ('export', 'redaction'): "<name> jobs: polling failed". */
  name: string;
  leases: JobLeasePort;
  run(job: LeasedJob): Promise<void>;
  /** How long a lease lasts without renewal (a dead worker's job is taken over after it). */
  leaseMs: number;
  pollMs?: number;
  /** This worker's name in the leases (unique per process and worker). */
  owner?: string;
  log?: { info(o: object, msg: string): void; error(o: object, msg: string): void };
}

/**
 * One worker for one kind of leased job (export jobs, redaction analyses, renders): one job at a
 * time (the machine has two cores). It polls for claimable jobs (queued, or running without a live
 * lease), claims one with a conditional update, renews the lease every third of the lease while the
 * job runs, and aborts the job when a renewal finds it is no longer its own (cancelled by another
 * process, or taken over after this one stalled). Stopping aborts the running job and hands it back
 * (`release`), so another worker or the next start takes it at once. A crashed process simply stops
 * renewing; its job is taken over when the lease runs out. Leases use real time, not the domain clock.
 */
export class LeaseWorker {
  readonly owner: string;
  private busy = false;
  private again = false;
  private stopping = false;
  private timer: NodeJS.Timeout | null = null;
  private draining: Promise<void> | null = null;
  private current: { id: string; abort: AbortController; why: AbortWhy | null; done: Promise<void> } | null = null;

  constructor(private readonly o: LeaseWorkerOptions) {
    this.owner = o.owner ?? `${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  }

  /** Polls every pollMs (and at once). */
  start(): void {
    this.stopping = false;
    if (!this.timer) {
      this.timer = setInterval(() => this.poke(), this.o.pollMs ?? 1_000);
      this.timer.unref();
    }
    this.poke();
  }

  /** Stops polling, aborts the running job and hands it back to the queue. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const current = this.current;
    if (current) {
      current.why ??= 'stopping';
      current.abort.abort();
      await current.done;
    }
    await this.draining?.catch(() => undefined);
  }

  /** Looks for a job now (also what the timer does). */
  poke(): void {
    if (this.stopping) return;
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = true;
    this.track(this.drain());
  }

  /** A lease for a job about to be inserted, when this worker is idle; null when it is busy (insert the job unclaimed). */
  reserve(): Reservation | null {
    if (this.busy || this.stopping) return null;
    this.busy = true;
    let used = false;
    return {
      owner: this.owner,
      leaseUntil: new Date(Date.now() + this.o.leaseMs).toISOString(),
      run: (id) => {
        if (used) return;
        used = true;
        this.track(this.execute(id, 1).then(() => this.drain()));
      },
      cancel: () => {
        if (used) return;
        used = true;
        this.busy = false;
        this.poke();
      },
    };
  }

  /** Aborts the job if this worker runs it (a cancel in this process: at once, not at the next renewal). */
  abort(id: string, why: AbortWhy = 'cancelled'): Promise<void> {
    const current = this.current;
    if (current?.id !== id) return Promise.resolve();
    current.why ??= why;
    current.abort.abort();
    return current.done;
  }

  runs(id: string): boolean {
    return this.current?.id === id;
  }

  private track(work: Promise<void>): void {
    this.draining = work
      .catch((err: unknown) => this.o.log?.error({ err, table: this.o.leases.table }, `${this.o.name} jobs: polling failed`))
      .finally(() => {
        this.busy = false;
        this.draining = null;
        if (this.again && !this.stopping) {
          this.again = false;
          this.poke();
        }
      });
  }

  private async drain(): Promise<void> {
    while (!this.stopping) {
      this.again = false;
      const now = new Date();
      let claimed: { id: string; attempts: number } | null = null;
      for (const row of await this.o.leases.claimable(now.toISOString())) {
        if (await this.o.leases.claim(row.id, this.owner, now.toISOString(), new Date(now.getTime() + this.o.leaseMs).toISOString())) {
          claimed = { id: row.id, attempts: row.attempts + 1 };
          break;
        }
      }
      if (!claimed) return;
      await this.execute(claimed.id, claimed.attempts);
    }
  }

  private async execute(id: string, attempts: number): Promise<void> {
    const abort = new AbortController();
    let finished!: () => void;
    const current = { id, abort, why: null as AbortWhy | null, done: new Promise<void>((resolve) => (finished = resolve)) };
    this.current = current;
    const renew = async () => {
      const ok = await this.o.leases.renew(id, this.owner, new Date(Date.now() + this.o.leaseMs).toISOString()).catch(() => true);
      if (!ok && !abort.signal.aborted) {
        current.why ??= 'lost';
        abort.abort();
      }
      return ok;
    };
    const heartbeat = setInterval(() => void renew(), Math.max(100, Math.floor(this.o.leaseMs / 3)));
    try {
      if (this.stopping) {
        current.why = 'stopping';
        abort.abort();
      } else {
        await this.o.run({ id, owner: this.owner, attempts, signal: abort.signal, why: () => current.why, renew });
      }
    } catch (err) {
      this.o.log?.error({ err, jobId: id, table: this.o.leases.table }, `${this.o.name} job ended with an error`);
    } finally {
      clearInterval(heartbeat);
      if (current.why === 'stopping') await this.o.leases.release(id, this.owner).catch(() => false);
      if (current.why === 'lost') this.o.log?.info({ jobId: id, table: this.o.leases.table }, `${this.o.name} job given up: cancelled or taken over`);
      this.current = null;
      finished();
    }
  }
}
