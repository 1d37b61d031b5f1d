import { describe, expect, it } from 'vitest';
import { getProfile } from '../protocol/profiles/index.js';
import { decidePurpose } from './purpose.js';

const domijn = getProfile('domijn')!;
const withFreeText = { ...domijn, viewing: { ...domijn.viewing, freeText: { ...domijn.viewing.freeText, allowed: true } } };
const openIncident = { kind: 'incident' as const, open: true };

describe('decidePurpose (X-2, SOE-5) under Domijn', () => {
  it.each([
    ['an open incident', 'wijkbeheerder', { caseRef: 'IN-2026-AAAAAA' }, openIncident, { allowed: true, reason: 'incident', rule: 'DOM-3' }],
    ['an open request (wijkbeheerder, DOM-11)', 'wijkbeheerder', { caseRef: 'VZ-2026-AAAAAA' }, { kind: 'request', open: true }, { allowed: true, reason: 'request', rule: 'DOM-11' }],
    ['a handled incident', 'wijkbeheerder', { caseRef: 'IN-2026-AAAAAA' }, { kind: 'incident', open: false }, { allowed: false, code: 'case_not_open' }],
    ['an unknown case', 'wijkbeheerder', { caseRef: 'IN-2026-AAAAAA' }, null, { allowed: false, code: 'case_not_found' }],
    ['no reason at all', 'wijkbeheerder', {}, null, { allowed: false, code: 'reason_required', rule: 'X-2' }],
    ['free text where the profile forbids it', 'wijkbeheerder', { reasonText: 'kijken' }, null, { allowed: false, code: 'free_text_refused', rule: 'X-2' }],
    ['a role without view_recordings', 'privacy_officer', { caseRef: 'IN-2026-AAAAAA' }, openIncident, { allowed: false, code: 'view_reason_refused', rule: 'DOM-4' }],
    ['police without identification', 'police', { reasonText: 'onderzoek' }, null, { allowed: false, code: 'identification_required', rule: 'SOE-5' }],
    ['police with identification and reason', 'police', { reasonText: 'onderzoek', identification: 'PL-1' }, null, { allowed: true, reason: 'police_investigation', rule: 'DOM-4' }],
  ] as const)('%s', (_name, role, stated, found, expected) => {
    expect(decidePurpose(domijn, role, 'recordings', stated, found)).toMatchObject(expected);
  });

  it('accepts a free-text reason where a profile allows it', () => {
    expect(decidePurpose(withFreeText, 'wijkbeheerder', 'recordings', { reasonText: 'melding van bewoner' }, null)).toMatchObject({ allowed: true, reason: 'free_text' });
  });
});
