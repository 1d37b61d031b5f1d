import { describe, expect, it } from 'vitest';
import { requestKinds } from '../protocol/vocabulary.js';
import { initialState, nextState, possibleEvents, transition, transitionTables, type RequestEvent } from './request-machine.js';
import { requestStates, type RequestState } from './request.js';

/** The request state machines as tables of cases: [kind, state, event, next state or null]. */
const cases: [string, RequestState, RequestEvent, RequestState | null][] = [
  // Every kind: received → in review → decided → carried out → closed.
  ['access', 'received', 'start_review', 'in_review'],
  ['access', 'in_review', 'allow', 'allowed'],
  ['access', 'in_review', 'refuse', 'refused'],
  ['access', 'allowed', 'carry_out', 'carried_out'],
  ['access', 'carried_out', 'close', 'closed'],
  ['access', 'refused', 'close', 'closed'],
  ['access', 'received', 'withdraw', 'withdrawn'],
  // Facts and assignment keep the state.
  ['erasure', 'in_review', 'record_fact', 'in_review'],
  ['objection', 'received', 'assign', 'received'],
  // AVG art. 12(3): data-subject requests can be extended, others cannot.
  ['access', 'in_review', 'extend', 'in_review'],
  ['restriction', 'received', 'extend', 'received'],
  ['police', 'received', 'extend', null],
  ['third-party', 'in_review', 'extend', null],
  ['retention-extension', 'in_review', 'extend', null],
  // Police: an urgent oral request waits for its written confirmation and cannot be allowed before it.
  ['police', 'awaiting_written_confirmation', 'confirm_in_writing', 'received'],
  ['police', 'awaiting_written_confirmation', 'allow', null],
  ['police', 'awaiting_written_confirmation', 'refuse', 'refused'],
  ['access', 'received', 'confirm_in_writing', null],
  // Third party: four eyes.
  ['third-party', 'in_review', 'propose_allow', 'awaiting_approval'],
  ['third-party', 'awaiting_approval', 'approve', 'allowed'],
  ['third-party', 'awaiting_approval', 'reject_proposal', 'in_review'],
  ['third-party', 'awaiting_approval', 'carry_out', null],
  ['access', 'in_review', 'propose_allow', null],
  // Nothing skips a decision, nothing moves after the end, nothing is decided twice.
  ['access', 'received', 'carry_out', null],
  ['access', 'received', 'close', null],
  ['access', 'allowed', 'close', null],
  ['access', 'allowed', 'refuse', null],
  ['access', 'refused', 'allow', null],
  ['access', 'closed', 'start_review', null],
  ['police', 'withdrawn', 'confirm_in_writing', null],
];

describe('request state machines', () => {
  it.each(cases)('%s: %s + %s → %s', (kind, state, event, expected) => {
    expect(nextState(kind as never, state, event)).toBe(expected);
  });

  it('a step the machine does not have is a domain error naming state and step', () => {
    expect(() => transition('access', 'closed', 'allow')).toThrowError(/state closed has no step allow/);
  });

  it('closed and withdrawn are final for every kind', () => {
    for (const kind of requestKinds) {
      expect(possibleEvents(kind, 'closed')).toEqual([]);
      expect(possibleEvents(kind, 'withdrawn')).toEqual([]);
    }
  });

  it('every state a table reaches is a known state, and every kind can reach closed from received', () => {
    for (const kind of requestKinds) {
      const table = transitionTables[kind];
      const seen = new Set<RequestState>([initialState(kind, false)]);
      const queue = [...seen];
      while (queue.length) {
        const state = queue.shift()!;
        for (const next of Object.values(table[state] ?? {})) {
          expect(requestStates).toContain(next);
          if (!seen.has(next)) queue.push(next), seen.add(next);
        }
      }
      expect(seen.has('closed'), kind).toBe(true);
      expect(seen.has('withdrawn'), kind).toBe(true);
    }
  });

  it('only a police request starts awaiting its written confirmation', () => {
    expect(initialState('police', true)).toBe('awaiting_written_confirmation');
    expect(initialState('police', false)).toBe('received');
    expect(initialState('access', true)).toBe('received');
  });
});
