import { describe, expect, it } from 'vitest';
import { scoreFrame, summarise } from '../../eval/redaction/metrics.js';

/** The evaluation's measures (eval/redaction/metrics.ts), with tables of hand-computed cases. */
describe('redaction evaluation measures', () => {
  const face = { x: 0.5, y: 0.5, w: 0.1, h: 0.1 };
  const body = { x: 0.45, y: 0.45, w: 0.2, h: 0.5 };
  const subject = [{ subject: 's', face, body }];

  it.each([
    { name: 'nothing redacted', redacted: [], share: 0, fp: 0 },
    { name: 'the face exactly', redacted: [face], share: 1, fp: 0 },
    { name: 'the left half of the face', redacted: [{ x: 0.5, y: 0.5, w: 0.05, h: 0.1 }], share: 0.5, fp: 0 },
    { name: 'a box elsewhere (1 % of the frame)', redacted: [{ x: 0, y: 0, w: 0.1, h: 0.1 }], share: 0, fp: 0.01 },
    { name: 'the whole frame', redacted: [{ x: 0, y: 0, w: 1, h: 1 }], share: 1, fp: 0.9 },
  ])('$name', ({ redacted, share, fp }) => {
    const score = scoreFrame(redacted, subject, 100, 100, 0);
    expect(score.faceShares.get('s')).toBeCloseTo(share, 6);
    expect(score.falsePositiveShare).toBeCloseTo(fp, 6);
  });

  it('grows boxes by the margin before scoring (a half-covered face becomes covered)', () => {
    const half = { x: 0.5, y: 0.5, w: 0.06, h: 0.1 };
    expect(scoreFrame([half], subject, 100, 100, 0).faceShares.get('s')).toBeCloseTo(0.6, 6);
    expect(scoreFrame([half], subject, 100, 100, 1).faceShares.get('s')).toBe(1);
  });

  it('a subject leaks when any one of its frames leaks', () => {
    const frames = [
      { faceShares: new Map([['a', 1], ['b', 1]]), falsePositiveShare: 0.1 },
      { faceShares: new Map([['a', 1], ['b', 0.5]]), falsePositiveShare: 0.3 },
    ];
    expect(summarise(frames)).toEqual({ subjects: 2, leakRate: 0.5, faceCoverage: 0.875, falsePositiveArea: 0.2 });
  });
});
