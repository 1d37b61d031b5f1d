import { describe, expect, it } from 'vitest';
import { boxAt } from '../track.js';
import { choicesProblem, defaultChoices, manualTrack, renderTracks, type ReviewChoices } from './review.js';

const tracks = [{ id: 't1', kind: 'person' as const }, { id: 't2', kind: 'face' as const }];
const base = defaultChoices('access');
const withSettings = (s: Partial<ReviewChoices['settings']>, manual: ReviewChoices['manual'] = []): ReviewChoices => ({ settings: { ...base.settings, ...s }, manual });
const kf = (t: number, x = 0.1) => ({ t, x, y: 0.1, w: 0.2, h: 0.2 });

describe('review defaults', () => {
  it.each([
    { kind: 'access', mode: 'keep-only' },
    { kind: 'third-party', mode: 'redact-detected' },
    { kind: 'police', mode: 'redact-detected' },
  ])('$kind → $mode', ({ kind, mode }) => expect(defaultChoices(kind).settings.mode).toBe(mode));
});

describe('choicesProblem', () => {
  it.each([
    { name: 'defaults', c: base, want: null },
    { name: 'keeping a detected track', c: withSettings({ keep: ['t1'] }), want: null },
    { name: 'an unknown kept track', c: withSettings({ keep: ['t9'] }), want: /not found.*t9/ },
    { name: 'a track kept twice', c: withSettings({ keep: ['t1', 't1'] }), want: /twice/ },
    { name: 'a bad mode', c: withSettings({ mode: 'blur' as never }), want: /mode/ },
    { name: 'a bad style', c: withSettings({ style: 'blur' as never }), want: /style/ },
    { name: 'a negative margin', c: withSettings({ margin: -0.1 }), want: /margin/ },
    { name: 'a fractional hold', c: withSettings({ holdFrames: 1.5 }), want: /holdFrames/ },
    { name: 'a manual box with two keyframes', c: withSettings({}, [{ id: 'm1', label: 'raam', keyframes: [kf(0), kf(1000)] }]), want: null },
    { name: 'a manual box without keyframes', c: withSettings({}, [{ id: 'm1', label: '', keyframes: [] }]), want: /keyframes/ },
    { name: 'keyframes out of order', c: withSettings({}, [{ id: 'm1', label: '', keyframes: [kf(1000), kf(0)] }]), want: /time order/ },
    { name: 'a keyframe after the clip', c: withSettings({}, [{ id: 'm1', label: '', keyframes: [kf(5000)] }]), want: /outside the clip/ },
    { name: 'a box leaving the frame', c: withSettings({}, [{ id: 'm1', label: '', keyframes: [kf(0, 0.9)] }]), want: /inside the frame/ },
    { name: 'a bad manual id', c: withSettings({}, [{ id: 'x1', label: '', keyframes: [kf(0)] }]), want: /ids/ },
    { name: 'a duplicate manual id', c: withSettings({}, [{ id: 'm1', label: '', keyframes: [kf(0)] }, { id: 'm1', label: '', keyframes: [kf(0)] }]), want: /twice/ },
  ])('$name', ({ c, want }) => {
    const problem = choicesProblem(c, tracks, 4000);
    if (want === null) expect(problem).toBeNull();
    else expect(problem).toMatch(want);
  });
});

describe('manual boxes as tracks', () => {
  const m = { id: 'm1', label: 'kenteken', keyframes: [kf(1000, 0.1), kf(3000, 0.5)] };
  it.each([
    { t: 0, x: 0.1 },
    { t: 1000, x: 0.1 },
    { t: 2000, x: 0.3 },
    { t: 3000, x: 0.5 },
    { t: 4000, x: 0.5 },
  ])('at $t ms the box is at x=$x (interpolated, held to the clip ends)', ({ t, x }) => {
    expect(boxAt(manualTrack(m, 4000), t)?.x).toBeCloseTo(x, 9);
  });
  it('render tracks are the detected ones plus the manual ones', () => {
    const detected = [{ id: 't1', kind: 'person' as const, boxes: [] }];
    expect(renderTracks(detected, [m], 4000).map((t) => `${t.id}:${t.kind}`)).toEqual(['t1:person', 'm1:manual']);
  });
});
