import type { Insertable, Selectable } from 'kysely';

/**
 * The operator's review of one redaction analysis (issue 9 item 2): mode, style, kept tracks, margin,
 * hold and manual boxes. One row per analysis, replaced on every save (each save is logged).
 */
export interface RedactionReviewTable {
  analysis_id: string;
  /** JSON of RedactionSettings (mode, style, keep, margin, holdFrames). */
  settings: string;
  /** JSON of ManualBox[]. */
  manual: string;
  version: number;
  updated_at: string;
  updated_by_name: string;
}

/**
 * Renders of a reviewed analysis into a redacted copy, delivered as a derived export. The package
 * password is never stored: it is returned when the render starts and kept in memory until the
 * package is made, so a render interrupted by a restart fails and is started again.
 */
export interface RedactionRenderTable {
  id: string;
  analysis_id: string;
  case_ref: string;
  request_id: string;
  state: string;
  progress: number;
  /** JSON of the settings and manual boxes the render used (a snapshot of the review). */
  settings: string;
  frames: number | null;
  export_id: string | null;
  error: string | null;
  created_at: string;
  created_by_id: string | null;
  created_by_name: string;
  finished_at: string | null;
}

export type RedactionReviewRow = Selectable<RedactionReviewTable>;
export type RedactionRenderRow = Selectable<RedactionRenderTable>;
export type NewRedactionRender = Insertable<RedactionRenderTable>;
