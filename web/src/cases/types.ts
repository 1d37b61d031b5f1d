/**
 * The case API's JSON, derived with type-only imports from the server's domain types and the
 * services the routes return (src/cases). The routes' zod response schemas for cases are loose
 * (`Loose(...)` names only a few fields), so the types the handlers hand to `c.json` are the truth here,
 * as JSON gives them back (`Jsonified`: a Date the server sends arrives as an ISO string).
 */
import type { z } from '@hono/zod-openapi';
import type {
  ComplaintBody, ComplaintStepBody, EditRequestBody, FileRequestBody, IncidentStepBody, PoliceRequestBody, PublicRequestBody, ReportIncidentBody, RequestStepBody, SecureBody,
  SignatureBody,
} from '../../../src/cases/cases.schema';
import type { CameraRef as ServerCameraRef } from '../../../src/cases/case-context';
import type { Cases } from '../../../src/cases/cases.module';
import type { CaseEvent as ServerCaseEvent } from '../../../src/cases/case-event.repository';
import type { Complaint as ServerComplaint, ComplaintState, ComplaintStep, ComplaintTopic } from '../../../src/cases/complaint';
import type { ComplaintDetail as ServerComplaintDetail } from '../../../src/cases/complaint.service';
import type { DeadlineStatus as ServerDeadlineStatus } from '../../../src/cases/deadline-status';
import type { CaseDocument as ServerCaseDocument } from '../../../src/cases/document.repository';
import type { Hold as ServerHold } from '../../../src/cases/hold.port';
import type { alsoReportedUnder, Incident as ServerIncident, incidentTypesOf } from '../../../src/cases/incident';
import type { IncidentDetail as ServerIncidentDetail } from '../../../src/cases/incident.service';
import type { CasesOverview as ServerCasesOverview, CasesOverviewService, RequestLine as ServerRequestLine } from '../../../src/cases/overview.service';
import type { ownPoliceRequests } from '../../../src/cases/police-filing';
import type { RequestEvent as ServerRequestEvent } from '../../../src/cases/request-machine';
import type { PublicReceipt as ServerPublicReceipt, PublicRequestService } from '../../../src/cases/public/public-request.service';
import type { Violation as ServerViolation } from '../../../src/cases/request-conditions';
import type { Ground as ServerGround } from '../../../src/cases/request-decision';
import type {
  CaseRequest as ServerCaseRequest, Channel as ServerChannel, FootageWindow as ServerFootageWindow, RequestFact as ServerRequestFact,
  RequestState as ServerRequestState,
} from '../../../src/cases/request';
import type { RequestDetail as ServerRequestDetail, RequestSummary as ServerRequestSummary } from '../../../src/cases/request.service';
import type {
  DocumentKind as ServerDocumentKind, IncidentType, Outcome as ServerOutcome, RecipientCategory, RequesterCategory, RequestKind as ServerRequestKind,
} from '../../../src/protocol/vocabulary';
import type { Text as ServerText } from '../../../src/protocol/provenance.schema';
import type { Assert, Covers, Jsonified } from '../api/derive';

export type Text = ServerText;

// The lists the forms offer stay in the UI (no server module in the bundle); `satisfies` and `Covers`
// tie each one to the server's type both ways, so a value added or dropped there fails `tsc` here.
export const requestKinds = ['access', 'erasure', 'restriction', 'objection', 'retention-extension', 'police', 'third-party'] as const satisfies readonly ServerRequestKind[];
export type RequestKind = ServerRequestKind;
type _RequestKinds = Assert<Covers<typeof requestKinds, RequestKind>>;

export const requestStates = [
  'awaiting_written_confirmation', 'received', 'in_review', 'awaiting_approval', 'allowed', 'refused', 'carried_out', 'closed', 'withdrawn',
] as const satisfies readonly ServerRequestState[];
export type RequestState = ServerRequestState;
type _RequestStates = Assert<Covers<typeof requestStates, RequestState>>;

/** The channels staff register a request by (the public page and police accounts file their own; src/cases/cases.schema.ts staffChannels). */
type StaffChannel = Exclude<ServerChannel, 'public_form' | 'police_account'>;
export const channels = ['letter', 'email', 'phone', 'in_person', 'oral_urgent'] as const satisfies readonly StaffChannel[];
export type Channel = ServerChannel;
type _Channels = Assert<Covers<typeof channels, StaffChannel>>;

export const requesterCategories = [
  'data_subject', 'tenant', 'visitor', 'third_party', 'emergency_service', 'staff', 'police', 'ovj', 'lawyer',
] as const satisfies readonly RequesterCategory[];
export type { RequesterCategory, RecipientCategory };
type _RequesterCategories = Assert<Covers<typeof requesterCategories, RequesterCategory>>;

export const recipientCategories = [
  'police', 'ovj', 'insurer', 'court', 'disputes_committee', 'huurcommissie', 'lawyer', 'other_organisation', 'tenant', 'visitor', 'neighbour',
] as const satisfies readonly RecipientCategory[];
type _RecipientCategories = Assert<Covers<typeof recipientCategories, RecipientCategory>>;

