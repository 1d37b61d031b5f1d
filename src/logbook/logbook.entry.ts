import type { StoredEntry } from './logbook.js';

/** Logboek entries as the rest of the application sees them (pure). */

/** An entry as the rest of the application sees it. */
export interface LogbookEntry {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string;
  actorRole: string | null;
  action: string;
  subject: Record<string, unknown>;
  reason: string | null;
  caseRef: string | null;
  ip: string | null;
  prevHash: string;
  hash: string;
}

export function toLogbookEntry(row: StoredEntry): LogbookEntry {
  return {
    seq: row.seq,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    actorRole: row.actor_role,
    action: row.action,
    subject: parseSubject(row.subject),
    reason: row.reason,
    caseRef: row.case_ref,
    ip: row.ip,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** A subject as stored; text that is not a JSON object (a damaged row) is shown as it is rather than failing the read. */
function parseSubject(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    /* shown raw below */
  }
  return { unreadable: text };
}

/** Keys whose values are secrets and never enter the logboek, at any depth of a subject. */
const secretKey = /password|passwd|secret|token|totp|^(code|otp|pin)$|(mfa|recovery|backup|auth|verification|one_?time)_?code$/i;

/** A copy of a subject without secret-looking members (defence in depth: callers should not pass them). */
export function withoutSecrets<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => withoutSecrets(v)) as T;
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    // defineProperty, not assignment: a member named "__proto__" stays a member.
    if (!secretKey.test(key)) Object.defineProperty(copy, key, { value: withoutSecrets(member), enumerable: true, writable: true, configurable: true });
  }
  return copy as T;
}
