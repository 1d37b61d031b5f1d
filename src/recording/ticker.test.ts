import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SharedTicker } from './ticker.js';

describe('SharedTicker: one timer for every camera poll', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs every member once per interval on one timer, and stops the timer when the last member leaves', () => {
    const ticker = new SharedTicker(1_000);
    const calls: string[] = [];
    const a = () => calls.push('a');
    const b = () => calls.push('b');
    ticker.add(a);
    ticker.add(b);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(2_000);
    expect(calls).toEqual(['a', 'b', 'a', 'b']);
    ticker.remove(a);
    vi.advanceTimersByTime(1_000);
    expect(calls).toEqual(['a', 'b', 'a', 'b', 'b']);
    ticker.remove(b);
    expect(vi.getTimerCount()).toBe(0);
    ticker.add(a);
    expect(vi.getTimerCount()).toBe(1);
    ticker.remove(a);
  });

  it('a member that throws is reported and the others still run', () => {
    const errors: unknown[] = [];
    const ticker = new SharedTicker(500, (err) => errors.push(err));
    let ran = 0;
    const bad = () => {
      throw new Error('boom');
    };
    const good = () => void ran++;
    ticker.add(bad);
    ticker.add(good);
    vi.advanceTimersByTime(1_000);
    expect(ran).toBe(2);
    expect(errors).toHaveLength(2);
    ticker.remove(bad);
    ticker.remove(good);
  });
});
