/**
 * What the player actually showed, as contiguous stretches of footage time (pure; reported to
 * POST /api/viewing/sessions/{id}/ranges). A seek or a pause closes the stretch (final) and the
 * next position opens a new one, so the server can tell "watched 21:00–21:02, then 21:04–21:05".
 */
export interface WatchedRange {
  cameraId: string;
  key: string;
  from: string;
  to: string;
  final?: boolean;
}

export class RangeTracker {
  private current: { key: string; from: number; to: number } | null = null;
  private counter = 0;

  constructor(
    readonly cameraId: string,
    private readonly prefix: string = Math.random().toString(36).slice(2, 10),
  ) {}

  /** The player shows footage instant `at` (ms): extends the open stretch, or opens one. */
  observe(at: number): void {
    if (!Number.isFinite(at)) return;
    if (!this.current) this.current = { key: `${this.prefix}-${++this.counter}`, from: at, to: at };
    else if (at >= this.current.to && at - this.current.to < 30_000) this.current.to = at;
    else if (at < this.current.from || at - this.current.to >= 30_000) {
      // A jump the player did not announce as a seek: treat it as one.
      this.current = { key: `${this.prefix}-${++this.counter}`, from: at, to: at };
    }
  }

  /** The open stretch to report now (not final), if any footage was shown. */
  pending(): WatchedRange | null {
    return this.current && this.current.to > this.current.from ? this.toRange(this.current, false) : null;
  }

  /** Closes the open stretch (seek, pause, end) and returns it for a final report. */
  close(): WatchedRange | null {
    const closed = this.current;
    this.current = null;
    return closed ? this.toRange(closed, true) : null;
  }

  private toRange(r: { key: string; from: number; to: number }, final: boolean): WatchedRange {
    return { cameraId: this.cameraId, key: r.key, from: new Date(r.from).toISOString(), to: new Date(r.to).toISOString(), ...(final ? { final } : {}) };
  }
}
