import crypto from 'node:crypto';
import { amsterdamDate } from '../protocol/calendar.js';
import { invalid } from '../platform/errors.js';
import type { RequesterCategory, RequestKind } from '../protocol/vocabulary.js';
import { newCaseRef } from './case-ref.js';
import { profileAt, profileVersion, recordStep, type CaseActor, type CaseDeps } from './case-context.js';
import { assess } from './request-conditions.js';
import { deadlineAtReceipt, writtenConfirmationDue } from './request-decision.js';
import { initialState } from './request-machine.js';
import { toCaseRequest } from './request.repository.js';
import type { CaseRequest, Channel, RequestDetails } from './request.js';

export interface FileRequestInput {
  kind: RequestKind;
  channel: Channel;
  /** When the request arrived (a letter of yesterday); defaults to now, never in the future. */
  receivedAt?: string;
  requester: { category: RequesterCategory; name: string; contact?: string | null; organisation?: string | null };
  details: RequestDetails;
  incidentId?: string | null;
}

/** Kind-specific facts a request must carry to be registered at all. */
function checkDetails(input: FileRequestInput): void {
  const { kind, details, channel } = input;
  if (channel === 'oral_urgent' && kind !== 'police') throw invalid('oral_only_police', 'Only an urgent police request may be oral', 'channel');
  if (kind === 'third-party' && !details.recipient) throw invalid('recipient_required', 'Say who would receive the footage', 'details.recipient');
  if (kind === 'police' && !details.officer?.trim()) throw invalid('officer_required', 'Name the officer making the request', 'details.officer');
  if (kind === 'retention-extension' && !details.window?.cameraIds?.length) {
    throw invalid('cameras_required', 'Name the cameras and the window to keep', 'details.window.cameraIds');
  }
  const window = details.window;
  if (window && !(Date.parse(window.from) < Date.parse(window.to))) throw invalid('window_order', 'The window ends after it starts', 'details.window.to');
}

/**
 * Registers a request as it arrived: a reference, the deadline of the profile in force at
 * receipt, the protocol's assessment, and the first steps in the timeline and the logboek. A
 * request to keep footage longer holds that footage at once, until the request is handled (DOM-8,
 * SOE-7.1).
 */
export async function fileRequest(d: CaseDeps, input: FileRequestInput, by: CaseActor, publicFiling = false): Promise<CaseRequest> {
  checkDetails(input);
  const now = d.clock.now();
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
  if (Number.isNaN(receivedAt.getTime())) throw invalid('received_invalid', 'Not a date-time', 'receivedAt');
  if (receivedAt.getTime() > now.getTime()) throw invalid('received_in_future', 'A request cannot be received in the future', 'receivedAt');
  const profile = profileAt(d.profile, receivedAt);
  const deadline = deadlineAtReceipt(profile, input.kind, receivedAt, input.details.deliveryDeadline);
  const assessment = assess(profile, input.kind, input.requester.category, input.details);
  const oral = input.channel === 'oral_urgent';
  const id = crypto.randomUUID();
  const stamp = now.toISOString();

  return d.db.transaction().execute(async (trx) => {
    if (input.incidentId && !(await d.incidents.findById(input.incidentId, trx))) throw invalid('incident_not_found', 'No such incident', 'incidentId');
    let ref = newCaseRef('request', receivedAt);
    while (await d.requests.findByRef(ref, trx)) ref = newCaseRef('request', receivedAt);
    await d.requests.insert(
      {
        id, ref, kind: input.kind, state: initialState(input.kind, oral), channel: input.channel,
        received_at: receivedAt.toISOString(), profile_id: profile.id, profile_version: profileVersion(profile),
        requester_category: input.requester.category, requester_name: input.requester.name.trim(),
        requester_contact: input.requester.contact?.trim() || null, requester_organisation: input.requester.organisation?.trim() || null,
        assignee_id: null, assignee_name: null,
        due_date: deadline.due, deadline_rule: deadline.rule, deadline_steps: JSON.stringify(deadline.steps),
        extended_due_date: null, extension_reason: null,
        written_confirmation_due: oral ? writtenConfirmationDue(receivedAt) : null,
        details: JSON.stringify(input.details), facts: '{}', incident_id: input.incidentId ?? null,
        decision: null, decision_outcome: null, decision_ground: null, decision_rule: null, decision_reasons: null,
        decided_at: null, decided_by: null, decided_by_role: null, proposed_by: null, proposed_by_id: null,
        carried_out_at: null, closed_at: null, public_filing: publicFiling ? 1 : 0,
        reminder_sent_at: null, overdue_notified_at: null, created_at: stamp, updated_at: stamp,
      },
      trx,
    );
    await recordStep(d, trx, {
      actor: by, caseRef: ref, action: 'request.received',
      subject: {
        kind: input.kind, channel: input.channel, requesterCategory: input.requester.category, receivedOn: amsterdamDate(receivedAt),
        due: deadline.due, deadlineRule: deadline.rule, profile: profileVersion(profile),
        assessment: { allowed: assessment.allowed, rule: assessment.rule }, publicFiling,
        window: input.details.window ? { from: input.details.window.from, to: input.details.window.to, cameraIds: input.details.window.cameraIds ?? [] } : null,
        // A vordering filed through a police/OvJ account: how the officer was identified (the account, never a document number).
        ...(input.details.identification ? { identification: { method: input.details.identification.method, role: input.details.identification.role, account: input.details.identification.username } } : {}),
      },
    });
    const window = input.details.window;
    if (input.kind === 'retention-extension' && window?.cameraIds?.length) {
      const reviewAt = new Date(now.getTime() + 14 * 86_400_000).toISOString();
      const hold = await d.holds.create(
        { cameraIds: window.cameraIds, from: window.from, to: window.to, reason: `Verzoek om langer bewaren ${ref}`, caseRef: ref, kind: 'retention_extension', createdBy: by, reviewAt },
        trx,
      );
      await recordStep(d, trx, {
        actor: by, caseRef: ref, action: 'hold.created',
        subject: { holdId: hold.id, kind: 'retention_extension', cameraIds: window.cameraIds, from: window.from, to: window.to, until: 'request_handled' },
        reason: 'request to keep footage longer',
      });
    }
    return toCaseRequest((await d.requests.findById(id, trx))!);
  });
}
