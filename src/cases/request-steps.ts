import type { Executor } from '../auth/user.repository.js';
import { amsterdamDate } from '../protocol/calendar.js';
import { evaluate } from '../protocol/evaluate.js';
import type { ProtocolProfile } from '../protocol/profile.schema.js';
import type { Outcome } from '../protocol/vocabulary.js';
import { conflict, invalid, notFound } from '../platform/errors.js';
import { erasureBlockedBy } from './erasure.js';
import type { ErasureResult } from './footage-erasure.port.js';
import type { CaseRequestUpdate } from './cases.table.js';
import { notYet, profileAt, recordStep, refused, type CaseActor, type CaseDeps } from './case-context.js';
import { toCaseDocument } from './document.repository.js';
import { assess, beforeCarryingOut, beforeClosing, beforeDecision, deciderCheck } from './request-conditions.js';
import { allowOutcome, extension, isViolation, refusalGround, type Ground } from './request-decision.js';
import { transition, type RequestEvent } from './request-machine.js';
import { toCaseRequest } from './request.repository.js';
import type { CaseRequest, RequestFact } from './request.js';

/** One step on a request, as the API and the UI send it. */
export type RequestStep =
  | { type: 'confirm_in_writing'; note?: string }
  | { type: 'assign'; assigneeId: string }
  | { type: 'start_review' }
  | { type: 'record_fact'; fact: RequestFact; note?: string }
  | { type: 'extend'; reason: string }
  | { type: 'decide'; decision: 'allow' | 'refuse'; outcome?: Outcome; ground?: Ground; reasons: string }
  | { type: 'approve' }
  | { type: 'reject_proposal'; reasons: string }
  | { type: 'carry_out'; note?: string }
  | { type: 'close' }
  | { type: 'withdraw'; reason: string };

interface StepContext {
  d: CaseDeps;
  trx: Executor;
  request: CaseRequest;
  /** The profile in force when the request was received: its rules govern the request. */
  profile: ProtocolProfile;
  by: CaseActor;
  now: Date;
}

interface StepResult {
  event: RequestEvent;
  changes: CaseRequestUpdate;
  action: string;
  subject: Record<string, unknown>;
  reason?: string | null;
  after?: (ctx: StepContext) => Promise<void>;
  /** Work outside the database once the step has committed (removing erased objects from the store). */
  afterCommit?: () => Promise<void>;
}

const roleOf = (by: CaseActor) => {
  if (!by.role) throw invalid('role_required', 'This step needs a person with a role');
  return by.role;
};

function mustDecide(ctx: StepContext): void {
  const violation = deciderCheck(ctx.profile, ctx.request.kind, roleOf(ctx.by));
  if (violation) throw refused(violation);
}

async function decide(ctx: StepContext, step: Extract<RequestStep, { type: 'decide' }>): Promise<StepResult> {
  const { profile, request } = ctx;
  const assessment = assess(profile, request.kind, request.requester.category, request.details);
  const base = { decided_at: ctx.now.toISOString(), decided_by: ctx.by.name, decided_by_role: ctx.by.role, decision_reasons: step.reasons };
  if (step.decision === 'refuse') {
    const ground = step.ground ?? null;
    // A request the protocol does not permit is refused on that ground by whoever handles it: the protocol decided.
    if (!(ground === 'not_permitted_by_protocol' && !assessment.allowed)) mustDecide(ctx);
    const checked = refusalGround(profile, request.kind, ground, assessment.allowed ? null : assessment.rule);
    if (isViolation(checked)) throw refused(checked);
    return {
      event: 'refuse',
      changes: { ...base, decision: 'refuse', decision_outcome: 'refusal_with_reasons', decision_ground: ground, decision_rule: checked.rule },
      action: 'request.refused',
      subject: { ground, rule: checked.rule },
      reason: step.reasons,
    };
  }
  if (!assessment.allowed) throw refused({ code: 'not_permitted_by_protocol', rule: assessment.rule, message: assessment.message });
  mustDecide(ctx);
  const outcome = allowOutcome(profile, request.kind, step.outcome ?? null);
  if (isViolation(outcome)) throw refused(outcome);
  const unmet = beforeDecision(profile, request);
  if (unmet[0]) throw notYet(unmet[0]);
  // Provision to a police officer or third party cites the rule that allows it (DOM-5, WCP-9…).
  const rule = request.kind === 'police' || request.kind === 'third-party' ? assessment.rule : outcome.rule;
  const fourEyes = request.kind === 'third-party' && profile.thirdParty.fourEyes.required;
  const decision = { decision: 'allow', decision_outcome: step.outcome ?? null, decision_ground: null, decision_rule: rule };
  if (fourEyes) {
    return {
      event: 'propose_allow',
      changes: { ...decision, decision_reasons: step.reasons, proposed_by: ctx.by.name, proposed_by_id: ctx.by.id },
      action: 'request.decision_proposed',
      subject: { outcome: step.outcome, rule, fourEyesRule: profile.thirdParty.fourEyes.rules[0] ?? null },
      reason: step.reasons,
    };
  }
  return { event: 'allow', changes: { ...base, ...decision }, action: 'request.allowed', subject: { outcome: step.outcome, rule }, reason: step.reasons };
}

