import { describe, expect, it } from 'vitest';
import { clipTime, dragBox, manualBoxAt, nextManualId, trackBoxAt, withKeyframe } from './boxes';

const kb = (t: number, x: number) => ({ t, x, y: 0.1, w: 0.2, h: 0.3, score: 1, interpolated: false });

describe('review screen helpers', () => {
  it.each([
    { t: -1, x: null },
    { t: 0, x: 0.1 },
    { t: 500, x: 0.3 },
    { t: 1000, x: 0.5 },
    { t: 1001, x: null },
  ])('trackBoxAt($t) → x $x', ({ t, x }) => {
    expect(trackBoxAt({ boxes: [kb(0, 0.1), kb(1000, 0.5)] }, t)?.x ?? null).toEqual(x === null ? null : expect.closeTo(x, 9));
  });
  it.each([
    { t: 0, x: 0.2 },
    { t: 1500, x: 0.3 },
    { t: 9000, x: 0.4 },
  ])('manualBoxAt($t) holds before the first and after the last keyframe → x $x', ({ t, x }) => {
    expect(manualBoxAt({ keyframes: [{ t: 1000, x: 0.2, y: 0, w: 0.1, h: 0.1 }, { t: 2000, x: 0.4, y: 0, w: 0.1, h: 0.1 }] }, t)!.x).toBeCloseTo(x, 9);
  });
  it.each([
    { a: { x: 0.5, y: 0.5 }, b: { x: 0.2, y: 0.1 }, want: { x: 0.2, y: 0.1, w: 0.3, h: 0.4 } },
    { a: { x: -0.2, y: 0.5 }, b: { x: 0.2, y: 1.3 }, want: { x: 0, y: 0.5, w: 0.2, h: 0.5 } },
    { a: { x: 0.5, y: 0.5 }, b: { x: 0.505, y: 0.9 }, want: null },
  ])('dragBox $a → $b', ({ a, b, want }) => expect(dragBox(a, b)).toEqual(want));
  it('withKeyframe replaces the keyframe at the same instant and keeps time order', () => {
    const m = { id: 'm1', label: '', keyframes: [{ t: 2000, x: 0, y: 0, w: 0.1, h: 0.1 }] };
    const a = withKeyframe(m, 1000, { x: 0.5, y: 0, w: 0.1, h: 0.1 });
    expect(a.keyframes.map((k) => k.t)).toEqual([1000, 2000]);
    expect(withKeyframe(a, 2000, { x: 0.7, y: 0, w: 0.1, h: 0.1 }).keyframes.map((k) => k.x)).toEqual([0.5, 0.7]);
  });
  it('numbers manual boxes m1, m2, … reusing gaps', () => {
    expect(nextManualId([])).toBe('m1');
    expect(nextManualId([{ id: 'm1', label: '', keyframes: [] }, { id: 'm3', label: '', keyframes: [] }])).toBe('m2');
  });
  it.each([{ ms: 0, s: '0:00.0' }, { ms: 83_500, s: '1:23.5' }])('clipTime $ms', ({ ms, s }) => expect(clipTime(ms)).toBe(s));
});
