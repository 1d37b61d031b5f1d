import type { Generated, Insertable, Selectable } from 'kysely';

/**
 * The recorder's tables. As everywhere: times are ISO-8601 UTC text with milliseconds
 * (toISOString), days YYYY-MM-DD (UTC), booleans 0/1.
 */

/** The segment index: one row per stored, encrypted segment. */
export interface SegmentTable {
  id: Generated<number>;
  camera_id: string;
  /** UTC day of start_at: whose day key encrypts the object. */
  day: string;
  start_at: string;
  end_at: string;
  duration_ms: number;
  /** Plaintext bytes and bytes in the store (ciphertext). */
  bytes: number;
  stored_bytes: number;
  motion: number | null;
  storage_key: string;
  run_id: string;
  codec: string;
  width: number | null;
  height: number | null;
  indexed_at: string;
}

/** Holds (veiligstellen): footage of the hold's cameras in [from_at, to_at) is never deleted while released_at is null (INV-2). */
export interface HoldTable {
  id: string;
  /** The incident or request that asked for it; null for a hold placed by hand (CLI/API). */
  case_ref: string | null;
  kind: string;
  from_at: string;
  to_at: string;
  reason: string;
  review_at: string | null;
  created_by_id: string | null;
  created_by_name: string;
  created_at: string;
  released_by_id: string | null;
  released_by_name: string | null;
  released_at: string | null;
  release_reason: string | null;
}

export interface HoldCameraTable {
  camera_id: string;
  hold_id: string;
}

/** Per camera and UTC day, the data key wrapped by the master key; wrapped_key is null once destroyed (INV-9). */
export interface DayKeyTable {
  camera_id: string;
  day: string;
  wrapped_key: string | null;
  master_key_id: string;
  created_at: string;
  destroyed_at: string | null;
}

/** The recorder's own view of each camera it has recorded: retention, mode, health. */
export interface RecordingCameraTable {
  camera_id: string;
  name: string;
  retention_days: number;
  mode: string;
  /** starting | recording | offline | failed | stopped | paused */
  state: string;
  state_since: string;
  offline_since: string | null;
  last_error: string | null;
  last_segment_end: string | null;
  /** Running totals of the camera's indexed segments (kept with every insert and delete). */
  segment_count: Generated<number>;
  stored_bytes: Generated<number>;
  /** motion mode: segments ending at or before this instant have been decided. */
  motion_decided_until: string | null;
  /**
   * The retention sweep's cursor: no unheld segment starting before this instant is left (the sweep
   * reads from here on). Releasing a hold moves it back to the hold's window.
   */
  swept_until: string | null;
  updated_at: string;
}

/** Objects whose index rows are gone and that must still be removed from the store (crash-safe purge). */
export interface PurgeQueueTable {
  storage_key: string;
  camera_id: string;
  day: string;
  queued_at: string;
}

export type SegmentRow = Selectable<SegmentTable>;
export type NewSegmentRow = Insertable<SegmentTable>;
export type HoldRow = Selectable<HoldTable>;
export type DayKeyRow = Selectable<DayKeyTable>;
export type RecordingCameraRow = Selectable<RecordingCameraTable>;

/**
 * Which recorder process records a camera (scale-out): a lease with an expiry, renewed by its
 * holder at every refresh of the targets; an expired lease may be taken by another recorder.
 */
export interface CameraLeaseTable {
  camera_id: string;
  holder: string;
  acquired_at: string;
  expires_at: string;
}