function approve(ctx: StepContext): StepResult {
  mustDecide(ctx);
  const rule = ctx.profile.thirdParty.fourEyes.rules[0] ?? 'X-1';
  if (ctx.request.proposedBy && (ctx.request.proposedBy.id ?? ctx.request.proposedBy.name) === (ctx.by.id ?? ctx.by.name)) {
    throw refused({ code: 'four_eyes_same_person', rule, message: { nl: `Een tweede persoon keurt het besluit goed (${rule}).`, en: `A second person approves the decision (${rule}).` } });
  }
  return {
    event: 'approve',
    changes: { decided_at: ctx.now.toISOString(), decided_by: ctx.by.name, decided_by_role: ctx.by.role },
    action: 'request.allowed',
    subject: { outcome: ctx.request.decision?.outcome ?? null, rule: ctx.request.decision?.rule ?? null, proposedBy: ctx.request.proposedBy?.name ?? null, fourEyesRule: rule },
  };
}

function extend(ctx: StepContext, reason: string): StepResult {
  mustDecide(ctx);
  const result = extension(ctx.profile, ctx.request, amsterdamDate(ctx.now));
  if (isViolation(result)) throw refused(result);
  return {
    event: 'extend',
    changes: { extended_due_date: result.due, extension_reason: reason, reminder_sent_at: null },
    action: 'request.extended',
    subject: { from: ctx.request.deadline.due, to: result.due, rule: 'AVG-12.3', requesterNotified: true },
    reason,
  };
}

async function carryOut(ctx: StepContext, note: string | undefined): Promise<StepResult> {
  const { profile, request } = ctx;
  const unmet = beforeCarryingOut(profile, request);
  if (unmet[0]) throw notYet(unmet[0]);
  const places = request.kind === 'restriction' || (request.kind === 'retention-extension' && !(await activeHold(ctx)));
  if (places) {
    const permission = evaluate(profile, 'use_permission', { permission: 'secure_footage', role: roleOf(ctx.by) });
    if (!permission.allowed) throw refused({ code: 'not_allowed', rule: permission.rule, message: permission.message });
    if (!request.details.window?.cameraIds?.length) throw invalid('cameras_required', 'Name the cameras and window the decision applies to', 'details.window.cameraIds');
  }
  // Issue 8: a delivery names the export packages of the case and their hashes (chain of custody).
  const erased = request.kind === 'erasure' && request.decision?.decision === 'allow' ? await eraseFootage(ctx) : null;
  const exports = ctx.d.exports ? (await ctx.d.exports.forCase(request.ref, ctx.trx)).map((e) => ({ exportId: e.id, packageSha256: e.packageSha256, downloadedAt: e.downloadedAt })) : [];
  const delivered = note || exports.length ? { at: ctx.now.toISOString(), by: ctx.by.name, note: note ?? null, ...(exports.length ? { exports } : {}) } : null;
  const facts = delivered ? { ...request.facts, delivery: delivered } : request.facts;
  return {
    event: 'carry_out',
    changes: { carried_out_at: ctx.now.toISOString(), facts: JSON.stringify(facts) },
    action: 'request.carried_out',
    subject: { outcome: request.decision?.outcome ?? null, effect: effectOf(request), note: note ?? null, ...(exports.length ? { exports } : {}) },
    after: places ? placeHold : erased ? (after) => recordErasure(after, erased) : undefined,
    // A failed removal stays in the recorder's purge queue; the next retention sweep empties it.
    afterCommit: erased?.storageKeys.length ? async () => { await ctx.d.erasure?.purge(erased.storageKeys).catch(() => 0); } : undefined,
  };
}

