import type { Role } from '../auth/roles.js';
import { evaluate, type Evaluation } from '../protocol/evaluate.js';
import type { ProtocolProfile, RequestRule } from '../protocol/profile.schema.js';
import type { Text } from '../protocol/provenance.schema.js';
import type { Condition, DocumentKind, RecipientCategory, RequesterCategory, RequestKind } from '../protocol/vocabulary.js';
import { writtenChannels, type CaseRequest, type RequestDetails, type RequestFact } from './request.js';

/**
 * What the profile asks before a request may move on, as pure functions: each unmet condition
 * is a Violation naming the rule, so a refusal in the API and the UI always says why.
 */
export interface Violation {
  code: string;
  rule: string;
  message: Text;
}

const violation = (code: string, rule: string, nl: string, en: string): Violation => ({ code, rule, message: { nl, en } });

/** When a condition must be met, and by which recorded fact. */
type Moment = 'decision' | 'carry_out';
const factFor: Partial<Record<Condition, { fact: RequestFact; before: Moment }>> = {
  written_request: { fact: 'written_request_received', before: 'decision' },
  police_order: { fact: 'written_request_received', before: 'decision' },
  plausible_interest: { fact: 'interest_plausible', before: 'decision' },
  own_images_only: { fact: 'own_images_checked', before: 'decision' },
  balancing_of_interests: { fact: 'balancing_recorded', before: 'decision' },
  compatible_with_purpose: { fact: 'purpose_compatible', before: 'decision' },
  overriding_interest: { fact: 'interest_outweighs', before: 'decision' },
  weighty_interest_or_legal_duty: { fact: 'weighty_interest', before: 'decision' },
  demonstrable_legitimate_interest: { fact: 'legitimate_interest', before: 'decision' },
  proportionality_and_subsidiarity: { fact: 'proportionality', before: 'decision' },
  needed_for_incident_handling: { fact: 'incident_need', before: 'decision' },
  needed_for_proceedings: { fact: 'proceedings_need', before: 'decision' },
  identity_check: { fact: 'identity_checked', before: 'carry_out' },
  identity_check_in_person: { fact: 'identity_checked', before: 'carry_out' },
  staff_present: { fact: 'staff_present', before: 'carry_out' },
};

/** Conditions met by a signed declaration before the request is closed. */
const declarationFor: Partial<Record<Condition, DocumentKind>> = {
  signed_receipt: 'receipt_statement',
  careful_use_declaration: 'careful_use_declaration',
  viewing_declaration: 'viewing_declaration',
};

/**
 * The seed rules that state a condition most specifically. A violation cites the first of them
 * that the profile itself cites for this request, else the request's own first rule: the choice
 * never names a rule the profile does not.
 */
const specificRules: Partial<Record<Condition, string[]>> = {
  written_request: ['DOM-5', 'SOE-9', 'SOE-10'],
  police_order: ['WEL-13'],
  motivated_request: ['SOE-10'],
  plausible_interest: ['DOM-11'],
  own_images_only: ['MOZ-4.1', 'WCP-7', 'WEL-14', 'SOE-10'],
  balancing_of_interests: ['MOZ-4.2', 'WCP-9', 'WCP-7', 'SOE-10'],
  identity_check: ['MOZ-5', 'SOE-9', 'WCP-7'],
  identity_check_in_person: ['MOZ-4.5', 'SOE-10'],
  staff_present: ['MOZ-4.5'],
  viewing_declaration: ['MOZ-4.6', 'SOE-10'],
  signed_receipt: ['DOM-5', 'MOZ-5'],
  careful_use_declaration: ['SOE-9', 'MOZ-5'],
  legal_basis_cited: ['WCP-4', 'MOZ-5'],
  legal_basis_cited_or_public_task: ['MOZ-5'],
  time_and_place_given: ['DOM-11'],
  time_and_duration_given: ['MOZ-4.1', 'WCP-7'],
};

