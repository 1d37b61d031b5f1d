/**
 * One timer for the polls of every camera (the supervisor's heartbeat and segment-list look): with
 * 32 cameras the process wakes once per poll instead of 32 times, each wake-up a context switch and
 * a trip through the event loop (bench/RESULTS.md, Recorder). A member that throws is reported and
 * does not keep the others from running.
 */
export class SharedTicker {
  private readonly members = new Set<() => void>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly intervalMs: number,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {}

  add(member: () => void): void {
    this.members.add(member);
    this.timer ??= setInterval(() => this.tick(), this.intervalMs);
  }

  remove(member: () => void): void {
    this.members.delete(member);
    if (!this.members.size && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  get size(): number {
    return this.members.size;
  }

  private tick(): void {
    for (const member of [...this.members]) {
      try {
        member();
      } catch (err) {
        this.onError(err);
      }
    }
  }
}