/**
 * Erasure's effect (AVG art. 17, WEL-15, MOZ-4.7): the recorder deletes the footage of the request's
 * cameras × window in this step's transaction — unless a hold of another case covers any of it, which
 * refuses the step naming that hold's rule (INV-2; DOM-9, WCP-11, AVG-17.3).
 */
async function eraseFootage(ctx: StepContext): Promise<ErasureResult> {
  const window = ctx.request.details.window;
  if (!window?.cameraIds?.length) {
    throw invalid('cameras_required', 'Name the cameras and window of the footage to erase (edit the request\u2019s details)', 'details.window.cameraIds');
  }
  if (!ctx.d.erasure) throw conflict('erasure_unavailable', 'The recorder is not connected here: footage cannot be erased');
  const result = await ctx.d.erasure.erase({ cameraIds: window.cameraIds, from: window.from, to: window.to }, ctx.trx);
  if ('heldBy' in result) {
    const violation = erasureBlockedBy(ctx.profile, result.heldBy);
    if (violation) throw notYet(violation);
    throw conflict('erasure_held', 'A hold covers the footage');
  }
  return result;
}

async function recordErasure(ctx: StepContext, erased: ErasureResult): Promise<void> {
  const window = ctx.request.details.window!;
  await recordStep(ctx.d, ctx.trx, {
    actor: ctx.by, caseRef: ctx.request.ref, action: 'footage.erased',
    subject: {
      from: window.from, to: window.to, rule: ctx.request.decision?.rule ?? 'AVG-17',
      cameras: erased.cameras, segments: erased.cameras.reduce((sum, c) => sum + c.segments, 0),
      keysDestroyed: erased.cameras.reduce((sum, c) => sum + c.keysDestroyed.length, 0),
    },
  });
}

function effectOf(request: CaseRequest): string {
  switch (request.kind) {
    case 'restriction': return 'do_not_use_hold';
    case 'retention-extension': return 'kept_longer';
    case 'erasure': return request.decision?.decision === 'allow' ? 'footage_erased' : 'none';
    case 'objection': return 'processing_stopped';
    default: return String(request.decision?.outcome ?? 'done');
  }
}

async function activeHold(ctx: StepContext): Promise<boolean> {
  return (await ctx.d.holds.list(ctx.request.ref, ctx.trx)).some((hold) => hold.releasedAt === null);
}

async function placeHold(ctx: StepContext): Promise<void> {
  const window = ctx.request.details.window!;
  const kind = ctx.request.kind === 'restriction' ? 'restriction' : 'retention_extension';
  const hold = await ctx.d.holds.create(
    { cameraIds: window.cameraIds ?? [], from: window.from, to: window.to, reason: `Besluit op verzoek ${ctx.request.ref}`, caseRef: ctx.request.ref, kind, createdBy: ctx.by },
    ctx.trx,
  );
  await recordStep(ctx.d, ctx.trx, {
    actor: ctx.by, caseRef: ctx.request.ref, action: 'hold.created',
    subject: { holdId: hold.id, kind, cameraIds: window.cameraIds ?? [], from: window.from, to: window.to, until: 'request_handled' },
  });
}

/** Closing or withdrawing ends the request, and with it the holds that lasted until it was handled. */
async function releaseRequestHolds(ctx: StepContext): Promise<void> {
  if (ctx.request.kind !== 'retention-extension' || ctx.request.decision?.decision === 'allow') return;
  for (const hold of await ctx.d.holds.list(ctx.request.ref, ctx.trx)) {
    if (hold.releasedAt) continue;
    await ctx.d.holds.release(hold.id, ctx.by, 'request handled', ctx.trx);
    await recordStep(ctx.d, ctx.trx, { actor: ctx.by, caseRef: ctx.request.ref, action: 'hold.released', subject: { holdId: hold.id, until: 'request_handled' } });
  }
}

