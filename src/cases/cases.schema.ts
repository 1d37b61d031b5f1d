import { z } from '@hono/zod-openapi';
import { documentKinds, outcomes, recipientCategories, requesterCategories, requestKinds } from '../protocol/vocabulary.js';
import { complaintSteps, complaintTopics } from './complaint.js';
import { holdKinds } from './hold.port.js';
import { incidentTypes } from './incident.js';
import { publicKinds } from './public/public-request.service.js';
import { grounds } from './request-decision.js';
import { channels, requestFacts, requestStates } from './request.js';

/** Request and response schemas of the case routes (zod, also the OpenAPI description). */
const text = (max: number) => z.string().trim().max(max, `at most ${max} characters`);
const required = (max: number) => text(max).min(1, 'is required');
const dateTime = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time' });
const id = z.string().trim().min(1).max(100);

/** The channels staff register a request by (the public page and police accounts file their own). */
const staffChannels = channels.filter((c) => c !== 'public_form' && c !== 'police_account') as [string, ...string[]];

export const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });
export const IdParam = z.object({ id: z.uuid('must be an id') });

const Window = z
  .object({ location: required(300), siteId: id.nullish(), cameraIds: z.array(id).max(50).optional(), from: dateTime, to: dateTime })
  .strict();

const Details = z
  .object({
    window: Window.optional(),
    description: text(4000).optional(),
    motivation: text(4000).optional(),
    recipient: z.enum(recipientCategories).optional(),
    officer: text(200).optional(),
    unit: text(200).optional(),
    legalBasis: text(500).optional(),
    personsConcerned: text(1000).optional(),
    dataRequested: text(1000).optional(),
    deliveryDeadline: z.iso.date('must be a date (YYYY-MM-DD)').optional(),
    deliveryManner: text(300).optional(),
    scope: text(2000).optional(),
  })
  .strict();

export const FileRequestBody = z
  .object({
    kind: z.enum(requestKinds),
    channel: z.enum(staffChannels),
    receivedAt: dateTime.optional(),
    requester: z.object({ category: z.enum(requesterCategories), name: required(200), contact: text(300).nullish(), organisation: text(200).nullish() }).strict(),
    details: Details,
    incidentId: z.uuid().nullish(),
  })
  .strict()
  .openapi('FileRequest');

export const EditRequestBody = z
  .object({
    reason: required(2000),
    receivedAt: dateTime.optional(),
    channel: z.enum(staffChannels).optional(),
    requester: z.object({ name: required(200).optional(), contact: text(300).nullish(), organisation: text(200).nullish() }).strict().optional(),
    details: Details.optional(),
  })
  .strict()
  .openapi('EditRequest');

export const PoliceRequestBody = z
  .object({
    officer: required(200),
    serviceNumber: required(40),
    unit: required(200),
    legalBasis: required(500),
    personsConcerned: text(1000).optional(),
    dataRequested: required(1000),
    deliveryDeadline: z.iso.date('must be a date (YYYY-MM-DD)').optional(),
    deliveryManner: text(300).optional(),
    description: text(4000).optional(),
    window: Window,
  })
  .strict()
  .openapi('PoliceRequest');

export const RequestStepBody = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('confirm_in_writing'), note: text(1000).optional() }).strict(),
    z.object({ type: z.literal('assign'), assigneeId: z.uuid() }).strict(),
    z.object({ type: z.literal('start_review') }).strict(),
    z.object({ type: z.literal('record_fact'), fact: z.enum(requestFacts), note: text(2000).optional() }).strict(),
    z.object({ type: z.literal('extend'), reason: required(2000) }).strict(),
    z.object({ type: z.literal('decide'), decision: z.enum(['allow', 'refuse']), outcome: z.enum(outcomes).optional(), ground: z.enum(grounds as [string, ...string[]]).optional(), reasons: required(4000) }).strict(),
    z.object({ type: z.literal('approve') }).strict(),
    z.object({ type: z.literal('reject_proposal'), reasons: required(2000) }).strict(),
    z.object({ type: z.literal('carry_out'), note: text(2000).optional() }).strict(),
    z.object({ type: z.literal('close') }).strict(),
    z.object({ type: z.literal('withdraw'), reason: required(2000) }).strict(),
  ])
  .openapi('RequestStep');

export const RequestListQuery = z.object({
  view: z.enum(['open', 'all']).optional(),
  kind: z.enum(requestKinds).optional(),
  state: z.enum(requestStates).optional(),
});

