import type { Role } from '../auth/roles.js';
import { recipientLabels, requestKindLabels, requesterLabels, viewReasonLabels } from './labels.js';
import { grantOf } from './policy-from-profile.js';
import type { ProtocolProfile } from './profile.schema.js';
import type { Text } from './provenance.schema.js';
import {
  dataSubjectRequestKinds, personRecipients, type Condition, type HoldEnd, type Permission, type RecipientCategory,
  type RequestKind, type RequesterCategory, type ViewReason,
} from './vocabulary.js';

/**
 * Protocol decisions that have no Action in src/auth/policy.ts yet, evaluated from a profile
 * (INV-5). Every outcome names the rule that allows or forbids it, with a Dutch and English
 * message; an allowed outcome lists the conditions still to be met (identity check, receipt…).
 */
export interface Evaluation {
  allowed: boolean;
  rule: string;
  message: Text;
  conditions: Condition[];
}

export interface ProtocolContexts {
  provide_to_third_party: { recipient: RecipientCategory; writtenRequest?: boolean; legalBasisCited?: boolean };
  view_recordings: { role: Role; reason: ViewReason | 'free_text' };
  view_live: { role: Role; reason: ViewReason | 'free_text' };
  file_request: { kind: RequestKind; requester: RequesterCategory };
  decide_request: { kind: RequestKind; role: Role };
  use_permission: { permission: Permission; role: Role };
  release_hold: { role: Role; until: HoldEnd; conditionMet: boolean };
  install_camera: { hidden?: boolean; staffTheftOrFraudSuspicion?: boolean; dummy?: boolean };
}

export type ProtocolAction = keyof ProtocolContexts;

/** The rule named where the profile field is silent: neither the seed nor the law provides for it. */
export const SILENT = 'silent';

const allow = (rule: string, nl: string, en: string, conditions: Condition[] = []): Evaluation => ({ allowed: true, rule, message: { nl, en }, conditions });
const deny = (rule: string, nl: string, en: string): Evaluation => ({ allowed: false, rule, message: { nl, en }, conditions: [] });

export function evaluate<A extends ProtocolAction>(profile: ProtocolProfile, action: A, context: ProtocolContexts[A]): Evaluation {
  const evaluators: { [K in ProtocolAction]: (profile: ProtocolProfile, context: ProtocolContexts[K]) => Evaluation } = {
    provide_to_third_party: provision,
    view_recordings: (p, c) => viewing(p, 'recordings', c),
    view_live: (p, c) => viewing(p, 'live', c),
    file_request: filing,
    decide_request: (p, c) => permission(p, { permission: `decide:${c.kind}`, role: c.role }),
    use_permission: permission,
    release_hold: holdRelease,
    install_camera: installation,
  };
  return (evaluators[action] as (p: ProtocolProfile, c: ProtocolContexts[A]) => Evaluation)(profile, context);
}

function provision(profile: ProtocolProfile, { recipient, writtenRequest, legalBasisCited }: ProtocolContexts['provide_to_third_party']): Evaluation {
  const who = recipientLabels[recipient];
  const rules = profile.thirdParty;
  const refused = rules.refused.find((entry) => entry.category === recipient);
  if (refused) {
    const rule = refused.rules[0] ?? rules.rules[0] ?? SILENT;
    return deny(rule, `Beelden gaan niet naar ${who.nl} (${rule}).`, `Footage is not provided to ${who.en} (${rule}).`);
  }
  const named = rules.recipients.find((entry) => entry.category === recipient);
  const others = rules.others;
  const openToOthers = others.allowed && (others.scope === 'anyone' || !personRecipients.includes(recipient));
  if (!named && !openToOthers) {
    const rule = others.rules[0] ?? rules.rules[0] ?? SILENT;
    return deny(rule, `Het protocol staat verstrekking aan ${who.nl} niet toe (${rule}).`, `The protocol does not allow provision to ${who.en} (${rule}).`);
  }
  const conditions = named ? named.conditions : others.conditions;
  const rule = (named ? named.rules[0] : others.rules[0]) ?? SILENT;
  if (writtenRequest === false && conditions.includes('written_request')) {
    return deny(rule, `Verstrekking aan ${who.nl} alleen na een schriftelijk verzoek (${rule}).`, `Provision to ${who.en} needs a written request (${rule}).`);
  }
  if (legalBasisCited === false && conditions.includes('legal_basis_cited')) {
    return deny(rule, `Het verzoek van ${who.nl} moet de wettelijke grondslag noemen (${rule}).`, `The request by ${who.en} must cite its legal basis (${rule}).`);
  }
  return allow(rule, `Verstrekking aan ${who.nl} is toegestaan onder voorwaarden (${rule}).`, `Provision to ${who.en} is allowed on conditions (${rule}).`, conditions);
}

