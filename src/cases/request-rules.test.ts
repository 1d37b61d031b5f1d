import { describe, expect, it } from 'vitest';
import { domijn, mozaiek, soest, welwonen, wooncompas } from '../protocol/profiles/index.js';
import type { ProtocolProfile } from '../protocol/profile.schema.js';
import { assess, beforeCarryingOut, beforeClosing, beforeDecision, deciderCheck, documentsNeeded } from './request-conditions.js';
import { allowOutcome, extension, isViolation, refusalGround } from './request-decision.js';
import type { CaseRequest } from './request.js';

const window = { location: 'Hal', from: '2026-03-01T20:00:00Z', to: '2026-03-01T20:05:00Z' };

function request(kind: CaseRequest['kind'], extra: Partial<CaseRequest> = {}): CaseRequest {
  return {
    id: 'r1', ref: 'VZ-2026-AAAAAA', kind, state: 'in_review', channel: 'public_form', receivedAt: '2026-03-02T09:00:00Z', profileId: 'x', profileVersion: 'x@1',
    requester: { category: 'data_subject', name: 'A. Bewoner', contact: null, organisation: null }, assignee: null,
    deadline: { due: '2026-04-02', rule: 'AVG-12.3', steps: [], extendedDue: null, extensionReason: null }, writtenConfirmationDue: null,
    details: { window }, facts: {}, incidentId: null, decision: null, proposedBy: null, carriedOutAt: null, closedAt: null, publicFiling: true,
    createdAt: '', updatedAt: '', ...extra,
  };
}
const fact = { at: '2026-03-02T10:00:00Z', by: 'x', note: null };

