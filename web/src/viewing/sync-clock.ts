/**
 * Synchronised playback of several cameras (issue 6 item 2), pure: one shared footage clock, and
 * per player the mapping between its media time and footage (wall-clock) time from the playlist's
 * EXT-X-PROGRAM-DATE-TIME, and how to bring a player that drifted back onto the clock.
 */
export interface PlaylistFragment {
  /** Media time where the fragment starts in the player (s). */
  startS: number;
  durationS: number;
  /** The footage instant of its first frame (ms since the epoch). */
  dateMs: number;
}

/** The player's media time that shows footage instant `footageMs`, or null where its playlist has none (a gap, or outside it). */
export function mediaTimeAt(fragments: readonly PlaylistFragment[], footageMs: number): number | null {
  for (const f of fragments) {
    if (footageMs >= f.dateMs && footageMs < f.dateMs + f.durationS * 1000) return f.startS + (footageMs - f.dateMs) / 1000;
  }
  return null;
}

/** The footage instant the player shows at media time `mediaS`, or null outside its fragments. */
export function footageAt(fragments: readonly PlaylistFragment[], mediaS: number): number | null {
  for (const f of fragments) {
    if (mediaS >= f.startS && mediaS < f.startS + f.durationS) return f.dateMs + (mediaS - f.startS) * 1000;
  }
  return null;
}

/** Beyond this a player is moved (seek); below it, it is nudged by its playback rate. */
export const seekThresholdS = 0.25;

/** How a player at `actualS` follows the clock at `desiredS`: a seek, or a slightly faster or slower rate. */
export function follow(actualS: number, desiredS: number, rate: number): { seekTo: number | null; playbackRate: number } {
  const behind = desiredS - actualS;
  if (Math.abs(behind) > seekThresholdS) return { seekTo: desiredS, playbackRate: rate };
  return { seekTo: null, playbackRate: rate * (1 + Math.max(-0.1, Math.min(0.1, behind))) };
}

/**
 * The shared footage clock: runs at `rate` while every player that has footage at the current
 * instant is ready, and holds (so all wait for the slowest) otherwise; a seek sets it.
 */
export class SharedClock {
  private baseFootageMs: number;
  private baseWallMs: number;
  private running = false;
  rate = 1;

  constructor(
    footageMs: number,
    private readonly now: () => number,
  ) {
    this.baseFootageMs = footageMs;
    this.baseWallMs = now();
  }

  footage(): number {
    return this.running ? this.baseFootageMs + (this.now() - this.baseWallMs) * this.rate : this.baseFootageMs;
  }

  get isRunning(): boolean {
    return this.running;
  }

  run(): void {
    if (this.running) return;
    this.baseWallMs = this.now();
    this.running = true;
  }

  hold(): void {
    if (!this.running) return;
    this.baseFootageMs = this.footage();
    this.running = false;
  }

  seek(footageMs: number): void {
    this.baseFootageMs = footageMs;
    this.baseWallMs = this.now();
  }

  setRate(rate: number): void {
    this.baseFootageMs = this.footage();
    this.baseWallMs = this.now();
    this.rate = rate;
  }
}
