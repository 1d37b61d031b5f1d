import type { RedactionAnalysisRow, RedactionTrackRow } from '../redaction.table.js';
import type { Track, TrackBox, TrackKind } from '../track.js';

/** Domain types and pure rules of the redaction analysis (issue 9 item 1). No I/O. */
export const analysisStates = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type AnalysisState = (typeof analysisStates)[number];
export const finishedStates: readonly AnalysisState[] = ['done', 'failed', 'cancelled'];

/** Request kinds whose footage may be provided, redacted: a data subject's copy, a third party, the police. */
export const analysableKinds = ['access', 'third-party', 'police'] as const;

/** One analysis covers at most this much footage (an hour: a data subject names a window of minutes). */
export const maxAnalysisWindowMs = 3_600_000;

/** A job found running at start is run again at most this many times in all. */
export const maxAttempts = 3;

/** What the analysis samples and which detectors it runs. */
export interface AnalysisSettings {
  /** Frames analysed per second of footage (the tracker interpolates between them). */
  fps: number;
  /** Width of the analysed frames in pixels (height keeps the aspect). */
  width: number;
  /** Detector names, e.g. ['motion', 'blazeface']. */
  detectors: string[];
}

export const defaultAnalysisSettings: AnalysisSettings = { fps: 10, width: 640, detectors: ['motion', 'blazeface', 'centernet'] };

/** The default detectors on this server: the learned person detector ('centernet') only where its model is installed. */
export function defaultDetectors(available: readonly string[]): string[] {
  return defaultAnalysisSettings.detectors.filter((d) => d !== 'centernet' || available.includes(d));
}

/** An analysis as the API shows it. */
export interface AnalysisSummary {
  id: string;
  caseRef: string;
  requestId: string;
  cameraId: string;
  window: { from: string; to: string };
  /** The analysed clip: every track time t (ms) counts from clip.start. */
  clip: { start: string; end: string };
  state: AnalysisState;
  /** 0..1 */
  progress: number;
  settings: AnalysisSettings;
  /** The analysed frame size (reduced resolution); boxes are normalised, so this is informative only. */
  frameSize: { width: number; height: number } | null;
  frames: number | null;
  trackCount: number | null;
  error: string | null;
  attempts: number;
  createdAt: string;
  createdBy: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** A track as listed for review: the contract's Track plus its extent and best score (boxes included). */
export interface TrackSummary extends Track {
  firstMs: number;
  lastMs: number;
  bestScore: number;
  /** URL path of the thumbnail, when one was made. */
  thumbnailUrl: string | null;
}

export function toAnalysisSummary(row: RedactionAnalysisRow): AnalysisSummary {
  return {
    id: row.id, caseRef: row.case_ref, requestId: row.request_id, cameraId: row.camera_id,
    window: { from: row.window_from, to: row.window_to }, clip: { start: row.clip_start, end: row.clip_end },
    state: row.state as AnalysisState, progress: Number(row.progress), settings: JSON.parse(row.settings) as AnalysisSettings,
    frameSize: row.frame_width && row.frame_height ? { width: row.frame_width, height: row.frame_height } : null,
    frames: row.frames, trackCount: row.track_count, error: row.error, attempts: row.attempts,
    createdAt: row.created_at, createdBy: row.created_by_name, startedAt: row.started_at, finishedAt: row.finished_at,
  };
}

export function toTrack(row: RedactionTrackRow): Track {
  return {
    id: row.track_id, kind: row.kind as TrackKind, boxes: JSON.parse(row.boxes) as TrackBox[],
    ...(row.thumbnail_path ? { thumbnail: row.thumbnail_path } : {}),
  };
}

export function toTrackSummary(row: RedactionTrackRow): TrackSummary {
  return {
    ...toTrack(row), firstMs: Number(row.first_ms), lastMs: Number(row.last_ms), bestScore: Number(row.best_score),
    thumbnailUrl: row.thumbnail_path ? `/api/redaction/analyses/${row.analysis_id}/tracks/${row.track_id}/thumbnail` : null,
  };
}

/** Validates the analysis window (pure); returns the problem or null. */
export function analysisWindowProblem(w: { cameraId: string; from: Date; to: Date }): string | null {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(w.cameraId)) return `not a camera id: ${w.cameraId}`;
  if (Number.isNaN(w.from.getTime()) || Number.isNaN(w.to.getTime())) return 'from and to are ISO-8601 instants';
  if (w.to.getTime() <= w.from.getTime()) return 'the window ends after it starts';
  if (w.to.getTime() - w.from.getTime() > maxAnalysisWindowMs) return 'one analysis covers at most one hour of footage';
  return null;
}

/** Validates settings against the detectors this server has (pure). */
export function settingsProblem(s: AnalysisSettings, available: readonly string[]): string | null {
  if (!(s.fps > 0 && s.fps <= 25)) return 'fps is between 0 and 25';
  if (!Number.isInteger(s.width) || s.width < 160 || s.width > 1920 || s.width % 2 !== 0) return 'width is an even number of pixels from 160 to 1920';
  if (s.detectors.length === 0) return 'name at least one detector';
  const unknown = s.detectors.filter((d) => !available.includes(d));
  if (unknown.length > 0) return `unknown or unavailable detector(s): ${unknown.join(', ')} (available: ${available.join(', ') || 'none'})`;
  return null;
}
