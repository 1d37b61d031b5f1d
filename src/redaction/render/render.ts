import type { RedactionRenderRow } from '../review/review.table.js';
import type { ManualBox } from '../review/review.js';
import type { RedactionSettings } from '../track.js';

/** Domain types of a render (pure). */
export const renderStates = ['running', 'done', 'failed', 'cancelled'] as const;
export type RenderState = (typeof renderStates)[number];

export interface RenderSnapshot {
  settings: RedactionSettings;
  manual: ManualBox[];
  /** The review version rendered (0: the defaults, never saved). */
  reviewVersion: number;
}

export interface RenderSummary {
  id: string;
  analysisId: string;
  caseRef: string;
  requestId: string;
  state: RenderState;
  /** 0..1: rendering to 0.9, packaging the export to 1. */
  progress: number;
  settings: RenderSnapshot;
  frames: number | null;
  exportId: string | null;
  error: string | null;
  createdAt: string;
  createdBy: string;
  finishedAt: string | null;
}

export function toRenderSummary(row: RedactionRenderRow): RenderSummary {
  return {
    id: row.id, analysisId: row.analysis_id, caseRef: row.case_ref, requestId: row.request_id, state: row.state as RenderState,
    progress: Number(row.progress), settings: JSON.parse(row.settings) as RenderSnapshot, frames: row.frames === null ? null : Number(row.frames),
    exportId: row.export_id, error: row.error, createdAt: row.created_at, createdBy: row.created_by_name, finishedAt: row.finished_at,
  };
}

/** Share of the progress bar the render takes; the export (seal, encrypt, sign) takes the rest. */
export const renderShare = 0.9;
