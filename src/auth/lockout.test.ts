import { describe, expect, it } from 'vitest';
import { isLocked, lockMinutes, lockedUntil } from './lockout.js';

describe('progressive lockout', () => {
  it.each([
    [0, 0], [4, 0], [5, 1], [6, 2], [7, 4], [8, 8], [10, 32], [11, 60], [40, 60],
  ])('%i consecutive failures lock for %i minutes', (failures, minutes) => {
    expect(lockMinutes(failures)).toBe(minutes);
  });

  it('computes and checks the lock end', () => {
    const now = new Date('2026-01-05T09:00:00Z');
    expect(lockedUntil(4, now)).toBeNull();
    expect(lockedUntil(6, now)?.toISOString()).toBe('2026-01-05T09:02:00.000Z');
    expect(isLocked('2026-01-05T09:02:00.000Z', now)).toBe(true);
    expect(isLocked('2026-01-05T08:59:59.000Z', now)).toBe(false);
    expect(isLocked(null, now)).toBe(false);
  });
});
