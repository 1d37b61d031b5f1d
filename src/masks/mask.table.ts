import type { Generated, Insertable, Selectable } from 'kysely';

/** A version of a camera's mask set; polygons is JSON: [{ name, points: [{ x, y }] }] in 0..1 coordinates. */
export interface PrivacyMaskVersionTable {
  id: Generated<number>;
  camera_id: string;
  version: number;
  polygons: string;
  reason: string;
  created_at: string;
  created_by_id: string | null;
  created_by_name: string;
  logbook_seq: number;
}

/** A lift of a camera's masks for one view session or one case's exports; times are ISO-8601 UTC text. */
export interface PrivacyMaskLiftTable {
  id: string;
  camera_id: string;
  user_id: string;
  username: string;
  role: string;
  view_session_id: string | null;
  case_ref: string | null;
  reason: string;
  started_at: string;
  expires_at: string;
  ended_at: string | null;
  logbook_seq: number;
}

export type MaskVersionRow = Selectable<PrivacyMaskVersionTable>;
export type NewMaskVersionRow = Insertable<PrivacyMaskVersionTable>;
export type LiftRow = Selectable<PrivacyMaskLiftTable>;
export type NewLiftRow = Insertable<PrivacyMaskLiftTable>;