export const conditionLabels: Record<Condition, Text> = {
  written_request: { nl: 'een schriftelijk verzoek', en: 'a written request' },
  motivated_request: { nl: 'een gemotiveerd verzoek', en: 'a motivated request' },
  legal_basis_cited: { nl: 'de wettelijke grondslag in het verzoek', en: 'the legal basis cited in the request' },
  legal_basis_cited_or_public_task: { nl: 'de wettelijke grondslag of de publieke taak', en: 'the legal basis or the public task' },
  police_order: { nl: 'een vordering van de politie', en: 'a police order' },
  identity_check: { nl: 'een identiteitscontrole', en: 'an identity check' },
  identity_check_in_person: { nl: 'een identiteitscontrole in persoon', en: 'an identity check in person' },
  time_and_place_given: { nl: 'plaats en tijdstip', en: 'place and time' },
  time_and_duration_given: { nl: 'tijdstip en duur', en: 'time and duration' },
  plausible_interest: { nl: 'een aannemelijk belang', en: 'a plausible interest' },
  own_images_only: { nl: 'alleen eigen beelden', en: 'own images only' },
  balancing_of_interests: { nl: 'een vastgelegde belangenafweging', en: 'a recorded balancing of interests' },
  compatible_with_purpose: { nl: 'verenigbaarheid met het doel', en: 'compatibility with the purpose' },
  overriding_interest: { nl: 'een zwaarder wegend belang', en: 'an overriding interest' },
  weighty_interest_or_legal_duty: { nl: 'een zwaarwegend belang of wettelijke plicht', en: 'a weighty interest or legal duty' },
  demonstrable_legitimate_interest: { nl: 'een aantoonbaar gerechtvaardigd belang', en: 'a demonstrable legitimate interest' },
  proportionality_and_subsidiarity: { nl: 'proportionaliteit en subsidiariteit', en: 'proportionality and subsidiarity' },
  needed_for_incident_handling: { nl: 'nodig voor de afhandeling van een incident', en: 'needed to handle an incident' },
  needed_for_proceedings: { nl: 'nodig voor een procedure', en: 'needed for proceedings' },
  signed_receipt: { nl: 'een getekende ontvangstverklaring', en: 'a signed receipt' },
  careful_use_declaration: { nl: 'een getekende verklaring zorgvuldig gebruik', en: 'a signed careful-use declaration' },
  viewing_declaration: { nl: 'een getekende inzageverklaring', en: 'a signed viewing declaration' },
  staff_present: { nl: 'een aanwezige medewerker', en: 'a member of staff present' },
  privacy_officer_in_doubt: { nl: 'bij twijfel de privacy officer', en: 'the privacy officer where in doubt' },
};

export function ruleFor(condition: Condition, cited: readonly string[]): string {
  return specificRules[condition]?.find((rule) => cited.includes(rule)) ?? cited[0] ?? 'silent';
}

/** The recipient a request would provide footage to: the police kind to the police or OvJ, a third party to whom it names. */
export function recipientOf(kind: RequestKind, requester: RequesterCategory, details: RequestDetails): RecipientCategory | null {
  if (kind === 'police') return requester === 'ovj' ? 'ovj' : 'police';
  if (kind === 'third-party') return details.recipient ?? null;
  return null;
}

/**
 * The protocol's view of a request at filing: may this requester file it, and may footage go to
 * this recipient? An unfavourable assessment does not stop the request being registered (every
 * request is on record, SOE-10), but it can then only be refused, citing the rule.
 */
export function assess(profile: ProtocolProfile, kind: RequestKind, requester: RequesterCategory, details: RequestDetails): Evaluation {
  const filing = evaluate(profile, 'file_request', { kind, requester });
  if (!filing.allowed) return filing;
  const recipient = recipientOf(kind, requester, details);
  if (!recipient || kind === 'police') return filing;
  const provision = evaluate(profile, 'provide_to_third_party', { recipient });
  return provision.allowed ? { ...provision, conditions: [...new Set([...filing.conditions, ...provision.conditions])] } : provision;
}

/** The conditions that apply to the request: its kind's, and the recipient's where footage is provided. */
export function conditionsOf(profile: ProtocolProfile, request: Pick<CaseRequest, 'kind' | 'requester' | 'details'>): { conditions: Condition[]; rules: string[] } {
  const rule: RequestRule = profile.requests[request.kind];
  const recipient = recipientOf(request.kind, request.requester.category, request.details);
  const named = recipient ? profile.thirdParty.recipients.find((entry) => entry.category === recipient) : undefined;
  const extra = recipient && !named && request.kind === 'third-party' ? profile.thirdParty.others : named;
  return {
    conditions: [...new Set([...rule.conditions, ...(extra?.conditions ?? [])])],
    rules: [...new Set([...rule.rules, ...(extra?.rules ?? [])])],
  };
}

