import type { Generated, Insertable, Selectable } from 'kysely';

/**
 * The view sessions (issue 6, INV-3, SOE-7.2): who watched which cameras, live or recorded, for
 * which reason; and the time ranges of footage actually watched, per camera, reported by the player.
 * The logboek holds the hash-chained record of the same facts; these tables answer the question
 * "who saw camera X between 21:00 and 21:05?" with an overlap query. Instants are ISO-8601 UTC text.
 */
export interface ViewSessionTable {
  id: string;
  /** The login session the view session (and its media URLs) is bound to. */
  auth_session_id: string;
  user_id: string;
  username: string;
  display_name: string;
  role: string;
  /** 'recordings' | 'live' */
  scope: string;
  /** JSON array of camera ids. */
  camera_ids: string;
  /** The profile's view reason (incident, request, police_investigation, …) or free_text. */
  reason_kind: string;
  case_ref: string | null;
  reason_text: string | null;
  /** SOE-5: police/OvJ identification (e.g. badge or registration number). */
  identification: string | null;
  /** The rule that allowed the viewing. */
  rule: string;
  started_at: string;
  last_seen_at: string;
  ended_at: string | null;
  /** seq of the logboek entry that recorded the start. */
  logbook_seq: number;
}

export interface ViewRangeTable {
  id: Generated<number>;
  session_id: string;
  camera_id: string;
  /** The player's own id for a contiguous stretch of watching (a seek starts a new one). */
  range_key: string;
  from_at: string;
  to_at: string;
  updated_at: string;
  /** When the closed range was written to the logboek (footage.viewed); null while it may still grow. */
  logged_at: string | null;
}

export type ViewSessionRow = Selectable<ViewSessionTable>;
export type NewViewSessionRow = Insertable<ViewSessionTable>;
export type ViewRangeRow = Selectable<ViewRangeTable>;
