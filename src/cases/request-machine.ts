import { invalid } from '../platform/errors.js';
import { dataSubjectRequestKinds, requestKinds, type RequestKind } from '../protocol/vocabulary.js';
import type { RequestState } from './request.js';

/**
 * Every request kind is a state machine: a pure table from (state, event) to the next state.
 * The tables say which steps exist at all; request-conditions.ts says whether the profile lets
 * this step happen now (a missing identity check, a deadline that cannot be extended…).
 */
export const requestEvents = [
  'confirm_in_writing',
  'assign',
  'start_review',
  'record_fact',
  'extend',
  'allow',
  'propose_allow',
  'approve',
  'reject_proposal',
  'refuse',
  'carry_out',
  'close',
  'withdraw',
] as const;
export type RequestEvent = (typeof requestEvents)[number];

export type TransitionTable = Partial<Record<RequestState, Partial<Record<RequestEvent, RequestState>>>>;

/** Steps every kind shares while it is being decided. */
function deciding(state: 'received' | 'in_review', extendable: boolean): Partial<Record<RequestEvent, RequestState>> {
  return {
    assign: state,
    record_fact: state,
    ...(state === 'received' ? { start_review: 'in_review' as const } : {}),
    ...(extendable ? { extend: state } : {}),
    allow: 'allowed',
    refuse: 'refused',
    withdraw: 'withdrawn',
  };
}

/** The shared shape: received → in review → allowed / refused → carried out → closed. */
function baseTable(extendable: boolean): TransitionTable {
  return {
    received: deciding('received', extendable),
    in_review: deciding('in_review', extendable),
    allowed: { assign: 'allowed', record_fact: 'allowed', carry_out: 'carried_out', withdraw: 'withdrawn' },
    refused: { record_fact: 'refused', close: 'closed' },
    carried_out: { record_fact: 'carried_out', close: 'closed' },
  };
}

/** Police / OvJ: an urgent oral request waits for its written confirmation (three days). */
function policeTable(): TransitionTable {
  return {
    ...baseTable(false),
    awaiting_written_confirmation: {
      confirm_in_writing: 'received',
      assign: 'awaiting_written_confirmation',
      record_fact: 'awaiting_written_confirmation',
      refuse: 'refused',
      withdraw: 'withdrawn',
    },
  };
}

/** Third party: where the profile demands four eyes, an allowing decision is proposed and then approved. */
function thirdPartyTable(): TransitionTable {
  const table = baseTable(false);
  for (const state of ['received', 'in_review'] as const) table[state] = { ...table[state], propose_allow: 'awaiting_approval' };
  table.awaiting_approval = { approve: 'allowed', reject_proposal: 'in_review', record_fact: 'awaiting_approval', withdraw: 'withdrawn' };
  return table;
}

export const transitionTables: Record<RequestKind, TransitionTable> = Object.fromEntries(
  requestKinds.map((kind) => {
    if (kind === 'police') return [kind, policeTable()];
    if (kind === 'third-party') return [kind, thirdPartyTable()];
    // AVG art. 12(3): only data-subject requests can be extended.
    return [kind, baseTable(dataSubjectRequestKinds.includes(kind))];
  }),
) as Record<RequestKind, TransitionTable>;

/** The state after the event, or null when the kind has no such step in this state. */
export function nextState(kind: RequestKind, state: RequestState, event: RequestEvent): RequestState | null {
  return transitionTables[kind][state]?.[event] ?? null;
}

/** Like nextState, but a step that does not exist is a domain error naming state and step. */
export function transition(kind: RequestKind, state: RequestState, event: RequestEvent): RequestState {
  const next = nextState(kind, state, event);
  if (!next) throw invalid('request_step_not_possible', `A ${kind} request in state ${state} has no step ${event}`, 'type');
  return next;
}

/** The steps the kind offers in the state (for the UI's buttons). */
export function possibleEvents(kind: RequestKind, state: RequestState): RequestEvent[] {
  return Object.keys(transitionTables[kind][state] ?? {}) as RequestEvent[];
}

/** The state a new request starts in. */
export function initialState(kind: RequestKind, oralUrgent: boolean): RequestState {
  return kind === 'police' && oralUrgent ? 'awaiting_written_confirmation' : 'received';
}