function viewing(profile: ProtocolProfile, scope: 'live' | 'recordings', { role, reason }: ProtocolContexts['view_live']): Evaluation {
  const access = permission(profile, { permission: scope === 'live' ? 'view_live' : 'view_recordings', role });
  if (!access.allowed) return access;
  const what = scope === 'live' ? { nl: 'live meekijken', en: 'watch live' } : { nl: 'opnames terugkijken', en: 'view recordings' };
  if (reason === 'free_text') {
    const free = profile.viewing.freeText;
    const rule = free.rules[0] ?? profile.viewing.rules[0] ?? 'X-2';
    return free.allowed
      ? allow(rule, `Vrije reden toegestaan (${rule}).`, `A free-text reason is allowed (${rule}).`)
      : deny(rule, `Kies een incident of verzoek als reden om te ${what.nl} (${rule}).`, `Choose an incident or request as the reason to ${what.en} (${rule}).`);
  }
  const entries = profile.viewing.reasons.filter((entry) => entry.reason === reason && (entry.scope === scope || entry.scope === 'both'));
  const label = viewReasonLabels[reason];
  if (entries.length === 0) {
    const rule = profile.viewing.rules[0] ?? 'X-2';
    return deny(rule, `${label.nl} is geen reden om te ${what.nl} (${rule}).`, `${label.en} is no reason to ${what.en} (${rule}).`);
  }
  const entry = entries.find((candidate) => candidate.roles === null || candidate.roles.includes(role));
  if (!entry) {
    const rule = entries[0]?.rules[0] ?? 'X-2';
    return deny(rule, `Uw rol (${role}) mag niet ${what.nl} wegens ${label.nl} (${rule}).`, `Your role (${role}) may not ${what.en} for ${label.en} (${rule}).`);
  }
  const rule = entry.rules[0] ?? 'X-2';
  return allow(rule, `U mag ${what.nl} wegens ${label.nl} (${rule}).`, `You may ${what.en} for ${label.en} (${rule}).`);
}

function filing(profile: ProtocolProfile, { kind, requester }: ProtocolContexts['file_request']): Evaluation {
  const request = profile.requests[kind];
  const rule = request.rules[0] ?? SILENT;
  const what = requestKindLabels[kind];
  const who = requesterLabels[requester];
  if (!request.allowed) {
    return deny(rule, `Een verzoek om ${what.nl} is onder dit protocol niet mogelijk (${rule}).`, `A request for ${what.en} is not possible under this protocol (${rule}).`);
  }
  // A tenant or visitor who asks about footage of themselves is a data subject.
  const asDataSubject = dataSubjectRequestKinds.includes(kind) && (requester === 'tenant' || requester === 'visitor') && request.filedBy.includes('data_subject');
  if (!request.filedBy.includes(requester) && !asDataSubject) {
    return deny(rule, `${who.nl} kan geen verzoek om ${what.nl} indienen (${rule}).`, `${who.en} cannot file a request for ${what.en} (${rule}).`);
  }
  return allow(rule, `Verzoek om ${what.nl} door ${who.nl} is mogelijk (${rule}).`, `A request for ${what.en} by ${who.en} is possible (${rule}).`, request.conditions);
}

function permission(profile: ProtocolProfile, { permission: wanted, role }: ProtocolContexts['use_permission']): Evaluation {
  const grant = grantOf(profile, wanted);
  const kind = wanted.includes(':') ? (wanted.split(':')[1] as RequestKind) : null;
  const rule = grant?.rules[0] ?? (kind ? profile.requests[kind].rules[0] : undefined) ?? SILENT;
  if (grant && grant.roles.includes(role)) return allow(rule, `Toegestaan (${rule}).`, `Allowed (${rule}).`);
  return deny(rule, `Uw rol (${role}) mag '${wanted}' niet (${rule}).`, `Your role (${role}) may not '${wanted}' (${rule}).`);
}

function holdRelease(profile: ProtocolProfile, { role, until, conditionMet }: ProtocolContexts['release_hold']): Evaluation {
  const access = permission(profile, { permission: 'release_hold', role });
  if (!access.allowed) return access;
  const hold = profile.retention.holds.find((entry) => entry.until === until);
  if (hold && !conditionMet) {
    const rule = hold.rules[0] ?? 'X-3';
    const nl = { incident_handled: 'het incident is afgehandeld', request_handled: 'het verzoek is afgehandeld', police_consulted: 'overleg met de politie is vastgelegd', irrevocable_judgment: 'er een onherroepelijk vonnis is' }[until];
    const en = { incident_handled: 'the incident is handled', request_handled: 'the request is handled', police_consulted: 'consultation with the police is on record', irrevocable_judgment: 'there is an irrevocable judgment' }[until];
    return deny(rule, `De bewaarplicht loopt tot ${nl} (${rule}).`, `The hold lasts until ${en} (${rule}).`);
  }
  return access;
}

function installation(profile: ProtocolProfile, { hidden, staffTheftOrFraudSuspicion, dummy }: ProtocolContexts['install_camera']): Evaluation {
  const cameras = profile.cameras;
  if (hidden) {
    const rule = cameras.hidden.rules[0] ?? SILENT;
    if (cameras.hidden.allowed === 'never') return deny(rule, `Verborgen camera's zijn niet toegestaan (${rule}).`, `Hidden cameras are not allowed (${rule}).`);
    if (!staffTheftOrFraudSuspicion) {
      return deny(rule, `Een verborgen camera alleen bij een concrete verdenking van diefstal of fraude door een medewerker (${rule}).`, `A hidden camera needs a concrete suspicion of theft or fraud by an employee (${rule}).`);
    }
    return allow(rule, `Verborgen camera toegestaan wegens vastgelegde verdenking (${rule}).`, `Hidden camera allowed on the recorded suspicion (${rule}).`);
  }
  if (dummy) {
    const rule = cameras.dummies.rules[0] ?? SILENT;
    if (!cameras.dummies.allowed) return deny(rule, `Dummycamera's zijn in dit protocol niet voorzien (${rule}).`, `This protocol does not provide for dummy cameras (${rule}).`);
    return allow(rule, `Dummycamera toegestaan (${rule}).`, `Dummy camera allowed (${rule}).`);
  }
  const rule = cameras.signage.rules[0] ?? SILENT;
  return allow(rule, `Zichtbare camera met bord (${rule}).`, `Visible camera with a sign (${rule}).`);
}
