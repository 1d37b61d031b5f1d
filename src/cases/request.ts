import type { IsoDate } from '../protocol/calendar.js';
import type { Outcome, RecipientCategory, RefusalGround, RequesterCategory, RequestKind } from '../protocol/vocabulary.js';

/** Requests as the rest of the application sees them (pure types, no I/O). */

export const requestStates = [
  'awaiting_written_confirmation', // an urgent oral police request, until its written confirmation arrives
  'received',
  'in_review',
  'awaiting_approval', // four eyes: a proposed decision waits for a second person
  'allowed',
  'refused',
  'carried_out', // viewed, delivered, erased, restricted, held
  'closed',
  'withdrawn',
] as const;
export type RequestState = (typeof requestStates)[number];

/** States in which a decision is still to be taken: the deadline runs. */
export const undecidedStates: readonly RequestState[] = ['awaiting_written_confirmation', 'received', 'in_review', 'awaiting_approval'];
export const finishedStates: readonly RequestState[] = ['closed', 'withdrawn'];

/** public_form: the public request page; police_account: a vordering the officer filed through their own account. */
export const channels = ['public_form', 'letter', 'email', 'phone', 'in_person', 'oral_urgent', 'police_account'] as const;
export type Channel = (typeof channels)[number];

/** Channels that give a written request (DOM-5, SOE-9, SOE-10 ask for one). */
export const writtenChannels: readonly Channel[] = ['public_form', 'letter', 'email', 'police_account'];

/**
 * Facts recorded while a request is handled. Each one answers a condition of the profile
 * (request-conditions.ts says which condition needs which fact, and when).
 */
export const requestFacts = [
  'written_request_received',
  'identity_checked',
  'balancing_recorded',
  'interest_plausible',
  'own_images_checked',
  'purpose_compatible',
  'interest_outweighs',
  'weighty_interest',
  'legitimate_interest',
  'proportionality',
  'incident_need',
  'proceedings_need',
  'staff_present',
  'privacy_officer_consulted',
  'footage_searched',
  'delivery',
] as const;
export type RequestFact = (typeof requestFacts)[number];

export interface RecordedFact {
  at: string;
  by: string;
  note: string | null;
}

/** The time window a data subject names (MOZ-4.1, WCP-7: e.g. 21:00–21:05). */
export interface FootageWindow {
  location: string;
  siteId?: string | null;
  cameraIds?: string[];
  /** Instants (ISO-8601 UTC). */
  from: string;
  to: string;
}

/** What each kind records beyond the common fields; all optional at the type level, checked per kind. */
export interface RequestDetails {
  window?: FootageWindow;
  description?: string;
  /** Why the requester asks (SOE-10: a motivated request). */
  motivation?: string;
  /** Third party: who would receive footage. */
  recipient?: RecipientCategory;
  /** Police / OvJ vordering (art. 126nd / 126nda Sv). */
  officer?: string;
  unit?: string;
  legalBasis?: string;
  personsConcerned?: string;
  dataRequested?: string;
  deliveryDeadline?: IsoDate;
  deliveryManner?: string;
  /** Erasure/restriction/objection: what the requester wants stopped or removed. */
  scope?: string;
  /** A vordering filed through a police or OvJ account: how the officer was identified (set by the server, never by a form). */
  identification?: OfficerIdentification;
}

export interface OfficerIdentification {
  method: 'account' | 'account_with_second_factor';
  accountId: string;
  username: string;
  role: 'police' | 'ovj';
  /** The officer's service number (dienstnummer) or the prosecutor's office, as they gave it. */
  serviceNumber: string;
  at: string;
}

export interface Decision {
  decision: 'allow' | 'refuse';
  outcome: Outcome | null;
  ground: RefusalGround | 'not_permitted_by_protocol' | null;
  rule: string;
  reasons: string;
  decidedAt: string;
  decidedBy: string;
  decidedByRole: string | null;
}

export interface CaseRequest {
  id: string;
  ref: string;
  kind: RequestKind;
  state: RequestState;
  channel: Channel;
  receivedAt: string;
  profileId: string;
  profileVersion: string;
  requester: { category: RequesterCategory; name: string; contact: string | null; organisation: string | null };
  assignee: { id: string; name: string } | null;
  deadline: { due: IsoDate | null; rule: string; steps: string[]; extendedDue: IsoDate | null; extensionReason: string | null };
  writtenConfirmationDue: IsoDate | null;
  details: RequestDetails;
  facts: Partial<Record<RequestFact, RecordedFact>>;
  incidentId: string | null;
  decision: Decision | null;
  proposedBy: { id: string | null; name: string } | null;
  carriedOutAt: string | null;
  closedAt: string | null;
  publicFiling: boolean;
  createdAt: string;
  updatedAt: string;
}

/** The due date that counts now: the extended one where the AVG extension was given. */
export const effectiveDue = (request: Pick<CaseRequest, 'deadline'>): IsoDate | null => request.deadline.extendedDue ?? request.deadline.due;
