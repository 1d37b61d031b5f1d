import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domijn, mozaiek, soest, welwonen, wooncompas } from '../../src/protocol/profiles/index.js';
import type { ProtocolProfile } from '../../src/protocol/profile.schema.js';
import type { Cases } from '../../src/cases/cases.module.js';
import type { CaseActor } from '../../src/cases/case-context.js';
import type { RequestFact } from '../../src/cases/request.js';
import type { FileRequestInput } from '../../src/cases/request-filing.js';
import { dialects } from '../support/databases.js';
import { as, createCasesFixture, entree, onePixelPng, refusedWith, type CasesFixture } from './support.js';

/**
 * Acceptance (issue 7): one test per request kind per profile where the profiles differ, each
 * citing the rule in the outcome. Run against SQLite and PostgreSQL.
 */
const window = { location: 'Hoofdingang', from: '2026-03-01T20:00:00Z', to: '2026-03-01T20:05:00Z', cameraIds: [entree] };
const subject = { category: 'data_subject' as const, name: 'A. Bewoner', contact: 'a@example.test' };
const signature = `data:image/png;base64,${onePixelPng.toString('base64')}`;

describe.each(dialects)('request kinds per profile on %s', (dialect) => {
  let f: CasesFixture;
  beforeAll(async () => {
    f = await createCasesFixture(dialect);
  }, 60_000);
  afterAll(() => f.close());

  const file = (cases: Cases, input: Partial<FileRequestInput> & Pick<FileRequestInput, 'kind'>, by = as('wijkbeheerder')) =>
    cases.requests.file({ channel: 'letter', requester: subject, details: { window }, ...input }, by);
  const facts = async (cases: Cases, id: string, by: CaseActor, ...names: RequestFact[]) => {
    for (const fact of names) await cases.requests.step(id, { type: 'record_fact', fact, note: 'vastgelegd' }, by);
  };
  const allow = (cases: Cases, id: string, outcome: string, by: CaseActor) => cases.requests.step(id, { type: 'decide', decision: 'allow', outcome: outcome as never, reasons: 'Toegewezen.' }, by);
  const signAll = async (cases: Cases, id: string, by: CaseActor, kinds: string[]) => {
    for (const kind of kinds) {
      const doc = await cases.documents.generate(id, kind as never, by);
      if (kind !== 'decision_letter') await cases.documents.signOnScreen(doc.id, { signerName: 'Ontvanger', signaturePng: signature }, by);
    }
  };

  describe('third party', () => {
    it('the same insurer request: refused under Domijn citing DOM-5, allowed under Wooncompas citing WCP-9', async () => {
      const insurer = { kind: 'third-party' as const, requester: { category: 'third_party' as const, name: 'Verzekeraar NV', organisation: 'Verzekeraar NV' }, details: { window, recipient: 'insurer' as const } };
      const d = f.casesFor(domijn);
      const atDomijn = await file(d, insurer);
      expect(atDomijn.deadline).toMatchObject({ due: null, rule: 'DOM-5' });
      expect((await d.requests.get(atDomijn.id)).assessment).toMatchObject({ allowed: false, rule: 'DOM-5' });
      await refusedWith(allow(d, atDomijn.id, 'digital_copy', as('wijkbeheerder')), { code: 'not_permitted_by_protocol', rule: 'DOM-5' });
      const refused = await d.requests.step(atDomijn.id, { type: 'decide', decision: 'refuse', ground: 'not_permitted_by_protocol', reasons: 'Wij verstrekken alleen aan politie en OM.' }, as('wijkbeheerder'));
      expect(refused.decision).toMatchObject({ decision: 'refuse', rule: 'DOM-5' });

      const w = f.casesFor(wooncompas);
      const atWooncompas = await file(w, insurer);
      await refusedWith(allow(w, atWooncompas.id, 'digital_copy', as('wijkbeheerder')), { kind: 'conflict', rule: 'WCP-9' });
      await facts(w, atWooncompas.id, as('wijkbeheerder'), 'legitimate_interest', 'purpose_compatible', 'proportionality', 'balancing_recorded', 'incident_need');
      const allowed = await allow(w, atWooncompas.id, 'digital_copy', as('wijkbeheerder'));
      expect(allowed).toMatchObject({ state: 'allowed', decision: { decision: 'allow', outcome: 'digital_copy', rule: 'WCP-9' } });
    });

    it('Soest refuses a lawyer, who goes through the prosecutor (SOE-10); WelWonen provides to an insurer for a weighty interest (WEL-13)', async () => {
      const s = f.casesFor(soest);
      const lawyer = await file(s, { kind: 'third-party', requester: { category: 'lawyer', name: 'Mr. Advocaat' }, details: { window, recipient: 'lawyer', motivation: 'Verdediging' } }, as('privacy_officer'));
      await refusedWith(allow(s, lawyer.id, 'supervised_viewing_at_office', as('manager')), { rule: 'SOE-10' });

      const ww = f.casesFor(welwonen);
      const insurer = await file(ww, { kind: 'third-party', requester: { category: 'third_party', name: 'Verzekeraar NV' }, details: { window, recipient: 'insurer' } });
      await refusedWith(allow(ww, insurer.id, 'digital_copy', as('privacy_officer')), { code: 'condition_weighty_interest_or_legal_duty', rule: 'WEL-13' });
      await facts(ww, insurer.id, as('privacy_officer'), 'weighty_interest');
      expect((await allow(ww, insurer.id, 'digital_copy', as('privacy_officer'))).decision).toMatchObject({ rule: 'WEL-13' });
    });

    it('Mozaiek gives footage to the huurcommissie for proceedings against a signed receipt (MOZ-5), and refuses an incompatible purpose citing MOZ-5', async () => {
      const m = f.casesFor(mozaiek);
      const committee = await file(m, { kind: 'third-party', requester: { category: 'third_party', name: 'Huurcommissie', organisation: 'Huurcommissie' }, details: { window, recipient: 'huurcommissie' } });
      expect((await m.requests.get(committee.id)).assessment).toMatchObject({ allowed: true, rule: 'MOZ-5' });
      await refusedWith(allow(m, committee.id, 'digital_medium', as('wijkbeheerder')), { kind: 'conflict', rule: 'MOZ-5' });
      await facts(m, committee.id, as('wijkbeheerder'), 'proceedings_need', 'purpose_compatible', 'interest_outweighs');
      expect((await allow(m, committee.id, 'digital_medium', as('wijkbeheerder'))).decision).toMatchObject({ decision: 'allow', rule: 'MOZ-5' });
      await refusedWith(m.requests.step(committee.id, { type: 'carry_out' }, as('wijkbeheerder')), { kind: 'conflict', rule: 'MOZ-5' });
      await facts(m, committee.id, as('wijkbeheerder'), 'identity_checked');
      await m.requests.step(committee.id, { type: 'carry_out', note: 'Versleutelde USB overhandigd' }, as('wijkbeheerder'));
      await refusedWith(m.requests.step(committee.id, { type: 'close' }, as('wijkbeheerder')), { code: 'document_unsigned', rule: 'MOZ-5' });

      const neighbour = await file(m, { kind: 'third-party', requester: { category: 'third_party', name: 'Buurman' }, details: { window, recipient: 'neighbour' } });
      const refused = await m.requests.step(neighbour.id, { type: 'decide', decision: 'refuse', ground: 'incompatible_purpose', reasons: 'Burenruzie, geen doel van de camera.' }, as('wijkbeheerder'));
      expect(refused.decision).toMatchObject({ decision: 'refuse', ground: 'incompatible_purpose', rule: 'MOZ-5' });
    });

    it('where a profile demands four eyes, a second person approves (the proposer cannot)', async () => {
      const strict = structuredClone(wooncompas) as ProtocolProfile;
      strict.thirdParty.fourEyes = { required: true, rules: ['WCP-5'], source: 'protocol' };
      const c = f.casesFor(strict);
      const request = await file(c, { kind: 'third-party', requester: { category: 'third_party', name: 'Buurman' }, details: { window, recipient: 'neighbour' } });
      await facts(c, request.id, as('wijkbeheerder'), 'legitimate_interest', 'purpose_compatible', 'proportionality', 'balancing_recorded');
      const proposed = await allow(c, request.id, 'digital_copy', as('wijkbeheerder'));
      expect(proposed.state).toBe('awaiting_approval');
      await refusedWith(c.requests.step(request.id, { type: 'approve' }, as('wijkbeheerder')), { code: 'four_eyes_same_person', rule: 'WCP-5' });
      const approved = await c.requests.step(request.id, { type: 'approve' }, as('maintenance_partner'));
      expect(approved).toMatchObject({ state: 'allowed', decision: { rule: 'WCP-9', decidedBy: 'maintenance_partner' } });
      expect(await f.logged(request.ref)).toEqual(expect.arrayContaining(['request.decision_proposed', 'request.allowed']));
    });
  });

  describe('police / OvJ vordering', () => {
    it('Domijn: an urgent oral request waits for its written confirmation (DOM-5), is delivered against a signed receipt, and every step is logged', async () => {
      const d = f.casesFor(domijn);
      const police = await file(d, {
        kind: 'police', channel: 'oral_urgent', requester: { category: 'police', name: 'Agent J. de Vries', organisation: 'Politie Midden-Nederland' },
        details: { window, officer: 'J. de Vries', unit: 'Team Amersfoort', legalBasis: 'art. 126nda Sv', deliveryDeadline: '2026-03-06' },
      });
      expect(police).toMatchObject({ state: 'awaiting_written_confirmation', writtenConfirmationDue: '2026-03-05', deadline: { due: '2026-03-06', rule: 'DOM-5' } });
      await refusedWith(allow(d, police.id, 'digital_medium', as('wijkbeheerder')), { code: 'request_step_not_possible' });
      await d.requests.step(police.id, { type: 'confirm_in_writing', note: 'Vordering per e-mail ontvangen' }, as('wijkbeheerder'));
      await refusedWith(allow(d, police.id, 'digital_medium', as('privacy_officer')), { code: 'not_decider', rule: 'DOM-5' });
      expect((await allow(d, police.id, 'digital_medium', as('wijkbeheerder'))).decision).toMatchObject({ rule: 'DOM-5', outcome: 'digital_medium' });
      await d.requests.step(police.id, { type: 'carry_out', note: 'USB-stick overhandigd' }, as('wijkbeheerder'));
      await refusedWith(d.requests.step(police.id, { type: 'close' }, as('wijkbeheerder')), { code: 'document_unsigned', rule: 'DOM-5' });
      await signAll(d, police.id, as('wijkbeheerder'), ['receipt_statement']);
      expect((await d.requests.step(police.id, { type: 'close' }, as('wijkbeheerder'))).state).toBe('closed');
      expect(await f.logged(police.ref)).toEqual([
        'request.received', 'request.confirmed_in_writing', 'request.allowed', 'request.carried_out', 'document.generated', 'document.signed', 'request.closed',
      ]);
    });

    it('Wooncompas: the vordering cites its legal basis (WCP-4); Soest: release against a careful-use declaration (SOE-9)', async () => {
      const w = f.casesFor(wooncompas);
      const noBasis = await file(w, { kind: 'police', requester: { category: 'police', name: 'Agent' }, details: { window, officer: 'Agent' } });
      await refusedWith(allow(w, noBasis.id, 'digital_copy', as('wijkbeheerder')), { code: 'condition_legal_basis_cited', rule: 'WCP-4' });

      const s = f.casesFor(soest);
      const request = await file(s, { kind: 'police', requester: { category: 'ovj', name: 'OvJ Utrecht' }, details: { window, officer: 'mr. K. Jansen', legalBasis: 'art. 126nd Sv' } }, as('beheerder'));
      await refusedWith(allow(s, request.id, 'encrypted_carrier', as('manager')), { code: 'not_decider', rule: 'SOE-9' });
      expect((await allow(s, request.id, 'encrypted_carrier', as('beheerder'))).decision).toMatchObject({ rule: 'SOE-9' });
      await refusedWith(s.requests.step(request.id, { type: 'carry_out' }, as('beheerder')), { code: 'condition_identity_check', rule: 'SOE-9' });
      await facts(s, request.id, as('beheerder'), 'identity_checked');
      await s.requests.step(request.id, { type: 'carry_out' }, as('beheerder'));
      await refusedWith(s.requests.step(request.id, { type: 'close' }, as('beheerder')), { code: 'document_unsigned', rule: 'SOE-9' });
    });
  });

  describe('data-subject access', () => {
    it('deadlines follow the profile in force at receipt: Domijn one month (AVG-12.3), Mozaiek five working days (MOZ-4.4), Soest two (SOE-10)', async () => {
      const cases = [[domijn, '2026-04-02', 'AVG-12.3'], [mozaiek, '2026-03-09', 'MOZ-4.4'], [soest, '2026-03-04', 'SOE-10'], [wooncompas, '2026-04-02', 'AVG-12.3']] as const;
      for (const [profile, due, rule] of cases) {
        const request = await file(f.casesFor(profile), { kind: 'access' }, profile === soest ? as('privacy_officer') : as('wijkbeheerder'));
        expect(request.deadline, profile.id).toMatchObject({ due, rule });
      }
    });

    it('Domijn may extend by two months (AVG-12.3); Mozaiek keeps its five working days (MOZ-4.4)', async () => {
      const d = f.casesFor(domijn);
      const request = await file(d, { kind: 'access' });
      const extended = await d.requests.step(request.id, { type: 'extend', reason: 'Veel beelden te beoordelen' }, as('wijkbeheerder'));
      expect(extended.deadline).toMatchObject({ due: '2026-04-02', extendedDue: '2026-06-02' });
      const m = f.casesFor(mozaiek);
      const other = await file(m, { kind: 'access' });
      await refusedWith(m.requests.step(other.id, { type: 'extend', reason: 'x' }, as('wijkbeheerder')), { code: 'extension_not_in_protocol', rule: 'MOZ-4.4' });
    });

    it('Wooncompas gives a digital copy (WCP-7); Mozaiek shows the footage at the office after balancing (MOZ-4.2) and a signed inzageverklaring (MOZ-4.6)', async () => {
      const w = f.casesFor(wooncompas);
      const copy = await file(w, { kind: 'access' });
      await refusedWith(allow(w, copy.id, 'supervised_viewing_at_office', as('wijkbeheerder')), { code: 'outcome_not_in_protocol', rule: 'WCP-7' });
      await facts(w, copy.id, as('wijkbeheerder'), 'own_images_checked');
      expect((await allow(w, copy.id, 'digital_copy', as('wijkbeheerder'))).decision).toMatchObject({ outcome: 'digital_copy', rule: 'WCP-7' });

      const m = f.casesFor(mozaiek);
      const viewing = await file(m, { kind: 'access' });
      await facts(m, viewing.id, as('wijkbeheerder'), 'own_images_checked');
      await refusedWith(allow(m, viewing.id, 'supervised_viewing_at_office', as('wijkbeheerder')), { code: 'condition_balancing_of_interests', rule: 'MOZ-4.2' });
      await facts(m, viewing.id, as('wijkbeheerder'), 'balancing_recorded', 'identity_checked', 'staff_present');
      await allow(m, viewing.id, 'supervised_viewing_at_office', as('wijkbeheerder'));
      await m.requests.step(viewing.id, { type: 'carry_out' }, as('wijkbeheerder'));
      await refusedWith(m.requests.step(viewing.id, { type: 'close' }, as('wijkbeheerder')), { code: 'document_unsigned', rule: 'MOZ-4.6' });
      await signAll(m, viewing.id, as('wijkbeheerder'), ['viewing_declaration', 'decision_letter']);
      expect((await m.requests.step(viewing.id, { type: 'close' }, as('wijkbeheerder'))).state).toBe('closed');
    });

    it('a refusal names its ground and rule: Domijn an unspecified request (DOM-11); Wooncompas knows no "manifest abuse" ground (WCP-7)', async () => {
      const d = f.casesFor(domijn);
      const vague = await file(d, { kind: 'access', details: {} });
      const refused = await d.requests.step(vague.id, { type: 'decide', decision: 'refuse', ground: 'unspecified_request', reasons: 'Geen tijdstip genoemd.' }, as('wijkbeheerder'));
      expect(refused.decision).toMatchObject({ ground: 'unspecified_request', rule: 'DOM-11' });
      const w = f.casesFor(wooncompas);
      const abuse = await file(w, { kind: 'access' });
      await refusedWith(w.requests.step(abuse.id, { type: 'decide', decision: 'refuse', ground: 'manifestly_abusive', reasons: 'x' }, as('wijkbeheerder')), { code: 'ground_not_in_protocol', rule: 'WCP-7' });
    });
  });

  describe('erasure, restriction, objection', () => {
    it('erasure: WelWonen\u2019s privacy officer decides within four weeks (WEL-15); Mozaiek within five working days (MOZ-4.7); Domijn under the AVG (AVG-17)', async () => {
      const ww = f.casesFor(welwonen);
      const request = await file(ww, { kind: 'erasure' }, as('privacy_officer'));
      expect(request.deadline).toMatchObject({ due: '2026-03-30', rule: 'WEL-15' });
      await refusedWith(allow(ww, request.id, 'erasure', as('wijkbeheerder')), { code: 'not_decider', rule: 'WEL-15' });
      expect((await allow(ww, request.id, 'erasure', as('privacy_officer'))).decision).toMatchObject({ rule: 'WEL-15' });
      expect((await file(f.casesFor(mozaiek), { kind: 'erasure' })).deadline).toMatchObject({ due: '2026-03-09', rule: 'MOZ-4.7' });
      const d = f.casesFor(domijn);
      const atDomijn = await file(d, { kind: 'erasure' });
      expect((await allow(d, atDomijn.id, 'erasure', as('wijkbeheerder'))).decision).toMatchObject({ rule: 'AVG-17' });
    });

    it('restriction places a "do not use" hold: Domijn (AVG-18); at Soest the manager decides (SOE-12) and the beheerder, who secures footage, carries it out (SOE-7.1)', async () => {
      const d = f.casesFor(domijn);
      const atDomijn = await file(d, { kind: 'restriction' });
      await allow(d, atDomijn.id, 'restriction', as('wijkbeheerder'));
      await refusedWith(d.requests.step(atDomijn.id, { type: 'carry_out' }, as('wijkbeheerder')), { code: 'condition_identity_check', rule: 'AVG-18' });
      await facts(d, atDomijn.id, as('wijkbeheerder'), 'identity_checked');
      await d.requests.step(atDomijn.id, { type: 'carry_out' }, as('wijkbeheerder'));
      const detail = await d.requests.get(atDomijn.id);
      expect(detail.decision).toMatchObject({ rule: 'AVG-18' });
      expect(detail.holds).toMatchObject([{ kind: 'restriction', cameraIds: [entree], from: new Date(window.from).toISOString(), releasedAt: null }]);

      const s = f.casesFor(soest);
      const atSoest = await file(s, { kind: 'restriction' }, as('manager'));
      await refusedWith(allow(s, atSoest.id, 'restriction', as('beheerder')), { code: 'not_decider', rule: 'SOE-12' });
      await allow(s, atSoest.id, 'restriction', as('manager'));
      await facts(s, atSoest.id, as('manager'), 'identity_checked');
      await refusedWith(s.requests.step(atSoest.id, { type: 'carry_out' }, as('manager')), { code: 'not_allowed', rule: 'SOE-7.1' });
      await s.requests.step(atSoest.id, { type: 'carry_out' }, as('beheerder'));
      expect((await s.requests.get(atSoest.id)).holds).toHaveLength(1);
    });

    it('objection: Mozaiek decides in five working days after balancing (MOZ-4.7); Domijn stops processing under the AVG (AVG-21)', async () => {
      const m = f.casesFor(mozaiek);
      const request = await file(m, { kind: 'objection' });
      expect(request.deadline).toMatchObject({ due: '2026-03-09', rule: 'MOZ-4.7' });
      await refusedWith(allow(m, request.id, 'processing_stopped', as('wijkbeheerder')), { code: 'condition_balancing_of_interests', rule: 'MOZ-4.7' });
      await facts(m, request.id, as('wijkbeheerder'), 'balancing_recorded');
      expect((await allow(m, request.id, 'processing_stopped', as('wijkbeheerder'))).decision).toMatchObject({ rule: 'MOZ-4.7' });
      const d = f.casesFor(domijn);
      const atDomijn = await file(d, { kind: 'objection' });
      expect((await allow(d, atDomijn.id, 'processing_stopped', as('wijkbeheerder'))).decision).toMatchObject({ rule: 'AVG-21' });
    });
  });

  describe('keep longer (retention extension)', () => {
    it('Domijn decides within two weeks (DOM-8) and holds the footage meanwhile; a refusal, once closed, releases it', async () => {
      const d = f.casesFor(domijn);
      const request = await file(d, { kind: 'retention-extension', requester: { category: 'tenant', name: 'Huurder' } });
      expect(request.deadline).toMatchObject({ due: '2026-03-16', rule: 'DOM-8' });
      expect((await d.requests.get(request.id)).holds).toMatchObject([{ kind: 'retention_extension', releasedAt: null }]);
      await d.requests.step(request.id, { type: 'decide', decision: 'refuse', ground: 'incompatible_purpose', reasons: 'Geen incident.' }, as('wijkbeheerder'));
      await signAll(d, request.id, as('wijkbeheerder'), ['decision_letter']);
      await d.requests.step(request.id, { type: 'close' }, as('wijkbeheerder'));
      expect((await d.requests.get(request.id)).holds[0]!.releasedAt).not.toBeNull();
      expect(await f.logged(request.ref)).toEqual(['request.received', 'hold.created', 'request.refused', 'document.generated', 'request.closed', 'hold.released']);
    });

    it('Mozaiek secures immediately on request (MOZ-2.4): due the day of receipt, kept after it is allowed', async () => {
      const m = f.casesFor(mozaiek);
      const request = await file(m, { kind: 'retention-extension', requester: { category: 'tenant', name: 'Huurder' } });
      expect(request.deadline).toMatchObject({ due: '2026-03-02', rule: 'MOZ-2.4' });
      await facts(m, request.id, as('wijkbeheerder'), 'incident_need');
      expect((await allow(m, request.id, 'extended_retention', as('wijkbeheerder'))).decision).toMatchObject({ rule: 'MOZ-2.4' });
      await m.requests.step(request.id, { type: 'carry_out' }, as('wijkbeheerder'));
      await m.requests.step(request.id, { type: 'close' }, as('wijkbeheerder'));
      expect((await m.requests.get(request.id)).holds.map((h) => h.releasedAt)).toEqual([null]);
    });

    it('Soest keeps the footage until the request is handled (SOE-7.1): no term runs, the hold lasts until the decision is closed', async () => {
      const s = f.casesFor(soest);
      const request = await file(s, { kind: 'retention-extension', requester: { category: 'staff', name: 'Baliemedewerker' } }, as('beheerder'));
      expect(request.deadline).toMatchObject({ due: null, rule: 'SOE-7.1' });
      expect((await s.requests.get(request.id)).holds).toMatchObject([{ kind: 'retention_extension', releasedAt: null }]);
      await s.requests.step(request.id, { type: 'decide', decision: 'refuse', ground: 'incompatible_purpose', reasons: 'Geen incident.' }, as('beheerder'));
      expect((await s.requests.get(request.id)).holds[0]!.releasedAt).toBeNull();
      await signAll(s, request.id, as('beheerder'), ['decision_letter']);
      await s.requests.step(request.id, { type: 'close' }, as('beheerder'));
      expect((await s.requests.get(request.id)).holds[0]!.releasedAt).not.toBeNull();
      expect((await s.requests.get(request.id)).decision).toMatchObject({ rule: 'SOE-7.1' });
    });
  });
});
