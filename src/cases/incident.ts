import type { Role } from '../auth/roles.js';
import { evaluate } from '../protocol/evaluate.js';
import type { ProtocolProfile } from '../protocol/profile.schema.js';
import type { Text } from '../protocol/provenance.schema.js';
import type { HoldEnd } from '../protocol/vocabulary.js';
import { invalid } from '../platform/errors.js';
import type { Violation } from './request-conditions.js';
import type { HoldKind } from './hold.port.js';

/** Incidents and the pure rules about securing their footage and releasing it again. */

/** What happened, in the seeds' own words (DOM-3, WCP-1, SOE-2/3); each profile lists the types it covers. */
export { incidentTypes, type IncidentType } from '../protocol/vocabulary.js';
import { incidentTypes, type IncidentType } from '../protocol/vocabulary.js';

export interface Incident {
  id: string;
  ref: string;
  type: IncidentType;
  siteId: string | null;
  place: string;
  occurredFrom: string;
  occurredTo: string;
  cameraIds: string[];
  description: string;
  reporter: string;
  status: 'open' | 'handled';
  policeReport: { filed: boolean; ref: string | null };
  proceedings: boolean;
  /** SOE-3: the report made under the organisation's aggression protocol. */
  aggressionReport: string | null;
  consultation: { at: string; by: string; notes: string | null } | null;
  judgment: { at: string; ref: string } | null;
  handled: { at: string; by: string; notes: string | null } | null;
  profileId: string;
  createdAt: string;
  createdBy: string;
}

/** At most a day of margin before and after the window, and a window of at most a week. */
export const maxMarginMinutes = 24 * 60;
export const maxWindowHours = 7 * 24;

/** The held window: the incident's (or chosen) window widened by the pre- and post-margins. */
export function heldWindow(from: string, to: string, preMinutes: number, postMinutes: number): { from: string; to: string } {
  const start = Date.parse(from);
  const end = Date.parse(to);
  if (Number.isNaN(start) || Number.isNaN(end)) throw invalid('window_invalid', 'The window needs a start and an end time', 'from');
  if (end <= start) throw invalid('window_order', 'The window ends after it starts', 'to');
  for (const [field, minutes] of [['preMarginMinutes', preMinutes], ['postMarginMinutes', postMinutes]] as const) {
    if (!Number.isInteger(minutes) || minutes < 0 || minutes > maxMarginMinutes) throw invalid('margin_invalid', `A margin is 0 to ${maxMarginMinutes} minutes`, field);
  }
  if (end - start > maxWindowHours * 3_600_000) throw invalid('window_too_long', `A window is at most ${maxWindowHours} hours`, 'to');
  return { from: new Date(start - preMinutes * 60_000).toISOString(), to: new Date(end + postMinutes * 60_000).toISOString() };
}

/** The kind of hold an incident's footage gets: a court case and a police report (aangifte) hold longer. */
export function holdKindFor(incident: Pick<Incident, 'proceedings' | 'policeReport'>): HoldKind {
  if (incident.proceedings) return 'court';
  if (incident.policeReport.filed) return 'police';
  return 'incident';
}

/** What must be true before a hold may be released, by kind of hold (the profile says which of these apply). */
export function releaseConditions(kind: HoldKind, incident: Pick<Incident, 'proceedings' | 'policeReport'> | null): HoldEnd[] {
  if (kind === 'restriction' || kind === 'retention_extension') return ['request_handled'];
  const ends: HoldEnd[] = ['incident_handled'];
  if (kind === 'police' || incident?.policeReport.filed) ends.push('police_consulted');
  if (kind === 'court' || incident?.proceedings) ends.push('irrevocable_judgment');
  return ends;
}

export interface ReleaseFacts {
  incidentHandled: boolean;
  policeConsulted: boolean;
  irrevocableJudgment: boolean;
  requestHandled: boolean;
}

