import { describe, expect, it } from 'vitest';
import { RangeTracker } from './ranges';

const t0 = Date.UTC(2026, 2, 3, 20, 0, 0);

describe('RangeTracker', () => {
  it('grows one stretch while playing, closes it on a seek and opens the next', () => {
    const r = new RangeTracker('cam-1', 'p');
    r.observe(t0);
    r.observe(t0 + 1000);
    r.observe(t0 + 2000);
    expect(r.pending()).toEqual({ cameraId: 'cam-1', key: 'p-1', from: new Date(t0).toISOString(), to: new Date(t0 + 2000).toISOString() });
    expect(r.close()).toMatchObject({ key: 'p-1', final: true });
    r.observe(t0 + 240_000);
    r.observe(t0 + 241_000);
    expect(r.pending()).toMatchObject({ key: 'p-2', from: new Date(t0 + 240_000).toISOString() });
  });
  it('treats an unannounced jump backwards or far ahead as a new stretch', () => {
    const r = new RangeTracker('cam-1', 'p');
    r.observe(t0 + 10_000);
    r.observe(t0 + 12_000);
    r.observe(t0);
    expect(r.pending()).toBeNull();
    r.observe(t0 + 500);
    expect(r.pending()).toMatchObject({ key: 'p-2' });
  });
  it('reports nothing before anything was shown', () => {
    expect(new RangeTracker('cam-1').pending()).toBeNull();
    expect(new RangeTracker('cam-1').close()).toBeNull();
  });
});
