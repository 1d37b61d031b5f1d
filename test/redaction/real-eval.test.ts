import { describe, expect, it } from 'vitest';
import { boxShare, planMask, requesterTracks, scoreMask, summariseReal, type LabelledFrameScore } from '../../eval/redaction/real/coverage.js';
import { checkLabels, frameTime, loadLabels, normalise, type LabelSet } from '../../eval/redaction/real/labels.js';
import { realSubsection, withSubsection } from '../../eval/redaction/real/record.js';
import { planFrame } from '../../src/redaction/render/frame-plan.js';
import type { Track } from '../../src/redaction/track.js';

/** The hand-labelled real-footage evaluation (eval/redaction/real/): its label file and its pure measures, with hand-computed tables. */

describe('labels.json', () => {
  const set = loadLabels();

  it('is sound: boxes inside the frame, heads inside bodies, ids unique per frame, frames ordered', () => {
    expect(checkLabels(set)).toEqual([]);
  });

  it('spreads 12–16 frames over the clip, sparse and crowded, and says how it was made', () => {
    expect(set.frames.length).toBeGreaterThanOrEqual(12);
    expect(set.frames.length).toBeLessThanOrEqual(16);
    const first = set.frames[0]!.frame;
    const last = set.frames.at(-1)!.frame;
    expect(last - first).toBeGreaterThan(0.8 * set.source.frames);
    const counts = set.frames.map((f) => f.persons.length);
    expect(Math.min(...counts)).toBeLessThanOrEqual(3);
    expect(Math.max(...counts)).toBeGreaterThanOrEqual(8);
    expect(set.method.by).toMatch(/by hand/);
    expect(set.method.how).toMatch(/No detector/);
    expect(set.source.licence).toMatch(/Apache-2\.0/);
  });
});

describe('checkLabels', () => {
  const base = (): LabelSet => ({
    source: { file: 'v.avi', sha256: 'a'.repeat(64), width: 100, height: 80, fps: 10, frames: 50, origin: 'o', licence: 'l' },
    method: { by: 'a person, by hand', date: '2026-01-01', how: 'h', boxes: 'b', ids: 'i', verification: 'v' },
    frames: [{ frame: 3, persons: [{ id: 'p1', body: [10, 10, 20, 40], head: [15, 10, 8, 8], partial: false }] }],
  });
  const cases: [string, (s: LabelSet) => void, RegExp | null][] = [
    ['a sound set', () => undefined, null],
    ['a body past the right edge', (s) => { s.frames[0]!.persons[0]!.body = [90, 10, 11, 40]; }, /outside the 100×80 frame/],
    ['an empty body', (s) => { s.frames[0]!.persons[0]!.body = [10, 10, 0, 40]; }, /outside .* or empty/],
    ['a head above its body', (s) => { s.frames[0]!.persons[0]!.head = [15, 9, 8, 8]; }, /head not inside its body/],
    ['a fractional box', (s) => { s.frames[0]!.persons[0]!.body = [10.5, 10, 20, 40]; }, /whole pixels/],
    ['one id twice in a frame', (s) => { s.frames[0]!.persons.push({ id: 'p1', body: [50, 10, 10, 30], head: null, partial: false }); }, /id twice/],
    ['frames out of order', (s) => { s.frames.push({ frame: 2, persons: [] }); }, /out of order/],
    ['a frame past the clip', (s) => { s.frames.push({ frame: 50, persons: [] }); }, /outside 0\.\.49/],
    ['no checksum', (s) => { s.source.sha256 = 'x'; }, /SHA-256/],
  ];
  it.each(cases)('%s', (_name, change, problem) => {
    const s = base();
    change(s);
    const problems = checkLabels(s);
    if (problem === null) expect(problems).toEqual([]);
    else expect(problems.join('; ')).toMatch(problem);
  });

  it('normalises pixel boxes and times frames', () => {
    expect(normalise([10, 20, 30, 40], 100, 80)).toEqual({ x: 0.1, y: 0.25, w: 0.3, h: 0.5 });
    expect(frameTime(745, 10)).toBe(74_500);
  });
});

