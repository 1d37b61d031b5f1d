import type { Insertable, Selectable } from 'kysely';

/**
 * Redaction analysis jobs (issue 9 item 1): one camera × one time window of a case, durable
 * (queued → running → done | failed | cancelled; a job found running at start is run again).
 * Instants are ISO-8601 UTC text; `settings` is the JSON of AnalysisSettings.
 */
export interface RedactionAnalysisTable {
  id: string;
  case_ref: string;
  request_id: string;
  camera_id: string;
  window_from: string;
  window_to: string;
  /** The analysed clip: t = 0 of every track box is clip_start (max of window start and first footage). */
  clip_start: string;
  clip_end: string;
  state: string;
  progress: number;
  settings: string;
  frame_width: number | null;
  frame_height: number | null;
  frames: number | null;
  track_count: number | null;
  error: string | null;
  attempts: number;
  created_at: string;
  created_by_id: string | null;
  created_by_name: string;
  created_by_role: string | null;
  started_at: string | null;
  finished_at: string | null;
}

/** The tracks of a finished analysis (src/redaction/track.ts); `boxes` is the JSON of TrackBox[]. */
export interface RedactionTrackTable {
  analysis_id: string;
  track_id: string;
  kind: string;
  first_ms: number;
  last_ms: number;
  best_score: number;
  boxes: string;
  /** The JPEG in the case file store (CaseFileStore), with its SHA-256. */
  thumbnail_path: string | null;
  thumbnail_sha256: string | null;
}

export type RedactionAnalysisRow = Selectable<RedactionAnalysisTable>;
export type NewRedactionAnalysis = Insertable<RedactionAnalysisTable>;
export type RedactionTrackRow = Selectable<RedactionTrackTable>;