/**
 * May this role release the hold now? Every condition that applies is put to the profile
 * (evaluate 'release_hold'): the first one the profile holds the footage for, and that is not
 * met, refuses the release and names its rule (DOM-9, WCP-11, DOM-8…).
 */
export function releaseCheck(profile: ProtocolProfile, role: Role, ends: HoldEnd[], facts: ReleaseFacts): Violation | { rule: string } {
  const met: Record<HoldEnd, boolean> = {
    incident_handled: facts.incidentHandled,
    police_consulted: facts.policeConsulted,
    irrevocable_judgment: facts.irrevocableJudgment,
    request_handled: facts.requestHandled,
  };
  const permission = evaluate(profile, 'use_permission', { permission: 'release_hold', role });
  if (!permission.allowed) return { code: 'not_allowed', rule: permission.rule, message: permission.message };
  let rule = permission.rule;
  for (const until of ends) {
    const decision = evaluate(profile, 'release_hold', { role, until, conditionMet: met[until] });
    if (!decision.allowed) return { code: `hold_until_${until}`, rule: decision.rule, message: decision.message };
    const held = profile.retention.holds.find((entry) => entry.until === until);
    if (held) rule = held.rules[0] ?? rule;
  }
  return { rule };
}

/** The incident types the profile covers, each with its rule (DOM-3, WCP-1 …); every type where the profile (an older version) lists none. */
export function incidentTypesOf(profile: ProtocolProfile): { type: IncidentType; rules: string[] }[] {
  return profile.incidents?.types.map(({ type, rules }) => ({ type, rules })) ?? incidentTypes.map((type) => ({ type, rules: [] }));
}

/** May this type of incident be reported (footage secured and viewed for it) under the profile? Null when it may. */
export function incidentTypeCheck(profile: ProtocolProfile, type: IncidentType): Violation | null {
  if (incidentTypesOf(profile).some((entry) => entry.type === type)) return null;
  const rule = profile.incidents?.rules[0] ?? profile.purposes.rules[0] ?? 'X-2';
  const label = incidentTypeLabels[type];
  return {
    code: 'incident_type_not_in_protocol',
    rule,
    message: {
      nl: `Het protocol gebruikt beelden niet voor dit soort incident: ${label.nl.toLowerCase()} (${rule}).`,
      en: `The protocol does not use footage for this kind of incident: ${label.en.toLowerCase()} (${rule}).`,
    },
  };
}

/** The organisation's other protocol this type is also reported under, with its rule (SOE-2/3: aggression), or null. */
export function alsoReportedUnder(profile: ProtocolProfile, type: IncidentType): { protocol: Text; rule: string } | null {
  const entry = profile.incidents?.alsoReportedUnder.find((item) => item.types.includes(type));
  return entry ? { protocol: entry.protocol, rule: entry.rules[0] ?? profile.incidents?.rules[0] ?? 'silent' } : null;
}

/** SOE-2/3: the rule under which an aggression incident is also reported under the aggression protocol (from the profile). */
export function aggressionReportRule(profile: ProtocolProfile): string | null {
  return alsoReportedUnder(profile, 'aggression')?.rule ?? null;
}

export const incidentTypeLabels: Record<IncidentType, Text> = {
  vandalism: { nl: 'Vandalisme', en: 'Vandalism' },
  nuisance: { nl: 'Overlast', en: 'Nuisance' },
  theft: { nl: 'Diefstal', en: 'Theft' },
  burglary: { nl: 'Inbraak', en: 'Burglary' },
  violence: { nl: 'Geweldpleging', en: 'Violence' },
  aggression: { nl: 'Agressie', en: 'Aggression' },
  uninvited_guests: { nl: 'Ongenode gasten', en: 'Uninvited guests' },
  house_rules_breach: { nl: 'Overtreding huisregels of huurvoorwaarden', en: 'Breach of house rules or tenancy conditions' },
  other: { nl: 'Anders', en: 'Other' },
};
