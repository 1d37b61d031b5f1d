import type { Text } from '../protocol/provenance.schema.js';
import type { Violation } from './request-conditions.js';
import { undecidedStates, type CaseRequest, type Channel, type RequestDetails } from './request.js';

/**
 * Editing a request's details after filing (pure rules): what may change in which state, the
 * diff the logboek records, and whether the deadline moves. The law fixes when a term starts, so
 * only two edits move the deadline: correcting the date of receipt (the term runs from receipt:
 * AVG art. 12(3), Algemene termijnenwet) and, for a vordering, the delivery date the vordering
 * itself names (art. 126nd/126nda Sv). Completing or correcting anything else — the cameras of a
 * resident's window, a contact address, a description — leaves the term where it was.
 */
export interface RequestEdit {
  receivedAt?: string;
  channel?: Exclude<Channel, 'public_form' | 'police_account'>;
  requester?: { name?: string; contact?: string | null; organisation?: string | null };
  /** The details to replace; a key given replaces that detail (a window as a whole). */
  details?: Partial<RequestDetails>;
}

export interface FieldChange {
  field: string;
  /** Absent for personal data (names, contacts, free text): the case holds the values, the logboek says what changed. */
  from?: unknown;
  to?: unknown;
}

/** Fields whose values the logboek may show: dates, camera ids, categories — no names and no free text. */
const loggedValues = new Set([
  'receivedAt', 'channel', 'details.window.from', 'details.window.to', 'details.window.cameraIds', 'details.window.siteId',
  'details.window.location', 'details.recipient', 'details.deliveryDeadline', 'details.legalBasis', 'details.unit',
]);

/** After a decision only what names the decided window more precisely (its cameras, its site) and how to reach the requester may change. */
const changeableAfterDecision = new Set(['requester.contact', 'details.window.cameraIds', 'details.window.siteId']);

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function flatten(prefix: string, value: unknown, into: Map<string, unknown>): void {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(`${prefix}.${key}`, inner, into);
  } else into.set(prefix, value);
}

/** The request as it would be after the edit. */
export function applyEdit(request: CaseRequest, edit: RequestEdit): Pick<CaseRequest, 'receivedAt' | 'channel' | 'requester' | 'details'> {
  const details: RequestDetails = { ...request.details };
  for (const [key, value] of Object.entries(edit.details ?? {})) {
    if (value === undefined) continue;
    (details as Record<string, unknown>)[key] = value;
  }
  return {
    receivedAt: edit.receivedAt ? new Date(edit.receivedAt).toISOString() : request.receivedAt,
    channel: edit.channel ?? request.channel,
    requester: {
      ...request.requester,
      ...(edit.requester?.name !== undefined ? { name: edit.requester.name.trim() } : {}),
      ...(edit.requester?.contact !== undefined ? { contact: edit.requester.contact?.trim() || null } : {}),
      ...(edit.requester?.organisation !== undefined ? { organisation: edit.requester.organisation?.trim() || null } : {}),
    },
    details,
  };
}

/** What changed, field by field (dotted paths), with values only where the logboek may show them. */
export function diffRequest(before: Pick<CaseRequest, 'receivedAt' | 'channel' | 'requester' | 'details'>, after: typeof before): FieldChange[] {
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  for (const [map, value] of [[a, before], [b, after]] as const) {
    map.set('receivedAt', value.receivedAt);
    map.set('channel', value.channel);
    flatten('requester', { name: value.requester.name, contact: value.requester.contact, organisation: value.requester.organisation }, map);
    for (const [key, inner] of Object.entries(value.details)) {
      if (key === 'window' && inner) flatten('details.window', inner, map);
      else map.set(`details.${key}`, inner);
    }
  }
  const fields = [...new Set([...a.keys(), ...b.keys()])].sort();
  return fields
    .filter((field) => !same(a.get(field), b.get(field)))
    .map((field) => (loggedValues.has(field) ? { field, from: a.get(field) ?? null, to: b.get(field) ?? null } : { field }));
}

/** Whether the deadline is computed again, and why (the law's reason), or null when it stays. */
export function deadlineMoves(request: CaseRequest, changes: readonly FieldChange[]): 'receipt_corrected' | 'delivery_date_changed' | null {
  if (changes.some((c) => c.field === 'receivedAt')) return 'receipt_corrected';
  if (request.kind === 'police' && changes.some((c) => c.field === 'details.deliveryDeadline')) return 'delivery_date_changed';
  return null;
}

const v = (code: string, rule: string, nl: string, en: string): Violation => ({ code, rule, message: { nl, en } as Text });

/** May these fields change in the request's present state? Null when they may. */
export function editCheck(request: CaseRequest, changes: readonly FieldChange[]): Violation | null {
  if (!changes.length) return v('edit_nothing_changed', 'X-1', 'Er is niets gewijzigd.', 'Nothing was changed.');
  if (['carried_out', 'closed', 'withdrawn'].includes(request.state)) {
    return v('edit_request_finished', 'X-1', 'Een uitgevoerd of afgesloten verzoek wordt niet meer gewijzigd.', 'A request that was carried out or closed is not changed any more.');
  }
  if (!undecidedStates.includes(request.state)) {
    const fixed = changes.find((c) => !changeableAfterDecision.has(c.field));
    if (fixed) {
      return v('edit_after_decision', 'X-1', `Na het besluit wijzigt alleen welke camera's het besloten tijdvak toont en het contactadres (${fixed.field}).`, `After the decision only the cameras of the decided window and the contact address change (${fixed.field}).`);
    }
  }
  if (request.kind === 'retention-extension' && changes.some((c) => c.field.startsWith('details.window'))) {
    return v('edit_held_window', 'X-3', 'De beelden van dit verzoek zijn al veiliggesteld; dien voor een ander tijdvak een nieuw verzoek in.', 'This request\u2019s footage is already held; file a new request for another window.');
  }
  if (changes.some((c) => c.field === 'receivedAt') && request.deadline.extendedDue) {
    return v('edit_receipt_after_extension', 'AVG-12.3', 'De termijn is al verlengd; de ontvangstdatum wijzigt niet meer.', 'The term was extended already; the date of receipt no longer changes.');
  }
  return null;
}
