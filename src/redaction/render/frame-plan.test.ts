import { describe, expect, it } from 'vitest';
import type { RedactionSettings, Track, TrackBox } from '../track.js';
import { heldBoxAt, inwardRect, outwardRect, planFrame } from './frame-plan.js';

const box = (t: number, x: number, y: number, w: number, h: number): TrackBox => ({ t, x, y, w, h, score: 0.9, interpolated: false });
const person: Track = { id: 't1', kind: 'person', boxes: [box(0, 0.1, 0.1, 0.2, 0.4), box(1000, 0.5, 0.1, 0.2, 0.4)] };
const other: Track = { id: 't2', kind: 'person', boxes: [box(200, 0.6, 0.5, 0.1, 0.2), box(400, 0.6, 0.5, 0.1, 0.2)] };
const manual: Track = { id: 'm1', kind: 'manual', boxes: [box(0, 0, 0, 0.1, 0.1), box(1000, 0.9, 0.9, 0.1, 0.1)] };
const g = { width: 100, height: 50, frameMs: 40 };
const settings = (s: Partial<RedactionSettings>): RedactionSettings => ({ mode: 'keep-only', style: 'fill', keep: [], margin: 0, holdFrames: 0, ...s });

describe('heldBoxAt: the hold extends a track by whole frames before its first and after its last box', () => {
  it.each([
    { t: 199, hold: 0, present: false },
    { t: 160, hold: 40, present: true },
    { t: 159, hold: 40, present: false },
    { t: 300, hold: 0, present: true },
    { t: 480, hold: 80, present: true },
    { t: 481, hold: 80, present: false },
  ])('t=$t hold=$hold → present $present', ({ t, hold, present }) => {
    expect(heldBoxAt(other, t, hold) !== undefined).toBe(present);
  });
});

describe('pixel rectangles', () => {
  it.each([
    { b: { x: 0.1, y: 0.1, w: 0.2, h: 0.4 }, margin: 0, want: { x0: 10, y0: 5, x1: 30, y1: 25 } },
    { b: { x: 0.1, y: 0.1, w: 0.2, h: 0.4 }, margin: 0.25, want: { x0: 5, y0: 0, x1: 35, y1: 30 } },
    { b: { x: 0.105, y: 0.1, w: 0.2, h: 0.4 }, margin: 0, want: { x0: 10, y0: 5, x1: 31, y1: 25 } },
    { b: { x: 0.95, y: 0.95, w: 0.2, h: 0.2 }, margin: 0, want: { x0: 95, y0: 47, x1: 100, y1: 50 } },
  ])('outward $b margin $margin', ({ b, margin, want }) => {
    expect(outwardRect(b, margin, 100, 50)).toEqual(want);
  });
  it.each([
    { b: { x: 0.105, y: 0.1, w: 0.2, h: 0.4 }, want: { x0: 11, y0: 5, x1: 30, y1: 25 } },
    { b: { x: 0.101, y: 0.101, w: 0.001, h: 0.001 }, want: null },
  ])('inward $b', ({ b, want }) => {
    expect(inwardRect(b, 100, 50)).toEqual(want);
  });
});

describe('planFrame', () => {
  it.each([
    {
      name: 'keep-only keeps the kept track (interpolated, inward) and redacts the rest of the frame',
      s: settings({ keep: ['t1'] }), t: 500, tracks: [person, other],
      want: { redactAll: true, keep: [{ x0: 30, y0: 5, x1: 50, y1: 25 }], redact: [] },
    },
    {
      name: 'keep-only without kept tracks redacts the whole frame',
      s: settings({}), t: 500, tracks: [person, other], want: { redactAll: true, keep: [], redact: [] },
    },
    {
      name: 'keep-only gives a kept track no hold: absent before its first box',
      s: settings({ keep: ['t2'], holdFrames: 5 }), t: 100, tracks: [other], want: { redactAll: true, keep: [], redact: [] },
    },
    {
      name: 'manual boxes are redacted in keep-only mode too, even a kept id',
      s: settings({ keep: ['t1', 'm1'] }), t: 0, tracks: [person, manual],
      want: { redactAll: true, keep: [{ x0: 10, y0: 5, x1: 30, y1: 25 }], redact: [{ x0: 0, y0: 0, x1: 10, y1: 5 }] },
    },
    {
      name: 'redact-detected redacts the tracks that are not kept, with margin',
      s: settings({ mode: 'redact-detected', keep: ['t1'], margin: 0.1 }), t: 300, tracks: [person, other],
      want: { redactAll: false, keep: [], redact: [{ x0: 59, y0: 24, x1: 71, y1: 36 }] },
    },
    {
      name: 'redact-detected holds a track after its last box',
      s: settings({ mode: 'redact-detected', holdFrames: 3 }), t: 520, tracks: [other],
      want: { redactAll: false, keep: [], redact: [{ x0: 60, y0: 25, x1: 70, y1: 35 }] },
    },
    {
      name: 'redact-detected: past the hold nothing is redacted',
      s: settings({ mode: 'redact-detected', holdFrames: 3 }), t: 521, tracks: [other], want: { redactAll: false, keep: [], redact: [] },
    },
  ])('$name', ({ s, t, tracks, want }) => {
    expect(planFrame(tracks, s, t, g)).toEqual(want);
  });
});