const track = (id: string, boxes: [number, number, number, number, number][], kind: Track['kind'] = 'person'): Track => ({
  id, kind, boxes: boxes.map(([t, x, y, w, h]) => ({ t, x, y, w, h, score: 1, interpolated: false })),
});
const g = { width: 100, height: 80, frameMs: 100 };

describe('planMask and boxShare (the render frame plan rasterised)', () => {
  it('redact-detected: a track grown by the margin is redacted, the rest is not', () => {
    // box 20..40 × 16..32 px, margin 0.25 → 15..45 × 12..36 px
    const tracks = [track('t1', [[0, 0.2, 0.2, 0.2, 0.2], [1000, 0.2, 0.2, 0.2, 0.2]])];
    const mask = planMask(planFrame(tracks, { mode: 'redact-detected', style: 'fill', keep: [], margin: 0.25, holdFrames: 0 }, 500, g), 100, 80);
    expect(mask.reduce((a, v) => a + v, 0)).toBe(30 * 24);
    expect(boxShare(mask, 100, [15, 12, 30, 24])).toBe(1);
    expect(boxShare(mask, 100, [40, 12, 10, 24])).toBe(0.5); // 40..49: 40..44 inside
    expect(boxShare(mask, 100, [60, 40, 10, 10])).toBe(0);
  });

  it('holds a track´s last box for holdFrames and then lets go', () => {
    const tracks = [track('t1', [[0, 0.2, 0.2, 0.2, 0.2], [1000, 0.2, 0.2, 0.2, 0.2]])];
    const settings = { mode: 'redact-detected' as const, style: 'fill' as const, keep: [], margin: 0, holdFrames: 5 };
    expect(boxShare(planMask(planFrame(tracks, settings, 1500, g), 100, 80), 100, [20, 16, 20, 16])).toBe(1);
    expect(boxShare(planMask(planFrame(tracks, settings, 1600, g), 100, 80), 100, [20, 16, 20, 16])).toBe(0);
  });

  it('keep-only: everything but the kept box (rounded inwards), manual boxes over it', () => {
    const tracks = [track('t1', [[0, 0.2, 0.2, 0.2, 0.2], [1000, 0.2, 0.2, 0.2, 0.2]]), track('m1', [[0, 0.25, 0.25, 0.05, 0.05], [1000, 0.25, 0.25, 0.05, 0.05]], 'manual')];
    const mask = planMask(planFrame(tracks, { mode: 'keep-only', style: 'fill', keep: ['t1'], margin: 0, holdFrames: 0 }, 500, g), 100, 80);
    expect(mask.reduce((a, v) => a + v, 0)).toBe(100 * 80 - 20 * 16 + 5 * 4);
    expect(boxShare(mask, 100, [20, 16, 20, 16])).toBeCloseTo(20 / 320);
  });
});

describe('scoreMask and summariseReal', () => {
  const mask = new Uint8Array(100 * 80);
  for (let y = 10; y < 30; y++) mask.fill(1, y * 100 + 10, y * 100 + 30); // 10..29 × 10..29 redacted (400 px)
  const persons = [
    { id: 'a', body: [10, 10, 10, 20] as const, head: [12, 10, 6, 5] as const, partial: false }, // fully inside
    { id: 'b', body: [25, 20, 10, 20] as const, head: [25, 20, 10, 4] as const, partial: false }, // head half inside
    { id: 'c', body: [60, 10, 10, 20] as const, head: null, partial: true }, // nothing redacted, no head
  ];

  it('scores heads and bodies and counts the redacted area outside every body', () => {
    const s = scoreMask(mask, 100, 80, persons);
    expect(s.persons).toEqual([{ id: 'a', head: 1, body: 1 }, { id: 'b', head: 0.5, body: 0.25 }, { id: 'c', head: null, body: 0 }]);
    // redacted 400 px; inside a: 10×20 = 200; inside b: 25..29 × 20..29 = 50 → 150 outside
    expect(s.falsePositiveShare).toBeCloseTo(150 / 8000);
    expect(scoreMask(mask, 100, 80, persons, new Set(['a'])).persons.map((p) => p.id)).toEqual(['b', 'c']);
  });

  it('a person leaks when any frame covers < 99 % of the head (body); coverage is the mean over person-frames', () => {
    const frames: LabelledFrameScore[] = [
      { persons: [{ id: 'a', head: 1, body: 1 }, { id: 'b', head: 1, body: 0.98 }], falsePositiveShare: 0.1 },
      { persons: [{ id: 'a', head: 0.985, body: 1 }, { id: 'c', head: null, body: 0 }], falsePositiveShare: 0.3 },
    ];
    const s = summariseReal(frames);
    expect(s.headPersons).toBe(2);
    expect(s.persons).toBe(3);
    expect(s.headLeakRate).toBeCloseTo(1 / 2);
    expect(s.bodyLeakRate).toBeCloseTo(2 / 3);
    expect(s.headCoverage).toBeCloseTo((1 + 1 + 0.985) / 3);
    expect(s.bodyCoverage).toBeCloseTo((1 + 0.98 + 1 + 0) / 4);
    expect(s.falsePositiveArea).toBeCloseTo(0.2);
    expect(s.headLeaks).toEqual(['a']);
  });
});