async function close(ctx: StepContext): Promise<StepResult> {
  const documents = (await ctx.d.documents.forCase(ctx.request.ref, ctx.trx)).map(toCaseDocument);
  const unmet = beforeClosing(ctx.profile, ctx.request, documents);
  if (unmet[0]) throw notYet(unmet[0]);
  return { event: 'close', changes: { closed_at: ctx.now.toISOString() }, action: 'request.closed', subject: {}, after: releaseRequestHolds };
}

async function plan(ctx: StepContext, step: RequestStep): Promise<StepResult> {
  const { request, now, by } = ctx;
  switch (step.type) {
    case 'confirm_in_writing': {
      const facts = { ...request.facts, written_request_received: { at: now.toISOString(), by: by.name, note: step.note ?? null } };
      return { event: 'confirm_in_writing', changes: { facts: JSON.stringify(facts), written_confirmation_due: null }, action: 'request.confirmed_in_writing', subject: { dueWas: request.writtenConfirmationDue } };
    }
    case 'assign': {
      const user = (await ctx.d.users.list()).find((u) => u.id === step.assigneeId && !u.disabled);
      if (!user) throw invalid('assignee_not_found', 'No such active account', 'assigneeId');
      return { event: 'assign', changes: { assignee_id: user.id, assignee_name: user.displayName }, action: 'request.assigned', subject: { assigneeId: user.id, assignee: user.username } };
    }
    case 'start_review':
      return { event: 'start_review', changes: {}, action: 'request.review_started', subject: {} };
    case 'record_fact': {
      const facts = { ...request.facts, [step.fact]: { at: now.toISOString(), by: by.name, note: step.note ?? null } };
      return { event: 'record_fact', changes: { facts: JSON.stringify(facts) }, action: 'request.fact_recorded', subject: { fact: step.fact }, reason: step.note ?? null };
    }
    case 'extend':
      return extend(ctx, step.reason);
    case 'decide':
      return decide(ctx, step);
    case 'approve':
      return approve(ctx);
    case 'reject_proposal':
      mustDecide(ctx);
      return { event: 'reject_proposal', changes: { decision: null, decision_outcome: null, decision_rule: null, proposed_by: null, proposed_by_id: null }, action: 'request.proposal_rejected', subject: {}, reason: step.reasons };
    case 'carry_out':
      return carryOut(ctx, step.note);
    case 'close':
      return close(ctx);
    case 'withdraw':
      return { event: 'withdraw', changes: { closed_at: now.toISOString() }, action: 'request.withdrawn', subject: {}, reason: step.reason, after: releaseRequestHolds };
  }
}

/**
 * Takes one step on a request in one transaction: the state machine says whether the step
 * exists, the profile in force at receipt whether it may happen now; the change, its timeline
 * event and its logboek entry commit together.
 */
export async function takeStep(d: CaseDeps, id: string, step: RequestStep, by: CaseActor): Promise<CaseRequest> {
  let afterCommit: (() => Promise<void>) | undefined;
  const done = await d.db.transaction().execute(async (trx) => {
    const row = await d.requests.findForUpdate(id, trx, d.postgres);
    if (!row) throw notFound('request_not_found', `No request ${id}`);
    const request = toCaseRequest(row);
    const ctx: StepContext = { d, trx, request, profile: profileAt(d.profile, new Date(request.receivedAt)), by, now: d.clock.now() };
    const eventGuess: RequestEvent = step.type === 'decide' ? (step.decision === 'refuse' ? 'refuse' : 'allow') : step.type;
    transition(request.kind, request.state, eventGuess); // a step the machine does not have fails before any check
    const result = await plan(ctx, step);
    const next = transition(request.kind, request.state, result.event);
    const changed = await d.requests.update(id, request.state, { ...result.changes, state: next, updated_at: ctx.now.toISOString() }, trx);
    if (!changed) throw conflict('request_changed', 'The request was changed meanwhile; reload it');
    await recordStep(d, trx, { actor: by, caseRef: request.ref, action: result.action, subject: { kind: request.kind, from: request.state, to: next, ...result.subject }, reason: result.reason });
    await result.after?.({ ...ctx, request: toCaseRequest((await d.requests.findById(id, trx))!) });
    afterCommit = result.afterCommit;
    return toCaseRequest((await d.requests.findById(id, trx))!);
  });
  await afterCommit?.();
  return done;
}
