import { amsterdamDate } from '../protocol/calendar.js';
import { conflict, invalid, notFound } from '../platform/errors.js';
import { notYet, profileAt, profileVersion, recordStep, type CaseActor, type CaseDeps } from './case-context.js';
import type { CaseRequestUpdate } from './cases.table.js';
import { deadlineAtReceipt, writtenConfirmationDue } from './request-decision.js';
import { applyEdit, deadlineMoves, diffRequest, editCheck, type RequestEdit } from './request-edit.js';
import { toCaseRequest } from './request.repository.js';
import type { CaseRequest } from './request.js';

/**
 * Changes a request's details after filing, with a reason: the change, its diff (values only
 * where they are no personal data) and, where the law moves it, the new deadline commit together
 * with the timeline event and the logboek entry `request.edited`.
 */
export async function editRequest(d: CaseDeps, id: string, edit: RequestEdit, reason: string, by: CaseActor): Promise<CaseRequest> {
  if (!reason.trim()) throw invalid('reason_required', 'Say why the request is changed', 'reason');
  const now = d.clock.now();
  return d.db.transaction().execute(async (trx) => {
    const row = await d.requests.findForUpdate(id, trx, d.postgres);
    if (!row) throw notFound('request_not_found', `No request ${id}`);
    const request = toCaseRequest(row);
    const after = applyEdit(request, edit);
    const receivedAt = new Date(after.receivedAt);
    if (Number.isNaN(receivedAt.getTime())) throw invalid('received_invalid', 'Not a date-time', 'receivedAt');
    if (receivedAt.getTime() > now.getTime()) throw invalid('received_in_future', 'A request cannot be received in the future', 'receivedAt');
    if (!after.requester.name) throw invalid('name_required', 'The requester needs a name', 'requester.name');
    const window = after.details.window;
    if (window && !(Date.parse(window.from) < Date.parse(window.to))) throw invalid('window_order', 'The window ends after it starts', 'details.window.to');
    if (request.kind === 'police' && !after.details.officer?.trim()) throw invalid('officer_required', 'Name the officer making the request', 'details.officer');
    if (request.kind === 'third-party' && !after.details.recipient) throw invalid('recipient_required', 'Say who would receive the footage', 'details.recipient');
    if (after.channel === 'oral_urgent' && request.kind !== 'police') throw invalid('oral_only_police', 'Only an urgent police request may be oral', 'channel');

    const changes = diffRequest(request, after);
    const violation = editCheck(request, changes);
    if (violation) throw notYet(violation);

    const update: CaseRequestUpdate = {
      received_at: after.receivedAt, channel: after.channel, details: JSON.stringify(after.details),
      requester_name: after.requester.name, requester_contact: after.requester.contact, requester_organisation: after.requester.organisation,
      updated_at: now.toISOString(),
    };
    const moves = deadlineMoves(request, changes);
    let deadline: { from: string | null; to: string | null; rule: string; why: string } | null = null;
    if (moves) {
      // The term is the one of the profile in force at (the corrected) receipt.
      const profile = profileAt(d.profile, receivedAt);
      const next = deadlineAtReceipt(profile, request.kind, receivedAt, after.details.deliveryDeadline);
      Object.assign(update, {
        due_date: next.due, deadline_rule: next.rule, deadline_steps: JSON.stringify(next.steps), profile_id: profile.id, profile_version: profileVersion(profile),
        reminder_sent_at: null, overdue_notified_at: null,
      });
      if (request.state === 'awaiting_written_confirmation' && changes.some((c) => c.field === 'receivedAt')) update.written_confirmation_due = writtenConfirmationDue(receivedAt);
      deadline = { from: request.deadline.due, to: next.due, rule: next.rule, why: moves };
    }
    const changed = await d.requests.update(id, request.state, update, trx);
    if (!changed) throw conflict('request_changed', 'The request was changed meanwhile; reload it');
    await recordStep(d, trx, {
      actor: by, caseRef: request.ref, action: 'request.edited',
      subject: { kind: request.kind, state: request.state, changes, deadline, ...(moves === 'receipt_corrected' ? { receivedOn: amsterdamDate(receivedAt) } : {}) },
      reason,
    });
    return toCaseRequest((await d.requests.findById(id, trx))!);
  });
}