describe('requesterTracks', () => {
  const body = { x: 0.2, y: 0.2, w: 0.1, h: 0.3 };
  const cases: [string, Track, boolean][] = [
    ['a person track on the body', track('t1', [[0, 0.21, 0.19, 0.1, 0.3], [200, 0.21, 0.19, 0.1, 0.3]]), true],
    ['a face track inside the head', track('t2', [[0, 0.22, 0.2, 0.04, 0.05], [200, 0.22, 0.2, 0.04, 0.05]], 'face'), true],
    ['a blob around two people', track('t3', [[0, 0.1, 0.2, 0.3, 0.3], [200, 0.1, 0.2, 0.3, 0.3]]), true],
    ['a neighbour touching the edge', track('t4', [[0, 0.28, 0.2, 0.1, 0.3], [200, 0.28, 0.2, 0.1, 0.3]]), false],
    ['the right place at another time', track('t5', [[300, 0.2, 0.2, 0.1, 0.3], [400, 0.2, 0.2, 0.1, 0.3]]), false],
  ];
  it.each(cases)('%s', (_name, t, kept) => {
    expect(requesterTracks([t], [{ t: 100, body }])).toEqual(kept ? [t.id] : []);
  });
});

describe('withSubsection (bench/RESULTS.md)', () => {
  const sub = '### Real footage (hand-labelled)';
  it('adds the subsection at the end of "## Redaction evaluation" and replaces it on the next run, leaving the rest', () => {
    const text = '# R\n\n## A\n\na\n\n## Redaction evaluation\n\nsynthetic\n\n## Redaction\n\nr\n';
    const once = withSubsection(text, 'T1');
    expect(once).toBe(`# R\n\n## A\n\na\n\n## Redaction evaluation\n\nsynthetic\n\n${sub}\n\nT1\n\n## Redaction\n\nr\n`);
    expect(withSubsection(once, 'T2\n')).toBe(once.replace('T1', 'T2'));
  });
  it('keeps a later ### subsection and works at the end of the file or without the section', () => {
    const text = `## Redaction evaluation\n\ns\n\n${sub}\n\nold\n\n### Other\n\no\n`;
    expect(withSubsection(`\n${text}`, 'new')).toBe(`\n## Redaction evaluation\n\ns\n\n${sub}\n\nnew\n\n### Other\n\no\n`);
    expect(withSubsection('# R\n', 'T')).toBe(`# R\n\n## Redaction evaluation\n\n${sub}\n\nT\n`);
  });
  it('reads the subsection back, so the synthetic sweep can rewrite its section and put it back', () => {
    const text = `# R\n\n## Redaction evaluation\n\ns\n\n${sub}\n\nreal table\nmore\n\n## Redaction\n\nr\n`;
    expect(realSubsection(text)).toBe('real table\nmore');
    expect(realSubsection('# R\n\n## Redaction evaluation\n\ns\n')).toBeNull();
    expect(realSubsection(`# R\n\n## Other\n\n${sub}\n\nx\n`)).toBeNull();
    const rewritten = '# R\n\n## Redaction evaluation\n\nnew synthetic\n\n## Redaction\n\nr\n';
    expect(withSubsection(rewritten, realSubsection(text)!)).toBe(`# R\n\n## Redaction evaluation\n\nnew synthetic\n\n${sub}\n\nreal table\nmore\n\n## Redaction\n\nr\n`);
  });
});
