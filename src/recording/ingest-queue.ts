import type { Logger } from '../platform/logger.js';
import { backoffDelay } from './restart-policy.js';

/**
 * Runs ingest work: in order per camera (a segment is placed after the camera's previous one),
 * at most `concurrency` tasks at a time overall (to spare the cores ffmpeg needs). A failing task
 * (a store that is down, a full disk) is retried with backoff and holds up only its own camera;
 * on stop, what is left stays in the spool for the next start.
 */
export class IngestQueue {
  private readonly chains = new Map<string, Promise<void>>();
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private stopped = false;

  constructor(
    private readonly logger: Logger,
    private readonly concurrency = 2,
    private readonly retry = { initialDelayMs: 1_000, factor: 2, maxDelayMs: 60_000 },
  ) {}

  /** Queues a task behind the camera's earlier ones; the promise settles when it has run (or the queue stopped). */
  enqueue(cameraId: string, label: string, task: () => Promise<void>): Promise<void> {
    const previous = this.chains.get(cameraId) ?? Promise.resolve();
    const next = previous.then(() => this.runWithRetry(cameraId, label, task));
    this.chains.set(cameraId, next);
    void next.finally(() => {
      if (this.chains.get(cameraId) === next) this.chains.delete(cameraId);
    });
    return next;
  }

  /** Resolves when every queued task has run. */
  async idle(): Promise<void> {
    while (this.chains.size) await Promise.all([...this.chains.values()]);
  }

  /** Stops retrying; tasks that have not started yet are skipped. */
  stop(): void {
    this.stopped = true;
    for (const wake of [...this.sleepers]) wake();
  }

  private readonly sleepers = new Set<() => void>();

  get pending(): number {
    return this.chains.size;
  }

  private async runWithRetry(cameraId: string, label: string, task: () => Promise<void>): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt++) {
      await this.acquire();
      let failed: unknown = null;
      try {
        if (this.stopped) return;
        await task();
        return;
      } catch (err) {
        failed = err;
      } finally {
        this.release();
      }
      const delay = backoffDelay(attempt, this.retry);
      this.logger.error({ err: failed, cameraId, task: label, attempt, retryInMs: delay }, 'ingest failed; will retry');
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.sleepers.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, delay);
        this.sleepers.add(wake);
      });
    }
  }

  private async acquire(): Promise<void> {
    while (this.running >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
  }

  private release(): void {
    this.running--;
    this.waiting.shift()?.();
  }
}