/** Conditions that must be met before the request may be allowed. */
export function beforeDecision(profile: ProtocolProfile, request: CaseRequest): Violation[] {
  const { conditions, rules } = conditionsOf(profile, request);
  const out: Violation[] = [];
  for (const condition of conditions) {
    const label = conditionLabels[condition];
    const rule = ruleFor(condition, rules);
    const need = (nl: string, en: string) => out.push(violation(`condition_${condition}`, rule, `${nl} (${rule}).`, `${en} (${rule}).`));
    if (condition === 'written_request' || condition === 'police_order') {
      if (!writtenChannels.includes(request.channel) && !request.facts.written_request_received) {
        need(`Eerst ${label.nl} vastleggen`, `Record ${label.en} first`);
      }
    } else if (condition === 'legal_basis_cited' || condition === 'legal_basis_cited_or_public_task') {
      if (!request.details.legalBasis?.trim()) need(`Het verzoek noemt niet ${label.nl}`, `The request does not give ${label.en}`);
    } else if (condition === 'motivated_request') {
      if (!request.details.motivation?.trim()) need(`Het verzoek is niet gemotiveerd`, `The request gives no motivation`);
    } else if (condition === 'time_and_place_given' || condition === 'time_and_duration_given') {
      if (!request.details.window) need(`Het verzoek noemt niet ${label.nl}`, `The request does not give ${label.en}`);
    } else {
      const needed = factFor[condition];
      if (needed?.before === 'decision' && !request.facts[needed.fact]) need(`Eerst ${label.nl} vastleggen`, `Record ${label.en} first`);
    }
  }
  return out;
}

/** Conditions that must be met before an allowed request is carried out (viewing, delivery). */
export function beforeCarryingOut(profile: ProtocolProfile, request: CaseRequest): Violation[] {
  const { conditions, rules } = conditionsOf(profile, request);
  return conditions.flatMap((condition) => {
    const needed = factFor[condition];
    if (needed?.before !== 'carry_out' || request.facts[needed.fact]) return [];
    const rule = ruleFor(condition, rules);
    const label = conditionLabels[condition];
    return [violation(`condition_${condition}`, rule, `Eerst ${label.nl} vastleggen (${rule}).`, `Record ${label.en} first (${rule}).`)];
  });
}

/** Documents the request needs before it is closed: signed declarations where footage was shown or given, and the decision letter. */
export function documentsNeeded(profile: ProtocolProfile, request: CaseRequest): { kind: DocumentKind; signed: boolean; rule: string }[] {
  const { conditions, rules } = conditionsOf(profile, request);
  const listed = profile.requests[request.kind].documents;
  const needed: { kind: DocumentKind; signed: boolean; rule: string }[] = [];
  if (request.decision?.decision === 'allow') {
    for (const condition of conditions) {
      const kind = declarationFor[condition];
      if (kind && !needed.some((n) => n.kind === kind)) needed.push({ kind, signed: true, rule: ruleFor(condition, rules) });
    }
    for (const kind of listed) {
      if (kind !== 'decision_letter' && !needed.some((n) => n.kind === kind)) needed.push({ kind, signed: true, rule: rules[0] ?? 'X-5' });
    }
  }
  if (listed.includes('decision_letter') || (request.decision?.decision === 'refuse' && request.kind !== 'retention-extension')) {
    needed.push({ kind: 'decision_letter', signed: false, rule: rules.includes('X-5') ? 'X-5' : (rules[0] ?? 'X-5') });
  }
  return needed;
}

export function beforeClosing(profile: ProtocolProfile, request: CaseRequest, documents: { kind: string; status: string }[]): Violation[] {
  return documentsNeeded(profile, request).flatMap(({ kind, signed, rule }) => {
    const present = documents.some((d) => d.kind === kind && (!signed || d.status === 'signed'));
    if (present) return [];
    const what = documentLabels[kind];
    return [
      signed
        ? violation('document_unsigned', rule, `Eerst ${what.nl} laten ondertekenen (${rule}).`, `Have ${what.en} signed first (${rule}).`)
        : violation('document_missing', rule, `Eerst ${what.nl} opstellen (${rule}).`, `Draw up ${what.en} first (${rule}).`),
    ];
  });
}

export const documentLabels: Record<DocumentKind, Text> = {
  receipt_statement: { nl: 'de ontvangstverklaring', en: 'the receipt statement' },
  viewing_declaration: { nl: 'de inzageverklaring', en: 'the viewing declaration' },
  careful_use_declaration: { nl: 'de verklaring zorgvuldig gebruik', en: 'the careful-use declaration' },
  decision_letter: { nl: 'de beslisbrief', en: 'the decision letter' },
};

/** May this role decide requests of the kind? Names the granting rule either way. */
export function deciderCheck(profile: ProtocolProfile, kind: RequestKind, role: Role): Violation | null {
  const decision = evaluate(profile, 'decide_request', { kind, role });
  return decision.allowed ? null : { code: 'not_decider', rule: decision.rule, message: decision.message };
}
