/**
 * The case API's JSON, as src/cases describes it (written out here: the server's modules use
 * Node types the UI's compiler does not load).
 */
export type Text = { nl: string; en: string };

export const requestKinds = ['access', 'erasure', 'restriction', 'objection', 'retention-extension', 'police', 'third-party'] as const;
export type RequestKind = (typeof requestKinds)[number];

export const requestStates = ['awaiting_written_confirmation', 'received', 'in_review', 'awaiting_approval', 'allowed', 'refused', 'carried_out', 'closed', 'withdrawn'] as const;
export type RequestState = (typeof requestStates)[number];

export const channels = ['letter', 'email', 'phone', 'in_person', 'oral_urgent'] as const;
export type Channel = (typeof channels)[number] | 'public_form' | 'police_account';

export const requesterCategories = ['data_subject', 'tenant', 'visitor', 'third_party', 'emergency_service', 'staff', 'police', 'ovj', 'lawyer'] as const;
export const recipientCategories = ['police', 'ovj', 'insurer', 'court', 'disputes_committee', 'huurcommissie', 'lawyer', 'other_organisation', 'tenant', 'visitor', 'neighbour'] as const;

export const requestFacts = [
  'written_request_received', 'identity_checked', 'balancing_recorded', 'interest_plausible', 'own_images_checked', 'purpose_compatible', 'interest_outweighs',
  'weighty_interest', 'legitimate_interest', 'proportionality', 'incident_need', 'proceedings_need', 'staff_present', 'privacy_officer_consulted', 'footage_searched',
] as const;
export type RequestFact = (typeof requestFacts)[number];

export const documentKinds = ['decision_letter', 'receipt_statement', 'viewing_declaration', 'careful_use_declaration'] as const;
export type DocumentKind = (typeof documentKinds)[number];

export const refusalGrounds = [
  'unspecified_request', 'manifestly_abusive', 'footage_no_longer_exists', 'rights_of_others', 'crime_prevention_or_investigation', 'not_own_images', 'incompatible_purpose', 'not_permitted_by_protocol',
] as const;
export type Ground = (typeof refusalGrounds)[number];

export type DeadlineStatus = 'none' | 'on_track' | 'due_soon' | 'overdue';

export interface Violation {
  code: string;
  rule: string;
  message: Text;
}

export interface FootageWindow {
  location: string;
  cameraIds?: string[];
  from: string;
  to: string;
}

export interface CaseRequest {
  id: string;
  ref: string;
  kind: RequestKind;
  state: RequestState;
  channel: Channel;
  receivedAt: string;
  requester: { category: string; name: string; contact: string | null; organisation: string | null };
  assignee: { id: string; name: string } | null;
  deadline: { due: string | null; rule: string; steps: string[]; extendedDue: string | null; extensionReason: string | null };
  writtenConfirmationDue: string | null;
  details: {
    window?: FootageWindow; description?: string; motivation?: string; recipient?: string; officer?: string; unit?: string; legalBasis?: string;
    personsConcerned?: string; dataRequested?: string; deliveryDeadline?: string; deliveryManner?: string;
    /** A vordering filed through a police or OvJ account: how the officer was identified. */
    identification?: { method: 'account' | 'account_with_second_factor'; username: string; role: string; serviceNumber: string; at: string };
  };
  facts: Partial<Record<RequestFact, { at: string; by: string; note: string | null }>>;
  decision: { decision: 'allow' | 'refuse'; outcome: string | null; ground: string | null; rule: string; reasons: string; decidedAt: string; decidedBy: string } | null;
  publicFiling: boolean;
  deadlineStatus: DeadlineStatus;
}

export interface CaseDocument {
  id: string;
  kind: DocumentKind | 'written_request';
  status: 'generated' | 'signed' | 'received';
  sha256: string;
  mediaType: string;
  fileName: string;
  signerName: string | null;
  signatureMethod: 'pad' | 'scan' | null;
  supersedes: string | null;
  createdAt: string;
  createdBy: string;
}

export interface Hold {
  id: string;
  caseRef: string;
  kind: string;
  cameraIds: string[];
  from: string;
  to: string;
  reason: string;
  reviewAt: string | null;
  createdAt: string;
  createdBy: string;
  releasedAt: string | null;
  releasedBy: string | null;
  releaseReason: string | null;
}