/** The facts staff record by hand; `delivery` the server records itself when a delivery is carried out (src/cases/request-steps.ts). */
type RecordableFact = Exclude<ServerRequestFact, 'delivery'>;
export const requestFacts = [
  'written_request_received', 'identity_checked', 'balancing_recorded', 'interest_plausible', 'own_images_checked', 'purpose_compatible', 'interest_outweighs',
  'weighty_interest', 'legitimate_interest', 'proportionality', 'incident_need', 'proceedings_need', 'staff_present', 'privacy_officer_consulted', 'footage_searched',
] as const satisfies readonly RecordableFact[];
export type RequestFact = ServerRequestFact;
type _RequestFacts = Assert<Covers<typeof requestFacts, RecordableFact>>;

export const documentKinds = ['decision_letter', 'receipt_statement', 'viewing_declaration', 'careful_use_declaration'] as const satisfies readonly ServerDocumentKind[];
export type DocumentKind = ServerDocumentKind;
type _DocumentKinds = Assert<Covers<typeof documentKinds, DocumentKind>>;

/** The refusal grounds, with the one for a request the protocol does not permit at all (src/cases/request-decision.ts grounds). */
export const refusalGrounds = [
  'unspecified_request', 'manifestly_abusive', 'footage_no_longer_exists', 'rights_of_others', 'crime_prevention_or_investigation', 'not_own_images', 'incompatible_purpose', 'not_permitted_by_protocol',
] as const satisfies readonly ServerGround[];
export type Ground = ServerGround;
/** What an allowed request leads to (RequestDetail.outcomes lists those the profile knows for it). */
export type Outcome = ServerOutcome;
type _RefusalGrounds = Assert<Covers<typeof refusalGrounds, Ground>>;

export const incidentTypes = [
  'vandalism', 'nuisance', 'theft', 'burglary', 'violence', 'aggression', 'uninvited_guests', 'house_rules_breach', 'other',
] as const satisfies readonly IncidentType[];
type _IncidentTypes = Assert<Covers<typeof incidentTypes, IncidentType>>;

export const complaintTopics = ['camera_use', 'footage_security', 'access_request', 'provision', 'other'] as const satisfies readonly ComplaintTopic[];
type _ComplaintTopics = Assert<Covers<typeof complaintTopics, ComplaintTopic>>;

/** The steps a request can take next (RequestDetail.possibleSteps). */
export type RequestEvent = ServerRequestEvent;
export type DeadlineStatus = ServerDeadlineStatus;
export type Violation = ServerViolation;
export type FootageWindow = ServerFootageWindow;

/** A request as filing it answers (POST /api/cases/requests, /police-requests) and as an incident lists it. */
export type CaseRequest = Jsonified<ServerCaseRequest>;
/** A request as GET /api/cases/requests lists it: with its deadline status. */
export type RequestSummary = Jsonified<ServerRequestSummary>;
/** GET /api/cases/requests/{id}, and every step and edit. */
export type RequestDetail = Jsonified<ServerRequestDetail>;
/** GET /api/cases/police-requests: the vorderingen a police or OvJ account filed (only these fields). */
export type OwnPoliceRequest = Jsonified<Awaited<ReturnType<typeof ownPoliceRequests>>[number]>;

export type CaseDocument = Jsonified<ServerCaseDocument>;
export type Hold = Jsonified<ServerHold>;
export type CaseEvent = Jsonified<ServerCaseEvent>;
export type CameraRef = Jsonified<ServerCameraRef>;
/** POST /api/cases/requests/{id}/footage-search: which footage the recorder holds for the request's window. */
export type FootageSearch = Jsonified<Awaited<ReturnType<Cases['searchFootage']>>>;

export type Incident = Jsonified<ServerIncident>;
export type IncidentDetail = Jsonified<ServerIncidentDetail>;

/** GET /api/cases/incident-types: a kind of incident the active protocol covers, with its rule (DOM-3, WCP-1 …). */
export type IncidentTypeOption = Jsonified<ReturnType<typeof incidentTypesOf>[number] & { label: Text; reportedUnder: ReturnType<typeof alsoReportedUnder> }>;

/** GET /api/cases/complaints lists these; registering one and its steps answer a ComplaintDetail. */
export type Complaint = Jsonified<ServerComplaint>;
export type ComplaintDetail = Jsonified<ServerComplaintDetail>;
export type { ComplaintState, ComplaintStep };

export type RequestLine = Jsonified<ServerRequestLine>;
export type CasesOverview = Jsonified<ServerCasesOverview>;
export type ViewingLog = Jsonified<Awaited<ReturnType<CasesOverviewService['viewingLog']>>>;

/** GET /api/public/requests/form: the organisation, the kinds with their terms, and a form token. */
export type PublicFormInfo = Jsonified<ReturnType<PublicRequestService['info']> & { formToken: string }>;
export type PublicReceipt = Jsonified<ServerPublicReceipt>;

/** Request bodies, as the client may send them (z.input of the routes' own zod schemas, src/cases/cases.schema.ts). */
export type NewRequest = z.input<typeof FileRequestBody>;
export type RequestEditInput = z.input<typeof EditRequestBody>;
export type RequestStepInput = z.input<typeof RequestStepBody>;
export type PoliceRequestInput = z.input<typeof PoliceRequestBody>;
export type ReportIncidentInput = z.input<typeof ReportIncidentBody>;
export type SecureInput = z.input<typeof SecureBody>;
export type IncidentStepInput = z.input<typeof IncidentStepBody>;
export type NewComplaint = z.input<typeof ComplaintBody>;
export type ComplaintStepInput = z.input<typeof ComplaintStepBody>;
export type SignatureInput = z.input<typeof SignatureBody>;
export type PublicRequestInput = z.input<typeof PublicRequestBody>;
