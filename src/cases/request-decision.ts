import { addDays, amsterdamDate, onOrNextWorkingDay, type IsoDate } from '../protocol/calendar.js';
import { computeDeadline, dueDate } from '../protocol/deadline.js';
import type { ProtocolProfile } from '../protocol/profile.schema.js';
import { dataSubjectRequestKinds, outcomes, refusalGrounds, type Outcome, type RefusalGround, type RequestKind } from '../protocol/vocabulary.js';
import type { Violation } from './request-conditions.js';
import type { CaseRequest } from './request.js';

/** Pure rules for deciding: which outcome and which refusal ground the profile allows, and the rule each cites. */

export type Ground = RefusalGround | 'not_permitted_by_protocol';
export const grounds: readonly Ground[] = [...refusalGrounds, 'not_permitted_by_protocol'];

const v = (code: string, rule: string, nl: string, en: string): Violation => ({ code, rule, message: { nl, en } });

/** The outcomes an allowing decision may have under the profile (the refusal is not one of them). */
export function allowedOutcomes(profile: ProtocolProfile, kind: RequestKind): Outcome[] {
  return profile.requests[kind].outcomes.filter((outcome) => outcome !== 'refusal_with_reasons');
}

/** Checks an allowing decision's outcome; returns the rule the decision cites. */
export function allowOutcome(profile: ProtocolProfile, kind: RequestKind, outcome: Outcome | null): { rule: string } | Violation {
  const request = profile.requests[kind];
  const rule = request.rules[0] ?? 'silent';
  const possible = allowedOutcomes(profile, kind);
  if (outcome === null || !possible.includes(outcome)) {
    return v('outcome_not_in_protocol', rule, `Kies een uitkomst die het protocol kent: ${possible.join(', ')} (${rule}).`, `Choose an outcome the protocol provides: ${possible.join(', ')} (${rule}).`);
  }
  return { rule };
}

/**
 * Checks a refusal's ground. Where the profile lists grounds for the kind, only those may be used,
 * and the refusal cites the ground's own rule (DOM-11, WCP-7…). Where it lists none, the AVG's
 * grounds apply and the request's rule is cited. A request the protocol does not permit at all is
 * refused on that ground, citing the rule that forbids it.
 */
export function refusalGround(profile: ProtocolProfile, kind: RequestKind, ground: Ground | null, forbiddingRule: string | null): { rule: string } | Violation {
  const request = profile.requests[kind];
  const rule = request.rules[0] ?? 'silent';
  if (ground === null) return v('ground_required', rule, `Een weigering noemt de grond (${rule}).`, `A refusal names its ground (${rule}).`);
  if (ground === 'not_permitted_by_protocol') {
    if (forbiddingRule) return { rule: forbiddingRule };
    return v('ground_not_applicable', rule, `Het protocol staat dit verzoek toe; kies een andere grond (${rule}).`, `The protocol permits this request; choose another ground (${rule}).`);
  }
  if (request.refusalGrounds.length === 0) return { rule };
  const listed = request.refusalGrounds.find((entry) => entry.ground === ground);
  if (!listed) {
    const names = request.refusalGrounds.map((entry) => entry.ground).join(', ');
    return v('ground_not_in_protocol', rule, `Het protocol kent voor dit verzoek alleen deze weigeringsgronden: ${names} (${rule}).`, `The protocol knows only these refusal grounds for this request: ${names} (${rule}).`);
  }
  return { rule: listed.rules[0] ?? rule };
}

/** The deadline of a request received at `receivedAt` under the profile in force then (INV-7). */
export function deadlineAtReceipt(profile: ProtocolProfile, kind: RequestKind, receivedAt: Date, deliveryDeadline?: IsoDate): { due: IsoDate | null; rule: string; steps: string[] } {
  const result = computeDeadline(profile, kind, receivedAt);
  if (!result.allowed) return { due: null, rule: result.rule, steps: [`the protocol does not provide for this request (${result.rule})`] };
  if (result.due === null && deliveryDeadline) {
    return { due: deliveryDeadline, rule: result.rule, steps: [...result.steps, `the vordering names ${deliveryDeadline} as its delivery date`] };
  }
  return { due: result.due, rule: result.rule, steps: result.steps };
}

/** An urgent oral police request is confirmed in writing within three days (the period ends on a working day). */
export function writtenConfirmationDue(receivedAt: Date): IsoDate {
  return onOrNextWorkingDay(addDays(amsterdamDate(receivedAt), 3));
}

/**
 * AVG art. 12(3): a data-subject request may be extended by two further months when that is
 * necessary, with notice to the requester within the first month. Only where the profile's term
 * is the AVG's own: a protocol that promises a shorter term (MOZ-4.4, WEL-15, SOE-10) keeps it.
 */
export function extension(profile: ProtocolProfile, request: CaseRequest, today: IsoDate): { due: IsoDate; steps: string[] } | Violation {
  const deadline = profile.requests[request.kind].deadline;
  const rule = deadline?.rules[0] ?? profile.requests[request.kind].rules[0] ?? 'AVG-12.3';
  if (!dataSubjectRequestKinds.includes(request.kind)) {
    return v('extension_not_possible', rule, `Alleen verzoeken van betrokkenen kunnen worden verlengd (AVG-12.3).`, `Only data-subject requests can be extended (AVG-12.3).`);
  }
  if (deadline?.kind !== 'avg_default') {
    return v('extension_not_in_protocol', rule, `Het protocol stelt een eigen, kortere termijn; verlengen kan niet (${rule}).`, `The protocol sets its own, shorter term; it cannot be extended (${rule}).`);
  }
  if (request.deadline.extendedDue) return v('already_extended', 'AVG-12.3', 'De termijn is al verlengd (AVG-12.3).', 'The term has already been extended (AVG-12.3).');
  if (request.deadline.due && today > request.deadline.due) {
    return v('extension_too_late', 'AVG-12.3', 'Verlengen moet binnen de eerste maand worden gemeld (AVG-12.3).', 'An extension must be notified within the first month (AVG-12.3).');
  }
  const received = amsterdamDate(new Date(request.receivedAt));
  const { due, steps } = dueDate({ kind: 'months', n: 3, rules: ['AVG-12.3'], source: 'law' }, received);
  return { due: due!, steps: ['extended by two further months (AVG art. 12(3))', ...steps] };
}

export const isViolation = (value: object): value is Violation => 'code' in value;
export const isOutcome = (value: string): value is Outcome => (outcomes as readonly string[]).includes(value);
