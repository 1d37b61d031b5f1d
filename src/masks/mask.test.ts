import { describe, expect, it } from 'vitest';
import { liftApplies, liftProblems, maskLimits, maskSetProblems, polygonArea, polygonsToApply, reasonProblem, type Lift, type MaskPolygon, type MaskVersion } from './mask.js';

const square = (name = 'raam 12'): MaskPolygon => ({ name, points: [{ x: 0.1, y: 0.1 }, { x: 0.3, y: 0.1 }, { x: 0.3, y: 0.3 }, { x: 0.1, y: 0.3 }] });
const corners = (n: number) => Array.from({ length: n }, (_, i) => ({ x: 0.5 + 0.4 * Math.cos((2 * Math.PI * i) / n), y: 0.5 + 0.4 * Math.sin((2 * Math.PI * i) / n) }));

describe('maskSetProblems (DOM-2, WEL-4, SOE-8: masks are checked before they are saved)', () => {
  it.each<[string, MaskPolygon[], string[]]>([
    ['a square is fine', [square()], []],
    ['no masks at all (removes every mask) is fine', [], []],
    ['two corners', [{ name: 'lijn', points: [{ x: 0, y: 0 }, { x: 1, y: 1 }] }], ['polygons[0].points']],
    ['a corner right of the picture', [{ name: 'weg', points: [{ x: 0, y: 0 }, { x: 1.2, y: 0 }, { x: 0, y: 1 }] }], ['polygons[0].points[1].x']],
    ['a negative y', [{ name: 'weg', points: [{ x: 0, y: -0.1 }, { x: 1, y: 0 }, { x: 0, y: 1 }] }], ['polygons[0].points[0].y']],
    ['not a number', [{ name: 'weg', points: [{ x: Number.NaN, y: 0 }, { x: 1, y: 0 }, { x: 0, y: 1 }] }], ['polygons[0].points[0].x']],
    ['corners on one line', [{ name: 'lijn', points: [{ x: 0, y: 0 }, { x: 0.5, y: 0.5 }, { x: 1, y: 1 }] }], ['polygons[0].points']],
    ['no name', [square('  ')], ['polygons[0].name']],
    ['the same name twice', [square('Raam'), square('raam')], ['polygons[1].name']],
    ['the most corners', [{ name: 'rond', points: corners(maskLimits.maxCorners) }], []],
    ['one corner too many', [{ name: 'rond', points: corners(maskLimits.maxCorners + 1) }], ['polygons[0].points']],
    ['one polygon too many', Array.from({ length: maskLimits.maxPolygons + 1 }, (_, i) => square(`raam ${i}`)), ['polygons']],
  ])('%s', (_, polygons, fields) => {
    const problems = maskSetProblems(polygons);
    expect(problems.map((p) => p.field)).toEqual(fields);
    for (const p of problems) expect(p.nl && p.en).toBeTruthy();
  });

  it('measures area as a share of the picture', () => {
    expect(polygonArea(square().points)).toBeCloseTo(0.04, 10);
    expect(polygonArea([{ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 1, y: 1 }, { x: 0, y: 1 }])).toBe(1);
  });
});

describe('lift requests', () => {
  it.each<[string, Parameters<typeof liftProblems>[0], string[]]>([
    ['for a view session', { reason: 'Inbraak bij nr. 12, politie vraagt', minutes: 30, viewSessionId: 'v1' }, []],
    ['for a case', { reason: 'Inbraak bij nr. 12, politie vraagt', minutes: 30, caseRef: 'INC-2026-0001' }, []],
    ['no reason', { reason: '  ', minutes: 30, viewSessionId: 'v1' }, ['reason']],
    ['zero minutes', { reason: 'Inbraak nr. 12', minutes: 0, viewSessionId: 'v1' }, ['minutes']],
    ['longer than allowed', { reason: 'Inbraak nr. 12', minutes: maskLimits.maxLiftMinutes + 1, viewSessionId: 'v1' }, ['minutes']],
    ['for nothing', { reason: 'Inbraak nr. 12', minutes: 10 }, ['viewSessionId']],
  ])('%s', (_, input, fields) => {
    expect(liftProblems(input).map((p) => p.field)).toEqual(fields);
  });

  it('reasons have a floor and a ceiling', () => {
    expect(reasonProblem('abcd')?.field).toBe('reason');
    expect(reasonProblem('abcde')).toBeNull();
    expect(reasonProblem('x'.repeat(maskLimits.maxReasonLength + 1))).not.toBeNull();
  });
});

describe('which lift applies', () => {
  const now = new Date('2026-11-22T12:00:00Z');
  const lift = (over: Partial<Lift>): Lift => ({
    id: 'l1', cameraId: 'c1', userId: 'u1', username: 'po', viewSessionId: 'v1', caseRef: null, reason: 'Inbraak nr. 12',
    startedAt: '2026-11-22T11:00:00Z', expiresAt: '2026-11-22T13:00:00Z', endedAt: null, ...over,
  });
  it.each<[string, Lift, Parameters<typeof liftApplies>[1], boolean]>([
    ['the lifter in the lifted view session', lift({}), { userId: 'u1', viewSessionId: 'v1' }, true],
    ['another user in that view session id', lift({}), { userId: 'u2', viewSessionId: 'v1' }, false],
    ['the lifter in another view session', lift({}), { userId: 'u1', viewSessionId: 'v2' }, false],
    ['an export of any case', lift({}), { caseRef: 'INC-1' }, false],
    ['expired', lift({ expiresAt: '2026-11-22T12:00:00Z' }), { userId: 'u1', viewSessionId: 'v1' }, false],
    ['ended', lift({ endedAt: '2026-11-22T11:30:00Z' }), { userId: 'u1', viewSessionId: 'v1' }, false],
    ['not started yet', lift({ startedAt: '2026-11-22T12:30:00Z' }), { userId: 'u1', viewSessionId: 'v1' }, false],
    ['a case lift, that case’s export', lift({ viewSessionId: null, caseRef: 'INC-1' }), { caseRef: 'INC-1' }, true],
    ['a case lift, another case’s export', lift({ viewSessionId: null, caseRef: 'INC-1' }), { caseRef: 'INC-2' }, false],
    ['a case lift, the lifter viewing for the case', lift({ viewSessionId: null, caseRef: 'INC-1' }), { userId: 'u1', viewSessionId: 'v9', caseRef: 'INC-1' }, true],
    ['a case lift, someone else viewing for the case', lift({ viewSessionId: null, caseRef: 'INC-1' }), { userId: 'u2', viewSessionId: 'v9', caseRef: 'INC-1' }, false],
    ['a case lift, a viewer without a case', lift({ viewSessionId: null, caseRef: 'INC-1' }), { userId: 'u1', viewSessionId: 'v9' }, false],
  ])('%s', (_, l, context, applies) => {
    expect(liftApplies(l, context, now)).toBe(applies);
  });

  it('burns in every polygon unless a lift applies', () => {
    const version: MaskVersion = { cameraId: 'c1', version: 2, polygons: [square('a'), square('b')], reason: 'DOM-2', createdAt: '', createdBy: 'b' };
    expect(polygonsToApply(version, [], { userId: 'u1', viewSessionId: 'v1' }, now).polygons).toHaveLength(2);
    const lifted = polygonsToApply(version, [lift({})], { userId: 'u1', viewSessionId: 'v1' }, now);
    expect(lifted).toEqual({ polygons: [], lift: lift({}) });
    expect(polygonsToApply(null, [], {}, now)).toEqual({ polygons: [], lift: null });
  });
});
