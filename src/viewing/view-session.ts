import { invalid } from '../platform/errors.js';
import type { ViewScope } from './purpose.js';
import type { ViewSessionRow } from './viewing.table.js';

/** A view session (issue 6): who watches which cameras, live or recorded, for which stated reason. */
export interface ViewSession {
  id: string;
  scope: ViewScope;
  cameraIds: string[];
  reason: string;
  rule: string;
  caseRef: string | null;
  reasonText: string | null;
  identification: string | null;
  user: { id: string; username: string; displayName: string; role: string };
  startedAt: string;
  endedAt: string | null;
  logbookSeq: number;
}

export interface WatchedRange {
  cameraId: string;
  /** The player's id for one contiguous stretch; a seek starts a new one. */
  key: string;
  from: string;
  to: string;
  /** The stretch is over (seek, pause, end): it is written to the logboek now. */
  final?: boolean;
}

export type Ip = string | null;

/** The logboek's actor of a view session's entries. */
export type LogActor = { id: string; name: string; role: string };

/** At most this many cameras in one view session (a grid, or an incident's cameras). */
export const maxCamerasPerSession = 16;

export function toViewSession(row: ViewSessionRow): ViewSession {
  return {
    id: row.id, scope: row.scope as ViewScope, cameraIds: cameraIdsOf(row), reason: row.reason_kind, rule: row.rule, caseRef: row.case_ref,
    reasonText: row.reason_text, identification: row.identification, user: { id: row.user_id, username: row.username, displayName: row.display_name, role: row.role },
    startedAt: row.started_at, endedAt: row.ended_at, logbookSeq: Number(row.logbook_seq),
  };
}

export function cameraIdsOf(row: ViewSessionRow): string[] {
  return JSON.parse(row.camera_ids) as string[];
}

/** The reason as the logboek states it: the typed text where there is one, else the kind. */
export function reasonOf(row: ViewSessionRow): string {
  return row.reason_text ?? row.reason_kind;
}

export function instant(value: string, field: string): Date {
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw invalid('bad_instant', `${field} is not a date-time`, field);
  return at;
}
