import { describe, expect, it } from 'vitest';
import { amsterdamInstant } from './amsterdam-time.js';
import { TokenBucketLimiter } from './rate-limit.js';

describe('public request page helpers', () => {
  it('reads Amsterdam wall-clock times in winter and summer', () => {
    expect(amsterdamInstant('2026-01-15', '21:00')).toBe('2026-01-15T20:00:00.000Z');
    expect(amsterdamInstant('2026-07-15', '21:05')).toBe('2026-07-15T19:05:00.000Z');
    expect(amsterdamInstant('2026-02-30', '21:00')).toBeNull();
    expect(amsterdamInstant('2026-01-15', '24:00')).toBeNull();
  });

  it('the token bucket allows a burst, then one per refill period, per key', () => {
    const limiter = new TokenBucketLimiter(3, 60_000);
    const t0 = 1_000_000;
    expect([1, 2, 3, 4].map(() => limiter.take('a', t0))).toEqual([true, true, true, false]);
    expect(limiter.take('b', t0)).toBe(true);
    expect(limiter.retryAfterSeconds('a', t0)).toBe(60);
    expect(limiter.take('a', t0 + 30_000)).toBe(false);
    expect(limiter.take('a', t0 + 61_000)).toBe(true);
    expect(limiter.take('a', t0 + 62_000)).toBe(false);
  });

  it('forgets the least recently used keys beyond its size', () => {
    const limiter = new TokenBucketLimiter(1, 60_000, 2);
    limiter.take('a', 0);
    limiter.take('b', 0);
    limiter.take('c', 0);
    expect(limiter.take('a', 0)).toBe(true); // 'a' was dropped: a fresh bucket
  });
});
