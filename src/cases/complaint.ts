import { invalid } from '../platform/errors.js';
import type { ProtocolProfile } from '../protocol/profile.schema.js';
import type { Text } from '../protocol/provenance.schema.js';

/**
 * Complaints (MOZ-8, WCP-13; elsewhere AVG art. 77): registered with the organisation, handled,
 * and where talking it through does not resolve them, the complainant is told of the route to the
 * Autoriteit Persoonsgegevens.
 */
export const complaintTopics = ['camera_use', 'footage_security', 'access_request', 'provision', 'other'] as const;
export type ComplaintTopic = (typeof complaintTopics)[number];

export const complaintStates = ['received', 'in_handling', 'resolved', 'referred'] as const;
export type ComplaintState = (typeof complaintStates)[number];

export const complaintSteps = ['start', 'resolve', 'refer'] as const;
export type ComplaintStep = (typeof complaintSteps)[number];

export interface Complaint {
  id: string;
  ref: string;
  receivedAt: string;
  channel: string;
  complainant: { name: string; contact: string | null };
  topic: ComplaintTopic;
  description: string;
  relatedRef: string | null;
  state: ComplaintState;
  outcome: string | null;
  /** When the complainant was told of the Autoriteit Persoonsgegevens (on every closing step). */
  authorityInformedAt: string | null;
  handledBy: string | null;
  createdAt: string;
  closedAt: string | null;
}

const table: Record<ComplaintState, Partial<Record<ComplaintStep, ComplaintState>>> = {
  received: { start: 'in_handling', resolve: 'resolved', refer: 'referred' },
  in_handling: { resolve: 'resolved', refer: 'referred' },
  resolved: {},
  referred: {},
};

export function complaintTransition(state: ComplaintState, step: ComplaintStep): ComplaintState {
  const next = table[state][step];
  if (!next) throw invalid('complaint_step_not_possible', `A complaint in state ${state} has no step ${step}`, 'type');
  return next;
}

export function possibleComplaintSteps(state: ComplaintState): ComplaintStep[] {
  return Object.keys(table[state]) as ComplaintStep[];
}

/** The rule the complaints route rests on under the profile (MOZ-8, WCP-13, or AVG-77 where the seed is silent). */
export const complaintRule = (profile: ProtocolProfile): string => profile.complaints.rules[0] ?? 'AVG-77';

/** What the complainant is told about the Autoriteit Persoonsgegevens. */
export function authorityRoute(profile: ProtocolProfile): Text {
  const rule = complaintRule(profile);
  return {
    nl: `Bent u het niet eens met de afhandeling van uw klacht, dan kunt u een klacht indienen bij de Autoriteit Persoonsgegevens (autoriteitpersoonsgegevens.nl) (${rule}).`,
    en: `If you disagree with how your complaint was handled, you can complain to the Dutch Data Protection Authority, the Autoriteit Persoonsgegevens (autoriteitpersoonsgegevens.nl) (${rule}).`,
  };
}

export const complaintTopicLabels: Record<ComplaintTopic, Text> = {
  camera_use: { nl: 'Het cameratoezicht zelf', en: 'The camera surveillance itself' },
  footage_security: { nl: 'Beveiliging van de beelden', en: 'Security of the footage' },
  access_request: { nl: 'Afhandeling van een inzageverzoek', en: 'Handling of an access request' },
  provision: { nl: 'Verstrekking van beelden', en: 'Provision of footage' },
  other: { nl: 'Anders', en: 'Other' },
};
