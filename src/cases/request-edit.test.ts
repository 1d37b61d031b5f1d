import { describe, expect, it } from 'vitest';
import type { CaseRequest } from './request.js';
import { applyEdit, deadlineMoves, diffRequest, editCheck, type RequestEdit } from './request-edit.js';

const window = { location: 'Hal', from: '2026-03-01T20:00:00.000Z', to: '2026-03-01T20:05:00.000Z' };
function request(extra: Partial<CaseRequest> = {}): CaseRequest {
  return {
    id: 'r1', ref: 'VZ-2026-AAAAAA', kind: 'access', state: 'in_review', channel: 'public_form', receivedAt: '2026-03-02T09:00:00.000Z', profileId: 'x', profileVersion: 'x@1',
    requester: { category: 'data_subject', name: 'A. Bewoner', contact: 'a@example.test', organisation: null }, assignee: null,
    deadline: { due: '2026-04-02', rule: 'AVG-12.3', steps: [], extendedDue: null, extensionReason: null }, writtenConfirmationDue: null,
    details: { window }, facts: {}, incidentId: null, decision: null, proposedBy: null, carriedOutAt: null, closedAt: null, publicFiling: true,
    createdAt: '', updatedAt: '', ...extra,
  };
}
const diff = (r: CaseRequest, edit: RequestEdit) => diffRequest(r, applyEdit(r, edit));

describe('editing a request (pure)', () => {
  it.each([
    ['cameras named', {}, { details: { window: { ...window, cameraIds: ['c1'] } } }, [{ field: 'details.window.cameraIds', from: null, to: ['c1'] }], null],
    ['receipt corrected', {}, { receivedAt: '2026-02-27T09:00:00Z' }, [{ field: 'receivedAt', from: '2026-03-02T09:00:00.000Z', to: '2026-02-27T09:00:00.000Z' }], 'receipt_corrected'],
    ['name and contact: no values', {}, { requester: { name: 'B. Bewoner', contact: 'b@example.test' } }, [{ field: 'requester.contact' }, { field: 'requester.name' }], null],
    ['description: no value', {}, { details: { description: 'geheim' } }, [{ field: 'details.description' }], null],
    ['vordering delivery date', { kind: 'police' as const }, { details: { deliveryDeadline: '2026-03-09' } }, [{ field: 'details.deliveryDeadline', from: null, to: '2026-03-09' }], 'delivery_date_changed'],
    ['delivery date of an access request: no law moves it', {}, { details: { deliveryDeadline: '2026-03-09' } }, [{ field: 'details.deliveryDeadline', from: null, to: '2026-03-09' }], null],
    ['the same value again: nothing', {}, { details: { window } }, [], null],
  ] as const)('%s', (_name, extra, edit, changes, moves) => {
    const r = request(extra);
    const found = diff(r, edit as RequestEdit);
    expect(found).toEqual(changes);
    expect(deadlineMoves(r, found)).toBe(moves);
  });

  it.each([
    ['undecided: anything', {}, { details: { description: 'x' } }, null],
    ['nothing changed', {}, {}, 'edit_nothing_changed'],
    ['decided: cameras yes', { state: 'allowed' as const }, { details: { window: { ...window, cameraIds: ['c1'] } } }, null],
    ['decided: contact yes', { state: 'refused' as const }, { requester: { contact: 'n@example.test' } }, null],
    ['decided: window times no', { state: 'allowed' as const }, { details: { window: { ...window, to: '2026-03-01T21:00:00Z' } } }, 'edit_after_decision'],
    ['decided: receipt no', { state: 'allowed' as const }, { receivedAt: '2026-02-27T09:00:00Z' }, 'edit_after_decision'],
    ['carried out', { state: 'carried_out' as const }, { requester: { contact: 'n@example.test' } }, 'edit_request_finished'],
    ['closed', { state: 'closed' as const }, { requester: { contact: 'n@example.test' } }, 'edit_request_finished'],
    ['held window of a retention extension', { kind: 'retention-extension' as const }, { details: { window: { ...window, cameraIds: ['c2'] } } }, 'edit_held_window'],
    ['receipt after the AVG extension', { deadline: { due: '2026-04-02', rule: 'AVG-12.3', steps: [], extendedDue: '2026-06-02', extensionReason: 'x' } }, { receivedAt: '2026-02-27T09:00:00Z' }, 'edit_receipt_after_extension'],
  ] as const)('%s', (_name, extra, edit, code) => {
    const r = request(extra as Partial<CaseRequest>);
    expect(editCheck(r, diff(r, edit as RequestEdit))?.code ?? null).toBe(code);
  });
});