describe('the protocol on a request, per profile (pure)', () => {
  it('the same insurer request: refused under Domijn (DOM-5), allowed under Wooncompas (WCP-9)', () => {
    const details = { recipient: 'insurer' as const };
    expect(assess(domijn, 'third-party', 'third_party', details)).toMatchObject({ allowed: false, rule: 'DOM-5' });
    expect(assess(wooncompas, 'third-party', 'third_party', details)).toMatchObject({ allowed: true, rule: 'WCP-9' });
  });

  it('a lawyer goes through the prosecutor under Soest (SOE-10); a neighbour is no organisation under WelWonen (WEL-13)', () => {
    expect(assess(soest, 'third-party', 'third_party', { recipient: 'lawyer' })).toMatchObject({ allowed: false, rule: 'SOE-10' });
    expect(assess(welwonen, 'third-party', 'third_party', { recipient: 'neighbour' })).toMatchObject({ allowed: false, rule: 'WEL-13' });
    expect(assess(welwonen, 'third-party', 'third_party', { recipient: 'insurer' })).toMatchObject({ allowed: true, rule: 'WEL-13' });
  });

  it.each([
    [mozaiek, 'access', 'condition_balancing_of_interests', 'MOZ-4.2'],
    [domijn, 'access', 'condition_plausible_interest', 'DOM-11'],
    [wooncompas, 'access', 'condition_own_images_only', 'WCP-7'],
  ] as [ProtocolProfile, CaseRequest['kind'], string, string][])('%s: deciding %s first needs %s (%s)', (profile, kind, code, rule) => {
    const unmet = beforeDecision(profile, request(kind));
    expect(unmet.map((v) => [v.code, v.rule])).toContainEqual([code, rule]);
  });

  it('an oral police request needs its written confirmation under Domijn (DOM-5) and the legal basis under Wooncompas (WCP-4)', () => {
    const police = request('police', { channel: 'oral_urgent', requester: { category: 'police', name: 'Agent', contact: null, organisation: 'Politie' }, details: { officer: 'Agent' } });
    expect(beforeDecision(domijn, police)[0]).toMatchObject({ code: 'condition_written_request', rule: 'DOM-5' });
    expect(beforeDecision(domijn, { ...police, facts: { written_request_received: fact } })).toEqual([]);
    expect(beforeDecision(wooncompas, { ...police, channel: 'letter' })[0]).toMatchObject({ code: 'condition_legal_basis_cited', rule: 'WCP-4' });
    expect(beforeDecision(wooncompas, { ...police, channel: 'letter', details: { officer: 'Agent', legalBasis: 'art. 126nda Sv' } })).toEqual([]);
  });

  it('Mozaiek: viewing at the office only after an identity check in person and with staff present (MOZ-4.5)', () => {
    const allowed = request('access', { state: 'allowed', decision: { decision: 'allow', outcome: 'supervised_viewing_at_office', ground: null, rule: 'MOZ-4.1', reasons: '', decidedAt: '', decidedBy: '', decidedByRole: null } });
    expect(beforeCarryingOut(mozaiek, allowed).map((v) => [v.code, v.rule])).toEqual([
      ['condition_identity_check_in_person', 'MOZ-4.5'],
      ['condition_staff_present', 'MOZ-4.5'],
    ]);
    expect(beforeCarryingOut(mozaiek, { ...allowed, facts: { identity_checked: fact, staff_present: fact } })).toEqual([]);
    // Closing asks the signed inzageverklaring (MOZ-4.6) and the decision letter.
    expect(documentsNeeded(mozaiek, allowed)).toEqual([
      { kind: 'viewing_declaration', signed: true, rule: 'MOZ-4.6' },
      { kind: 'decision_letter', signed: false, rule: 'X-5' },
    ]);
    expect(beforeClosing(mozaiek, allowed, [{ kind: 'viewing_declaration', status: 'generated' }, { kind: 'decision_letter', status: 'generated' }])[0]).toMatchObject({ code: 'document_unsigned', rule: 'MOZ-4.6' });
    expect(beforeClosing(mozaiek, allowed, [{ kind: 'viewing_declaration', status: 'signed' }, { kind: 'decision_letter', status: 'generated' }])).toEqual([]);
  });

  it('Soest: a police release needs a signed careful-use declaration (SOE-9)', () => {
    const allowed = request('police', { state: 'carried_out', channel: 'letter', requester: { category: 'police', name: 'Agent', contact: null, organisation: null }, decision: { decision: 'allow', outcome: 'encrypted_carrier', ground: null, rule: 'SOE-9', reasons: '', decidedAt: '', decidedBy: '', decidedByRole: null } });
    expect(beforeClosing(soest, allowed, [])[0]).toMatchObject({ code: 'document_unsigned', rule: 'SOE-9' });
  });

  it('outcomes follow the profile: Wooncompas gives a digital copy (WCP-7), Mozaiek viewing at the office', () => {
    expect(allowOutcome(wooncompas, 'access', 'digital_copy')).toEqual({ rule: 'WCP-7' });
    expect(isViolation(allowOutcome(wooncompas, 'access', 'supervised_viewing_at_office'))).toBe(true);
    expect(allowOutcome(mozaiek, 'access', 'supervised_viewing_at_office')).toEqual({ rule: 'MOZ-4.1' });
  });

  it('refusal grounds follow the profile and cite the ground\u2019s rule', () => {
    expect(refusalGround(domijn, 'access', 'unspecified_request', null)).toEqual({ rule: 'DOM-11' });
    expect(refusalGround(wooncompas, 'access', 'footage_no_longer_exists', null)).toEqual({ rule: 'WCP-8' });
    expect(refusalGround(wooncompas, 'access', 'manifestly_abusive', null)).toMatchObject({ code: 'ground_not_in_protocol', rule: 'WCP-7' });
    expect(refusalGround(domijn, 'third-party', 'not_permitted_by_protocol', 'DOM-5')).toEqual({ rule: 'DOM-5' });
    expect(refusalGround(domijn, 'access', null, null)).toMatchObject({ code: 'ground_required' });
  });

  it('who decides follows the profile: WelWonen\u2019s privacy officer decides erasure (WEL-15), not the wijkbeheerder', () => {
    expect(deciderCheck(welwonen, 'erasure', 'privacy_officer')).toBeNull();
    expect(deciderCheck(welwonen, 'erasure', 'wijkbeheerder')).toMatchObject({ rule: 'WEL-15' });
    expect(deciderCheck(soest, 'access', 'manager')).toBeNull();
    expect(deciderCheck(soest, 'access', 'beheerder')).toMatchObject({ rule: 'SOE-10' });
  });

  it('the AVG extension: two more months where the profile uses the AVG term, never past a shorter protocol term', () => {
    expect(extension(domijn, request('access'), '2026-03-20')).toMatchObject({ due: '2026-06-02' });
    expect(extension(mozaiek, request('access'), '2026-03-03')).toMatchObject({ code: 'extension_not_in_protocol', rule: 'MOZ-4.4' });
    expect(extension(welwonen, request('erasure'), '2026-03-03')).toMatchObject({ code: 'extension_not_in_protocol', rule: 'WEL-15' });
    expect(extension(domijn, request('access'), '2026-04-03')).toMatchObject({ code: 'extension_too_late', rule: 'AVG-12.3' });
    expect(extension(domijn, request('access', { deadline: { due: '2026-04-02', rule: 'AVG-12.3', steps: [], extendedDue: '2026-06-02', extensionReason: 'x' } }), '2026-03-03')).toMatchObject({ code: 'already_extended' });
  });
});
