import { describe, expect, it } from 'vitest';
import { afterRun, backoffDelay, type RestartPolicy } from './restart-policy.js';

const policy: RestartPolicy = { initialDelayMs: 1000, factor: 2, maxDelayMs: 8000, limit: 4, windowMs: 60_000, cooldownMs: 300_000, healthyAfterMs: 30_000 };

describe('backoffDelay', () => {
  it.each([
    [0, 0], [1, 1000], [2, 2000], [3, 4000], [4, 8000], [5, 8000], [20, 8000],
  ])('after %i failures: %i ms', (failures, delay) => {
    expect(backoffDelay(failures, policy)).toBe(delay);
  });
});

describe('afterRun: backoff and the restart limit', () => {
  const failed = (startedAt: number) => ({ startedAt, endedAt: startedAt + 500, recordedMs: 0 });
  it.each([
    { name: 'first failure: retry after 1 s', history: [], run: failed(10_000), expect: { history: [10_000], delayMs: 1000, gaveUp: false } },
    { name: 'third failure: 4 s', history: [1_000, 3_000], run: failed(7_000), expect: { history: [1_000, 3_000, 7_000], delayMs: 4000, gaveUp: false } },
    { name: 'fourth failure within the window: failed, cool-down', history: [1_000, 3_000, 7_000], run: failed(15_000), expect: { history: [], delayMs: 300_000, gaveUp: true } },
    { name: 'old failures fall out of the window', history: [1_000, 3_000, 7_000], run: failed(90_000), expect: { history: [90_000], delayMs: 1000, gaveUp: false } },
    { name: 'a healthy run clears the history', history: [1_000, 3_000, 7_000], run: { startedAt: 10_000, endedAt: 50_000, recordedMs: 40_000 }, expect: { history: [], delayMs: 1000, gaveUp: false } },
    { name: 'a short run with footage still counts as a failure', history: [], run: { startedAt: 0, endedAt: 5_000, recordedMs: 4_000 }, expect: { history: [0], delayMs: 1000, gaveUp: false } },
  ])('$name', ({ history, run, expect: expected }) => {
    expect(afterRun(history, run, policy)).toEqual(expected);
  });
});