export interface CaseEvent {
  id: number;
  at: string;
  actorName: string;
  actorRole: string | null;
  action: string;
  detail: Record<string, unknown>;
}

export interface RequestDetail extends CaseRequest {
  assessment: { allowed: boolean; rule: string; message: Text; conditions: string[] };
  possibleSteps: string[];
  outcomes: string[];
  refusalGrounds: { ground: Ground; rule: string }[];
  pending: { beforeDecision: Violation[]; beforeCarryingOut: Violation[]; documents: { kind: DocumentKind; signed: boolean; rule: string }[] };
  documents: CaseDocument[];
  holds: Hold[];
  timeline: CaseEvent[];
  fourEyes: { required: boolean; rule: string | null };
}

export interface CameraRef {
  id: string;
  name: string;
  siteId: string;
  siteName: string;
  location: string;
}

export const incidentTypes = ['vandalism', 'nuisance', 'theft', 'burglary', 'violence', 'aggression', 'uninvited_guests', 'house_rules_breach', 'other'] as const;

export interface Incident {
  id: string;
  ref: string;
  type: (typeof incidentTypes)[number];
  place: string;
  occurredFrom: string;
  occurredTo: string;
  cameraIds: string[];
  description: string;
  reporter: string;
  status: 'open' | 'handled';
  policeReport: { filed: boolean; ref: string | null };
  proceedings: boolean;
  aggressionReport: string | null;
  consultation: { at: string; by: string; notes: string | null } | null;
  judgment: { at: string; ref: string } | null;
  handled: { at: string; by: string; notes: string | null } | null;
}

export interface IncidentDetail extends Incident {
  holds: Hold[];
  requests: CaseRequest[];
  timeline: CaseEvent[];
  aggressionReportRule: string | null;
  /** The other protocol this incident is also reported under (SOE-2/3), from the profile. */
  reportedUnder: { protocol: Text; rule: string } | null;
}

/** A kind of incident the active protocol covers, with its rule (DOM-3, WCP-1 …). */
export interface IncidentTypeOption {
  type: (typeof incidentTypes)[number];
  rules: string[];
  label: Text;
  reportedUnder: { protocol: Text; rule: string } | null;
}

export const complaintTopics = ['camera_use', 'footage_security', 'access_request', 'provision', 'other'] as const;

export interface Complaint {
  id: string;
  ref: string;
  receivedAt: string;
  complainant: { name: string; contact: string | null };
  topic: (typeof complaintTopics)[number];
  description: string;
  state: 'received' | 'in_handling' | 'resolved' | 'referred';
  outcome: string | null;
  authorityInformedAt: string | null;
  possibleSteps?: ('start' | 'resolve' | 'refer')[];
  authorityRoute?: Text;
  rule?: string;
}

export interface RequestLine {
  id: string;
  ref: string;
  kind: RequestKind;
  state: RequestState;
  due: string | null;
  deadlineStatus: DeadlineStatus;
  rule: string;
}

export interface CasesOverview {
  overdue: RequestLine[];
  dueSoon: RequestLine[];
  openRequests: number;
  openIncidents: number;
  activeHolds: number;
  holdsToReview: Hold[];
  perMonth: { month: string; received: number; decided: number; decidedOnTime: number }[];
  onTimeShare: number | null;
}

export interface ViewingLog {
  title: string;
  rule: string | null;
  entries: {
    ref: string;
    kind: RequestKind;
    receivedAt: string;
    requester: string;
    why: string | null;
    state: RequestState;
    decision: { decision: 'allow' | 'refuse'; rule: string; by: string; at: string; reasons: string } | null;
    declarations: { kind: DocumentKind; signer: string | null; signedAt: string; sha256: string; method: string | null }[];
  }[];
}

export interface PublicFormInfo {
  formToken: string;
  organisation: string;
  retentionDays: number;
  kinds: { kind: 'access' | 'erasure' | 'objection'; label: Text; term: Text }[];
}

export interface PublicReceipt {
  reference: string;
  kind: string;
  receivedAt: string;
  due: string | null;
  rule: string;
  whatNext: Text[];
}