export const DocumentBody = z.object({ kind: z.enum(documentKinds) }).strict();
export const SignatureBody = z
  .object({ signerName: required(200), signaturePng: z.string().min(10).max(800_000, 'the signature image is too large') })
  .strict()
  .openapi('Signature');
export const ScanForm = z.object({
  file: z.any().openapi({ type: 'string', format: 'binary' }),
  signerName: text(200).optional(),
});

const Secure = z
  .object({
    cameraIds: z.array(id).max(50).optional(),
    from: dateTime.optional(),
    to: dateTime.optional(),
    preMarginMinutes: z.number().int().min(0).max(1440),
    postMarginMinutes: z.number().int().min(0).max(1440),
    reviewAt: dateTime.nullish(),
    reason: text(1000).optional(),
  })
  .strict();
export const SecureBody = Secure.openapi('SecureFootage');

export const ReportIncidentBody = z
  .object({
    type: z.enum(incidentTypes),
    siteId: id.nullish(),
    place: required(300),
    occurredFrom: dateTime,
    occurredTo: dateTime,
    cameraIds: z.array(id).max(50),
    description: required(4000),
    reporter: required(200),
    policeReportRef: text(100).nullish(),
    proceedings: z.boolean().optional(),
    aggressionReport: text(500).nullish(),
    secure: Secure.optional(),
  })
  .strict()
  .openapi('ReportIncident');

export const IncidentStepBody = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('police_report'), ref: required(100) }).strict(),
    z.object({ type: z.literal('proceedings') }).strict(),
    z.object({ type: z.literal('police_consultation'), notes: required(2000) }).strict(),
    z.object({ type: z.literal('judgment'), ref: required(200) }).strict(),
    z.object({ type: z.literal('handled'), notes: text(2000).optional() }).strict(),
  ])
  .openapi('IncidentStep');

export const ReleaseBody = z.object({ reason: required(1000) }).strict();

export const ComplaintBody = z
  .object({
    channel: z.enum(['letter', 'email', 'phone', 'in_person', 'web']),
    receivedAt: dateTime.optional(),
    complainant: z.object({ name: required(200), contact: text(300).nullish() }).strict(),
    topic: z.enum(complaintTopics),
    description: required(4000),
    relatedRef: text(40).nullish(),
  })
  .strict()
  .openapi('NewComplaint');
export const ComplaintStepBody = z.object({ type: z.enum(complaintSteps), outcome: text(4000).optional() }).strict();

export const PublicRequestBody = z
  .object({
    kind: z.enum(publicKinds),
    name: required(120).min(2, 'at least 2 characters'),
    contact: required(200).refine((v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) || /^\+?[0-9 ()-]{8,20}$/.test(v), 'must be an e-mail address or a phone number'),
    location: required(300),
    date: z.iso.date('must be a date (YYYY-MM-DD)'),
    startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM'),
    endTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM'),
    description: required(2000),
  })
  .strict()
  .openapi('PublicRequest');

/** Responses: the key fields are described; the objects carry more (see the domain types). */
const Loose = (name: string, shape: z.ZodRawShape) => z.looseObject(shape).openapi(name);
export const RequestSchema = Loose('CaseRequest', { id: z.string(), ref: z.string(), kind: z.enum(requestKinds), state: z.enum(requestStates), receivedAt: z.string() });
export const IncidentSchema = Loose('Incident', { id: z.string(), ref: z.string(), type: z.enum(incidentTypes), status: z.string() });
export const HoldSchema = Loose('Hold', { id: z.string(), caseRef: z.string(), kind: z.enum(holdKinds), from: z.string(), to: z.string(), releasedAt: z.string().nullable() });
export const DocumentSchema = Loose('CaseDocument', { id: z.string(), kind: z.enum([...documentKinds, 'written_request']), status: z.string(), sha256: z.string() });
export const ComplaintSchema = Loose('Complaint', { id: z.string(), ref: z.string(), state: z.string() });
export const OverviewSchema = Loose('CasesOverview', { openRequests: z.number(), openIncidents: z.number(), activeHolds: z.number() });
export const IncidentTypeSchema = Loose('IncidentType', { type: z.enum(incidentTypes), rules: z.array(z.string()), label: z.object({ nl: z.string(), en: z.string() }) });
export const ViewingLogSchema = Loose('ViewingLog', { entries: z.array(Loose('ViewingLogEntry', { ref: z.string(), kind: z.enum(requestKinds), receivedAt: z.string() })) });
