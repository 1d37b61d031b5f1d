import { describe, expect, it } from 'vitest';
import { domijn, mozaiek, soest, welwonen, wooncompas } from '../protocol/profiles/index.js';
import { erasureBlockedBy, type BlockingHold } from './erasure.js';
import { restrictionBlocks } from './restriction.js';

const hold = (kind: string, caseRef = 'IN-2026-1'): BlockingHold => ({ holdId: `h-${kind}`, caseRef, kind });

describe('which rule refuses erasing held footage (INV-2, AVG art. 17(3))', () => {
  it.each([
    [domijn, [hold('police')], 'DOM-9'],
    [domijn, [hold('incident')], 'DOM-8'],
    [domijn, [hold('incident'), hold('police', 'IN-2026-2')], 'DOM-9'], // a legal duty is named first
    [domijn, [hold('court')], 'AVG-17.3'], // Domijn has no judgment rule: the law's exception
    [wooncompas, [hold('court')], 'WCP-11'],
    [wooncompas, [hold('police')], 'AVG-17.3'],
    [welwonen, [hold('incident')], 'WEL-5'],
    [mozaiek, [hold('retention_extension', 'VZ-2026-1')], 'MOZ-2.4'],
    [soest, [hold('manual')], 'SOE-7.1'],
    [soest, [hold('restriction', 'VZ-2026-2')], 'AVG-18'],
  ] as const)('%#: %s with %j refuses citing %s', (profile, holds, rule) => {
    expect(erasureBlockedBy(profile, holds)).toMatchObject({ code: 'erasure_held', rule });
  });

  it('no covering hold: nothing refuses; the message names the cases that hold the footage', () => {
    expect(erasureBlockedBy(domijn, [])).toBeNull();
    const violation = erasureBlockedBy(domijn, [hold('police', 'IN-2026-9'), hold('incident', 'IN-2026-8')]);
    expect(violation?.message.nl).toContain('IN-2026-9, IN-2026-8');
    expect(violation?.message.nl).toContain('wettelijke plicht');
  });
});

describe('a restriction\u2019s "do not use" hold (AVG art. 18)', () => {
  it.each([
    [[], null],
    [[{ kind: 'incident', caseRef: 'IN-1', releasedAt: null }], null],
    [[{ kind: 'restriction', caseRef: 'VZ-1', releasedAt: '2026-03-01T00:00:00Z' }], null],
    [[{ kind: 'restriction', caseRef: 'VZ-1', releasedAt: null }], 'AVG-18'],
    [[{ kind: 'police', caseRef: 'IN-2', releasedAt: null }, { kind: 'restriction', caseRef: 'VZ-2', releasedAt: null }], 'AVG-18'],
  ])('%#: %j blocks use: %s', (holds, rule) => {
    expect(restrictionBlocks(holds)?.rule ?? null).toBe(rule);
  });
});
