import { notFound } from '../platform/errors.js';
import type { Evaluation } from '../protocol/evaluate.js';
import type { DocumentKind, Outcome, RefusalGround } from '../protocol/vocabulary.js';
import { profileAt, type CaseActor, type CaseDeps } from './case-context.js';
import type { CaseEvent } from './case-event.repository.js';
import { requestDeadlineStatus, type DeadlineStatus } from './deadline-status.js';
import { toCaseDocument, type CaseDocument } from './document.repository.js';
import type { Hold } from './hold.port.js';
import { assess, beforeCarryingOut, beforeDecision, conditionsOf, documentsNeeded, type Violation } from './request-conditions.js';
import { allowedOutcomes } from './request-decision.js';
import { fileRequest, type FileRequestInput } from './request-filing.js';
import type { RequestEdit } from './request-edit.js';
import { editRequest } from './request-editing.js';
import { possibleEvents, type RequestEvent } from './request-machine.js';
import { toCaseRequest, type RequestFilter } from './request.repository.js';
import { takeStep, type RequestStep } from './request-steps.js';
import type { CaseRequest } from './request.js';

export interface RequestSummary extends CaseRequest {
  deadlineStatus: DeadlineStatus;
}

/** A request with everything its page shows: the protocol's view, what is still missing, documents, holds, timeline. */
export interface RequestDetail extends RequestSummary {
  assessment: Pick<Evaluation, 'allowed' | 'rule' | 'message' | 'conditions'>;
  possibleSteps: RequestEvent[];
  outcomes: Outcome[];
  refusalGrounds: { ground: RefusalGround; rule: string }[];
  /** What the profile still asks before deciding, before carrying out, and before closing. */
  pending: { beforeDecision: Violation[]; beforeCarryingOut: Violation[]; documents: { kind: DocumentKind; signed: boolean; rule: string }[] };
  documents: CaseDocument[];
  holds: Hold[];
  timeline: CaseEvent[];
  fourEyes: { required: boolean; rule: string | null };
  /** The profile's note on this kind of request (English, as profiles write notes). */
  profileNote: string | null;
}

/** Requests: registered, stepped through their state machine, listed by deadline. */
export class RequestService {
  constructor(private readonly d: CaseDeps) {}

  file(input: FileRequestInput, by: CaseActor, publicFiling = false): Promise<CaseRequest> {
    return fileRequest(this.d, input, by, publicFiling);
  }

  /** Changes the request's details with a reason; the diff goes to the logboek, the deadline moves only where the law says. */
  edit(id: string, edit: RequestEdit, reason: string, by: CaseActor): Promise<CaseRequest> {
    return editRequest(this.d, id, edit, reason, by);
  }

  step(id: string, step: RequestStep, by: CaseActor): Promise<CaseRequest> {
    return takeStep(this.d, id, step, by);
  }

  /** Requests, the ones whose deadline runs out first on top (overdue, then due soon, then by due date). */
  async list(filter: RequestFilter = {}): Promise<RequestSummary[]> {
    const now = this.d.clock.now();
    const rank: Record<DeadlineStatus, number> = { overdue: 0, due_soon: 1, on_track: 2, none: 3 };
    return (await this.d.requests.list(filter))
      .map(toCaseRequest)
      .map((request) => ({ ...request, deadlineStatus: requestDeadlineStatus(request, now) }))
      .sort((a, b) => rank[a.deadlineStatus] - rank[b.deadlineStatus] || dueKey(a).localeCompare(dueKey(b)) || b.receivedAt.localeCompare(a.receivedAt));
  }

  async get(id: string): Promise<RequestDetail> {
    const row = await this.d.requests.findById(id);
    if (!row) throw notFound('request_not_found', `No request ${id}`);
    const request = toCaseRequest(row);
    const profile = profileAt(this.d.profile, new Date(request.receivedAt));
    const [documents, holds, timeline] = await Promise.all([
      this.d.documents.forCase(request.ref).then((rows) => rows.map(toCaseDocument)),
      this.d.holds.list(request.ref),
      this.d.events.forCase(request.ref),
    ]);
    const { allowed, rule, message, conditions } = assess(profile, request.kind, request.requester.category, request.details);
    const rules = profile.requests[request.kind];
    return {
      ...request,
      deadlineStatus: requestDeadlineStatus(request, this.d.clock.now()),
      assessment: { allowed, rule, message, conditions: [...new Set([...conditions, ...conditionsOf(profile, request).conditions])] },
      possibleSteps: possibleEvents(request.kind, request.state),
      outcomes: allowedOutcomes(profile, request.kind),
      refusalGrounds: rules.refusalGrounds.map((entry) => ({ ground: entry.ground, rule: entry.rules[0] ?? rules.rules[0] ?? 'silent' })),
      pending: {
        beforeDecision: beforeDecision(profile, request),
        beforeCarryingOut: request.decision?.decision === 'allow' ? [...beforeCarryingOut(profile, request), ...erasureNeeds(request, rules.rules[0] ?? 'AVG-17')] : [],
        documents: documentsNeeded(profile, { ...request, decision: request.decision }),
      },
      documents,
      holds,
      timeline,
      fourEyes: { required: request.kind === 'third-party' && profile.thirdParty.fourEyes.required, rule: profile.thirdParty.fourEyes.rules[0] ?? null },
      profileNote: rules.note ?? null,
    };
  }

  async getByRef(ref: string): Promise<CaseRequest> {
    const row = await this.d.requests.findByRef(ref);
    if (!row) throw notFound('request_not_found', `No request ${ref}`);
    return toCaseRequest(row);
  }
}

/** An erasure deletes the footage of named cameras: until they are named (by editing the request) it cannot be carried out. */
function erasureNeeds(request: CaseRequest, rule: string): Violation[] {
  if (request.kind !== 'erasure' || request.details.window?.cameraIds?.length) return [];
  return [{
    code: 'cameras_required', rule,
    message: { nl: `Noem de camera's van het tijdvak (gegevens wijzigen); daarna worden de beelden gewist (${rule}).`, en: `Name the cameras of the window (change details); then the footage is erased (${rule}).` },
  }];
}

const dueKey = (request: CaseRequest): string => request.deadline.extendedDue ?? request.deadline.due ?? '9999-12-31';
