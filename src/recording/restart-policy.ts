/**
 * When to restart a camera's ffmpeg after it exited or stalled (pure; convention 9).
 *
 * Failed runs back off exponentially; a run that delivered footage for `healthyAfterMs` counts as
 * recovered and clears the history. After `limit` failed runs within `windowMs` the camera is
 * marked failed (an alert) and retried only after `cooldownMs`, so a dead or mis-configured camera
 * costs one attempt per cool-down instead of a tight loop, and never blocks the others.
 */
export interface RestartPolicy {
  initialDelayMs: number;
  factor: number;
  maxDelayMs: number;
  /** Failed runs within the window that mark the camera failed. */
  limit: number;
  windowMs: number;
  cooldownMs: number;
  /** A run that recorded at least this long was healthy: the failure history starts again. */
  healthyAfterMs: number;
}

export const defaultRestartPolicy: RestartPolicy = {
  initialDelayMs: 1_000,
  factor: 2,
  maxDelayMs: 30_000,
  limit: 10,
  windowMs: 10 * 60_000,
  cooldownMs: 5 * 60_000,
  healthyAfterMs: 60_000,
};

/** Start times (ms) of the recent failed runs. */
export type RestartHistory = readonly number[];

export interface RunOutcome {
  startedAt: number;
  endedAt: number;
  /** Milliseconds of footage the run delivered (0: it never got a picture). */
  recordedMs: number;
}

export interface RestartDecision {
  history: RestartHistory;
  delayMs: number;
  /** True when the restart limit was reached: the camera is failed until the cool-down ends. */
  gaveUp: boolean;
}

export function afterRun(history: RestartHistory, run: RunOutcome, policy: RestartPolicy): RestartDecision {
  if (run.recordedMs >= policy.healthyAfterMs) return { history: [], delayMs: policy.initialDelayMs, gaveUp: false };
  const recent = [...history.filter((at) => at > run.endedAt - policy.windowMs), run.startedAt];
  if (recent.length >= policy.limit) return { history: [], delayMs: policy.cooldownMs, gaveUp: true };
  return { history: recent, delayMs: backoffDelay(recent.length, policy), gaveUp: false };
}

/** The delay before the n-th consecutive retry (n ≥ 1). */
export function backoffDelay(failures: number, policy: Pick<RestartPolicy, 'initialDelayMs' | 'factor' | 'maxDelayMs'>): number {
  if (failures <= 0) return 0;
  return Math.min(policy.maxDelayMs, Math.round(policy.initialDelayMs * policy.factor ** (failures - 1)));
}
