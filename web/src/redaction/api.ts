import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, withQuery } from '../api/client';

/** Redaction (issue 9) as the API shows it: analyses, tracks, the operator's review, renders. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
export interface TrackBox extends Box {
  t: number;
  score: number;
  interpolated: boolean;
}
export interface TrackSummary {
  id: string;
  kind: 'person' | 'face' | 'manual';
  boxes: TrackBox[];
  firstMs: number;
  lastMs: number;
  bestScore: number;
  thumbnailUrl: string | null;
}
export interface Analysis {
  id: string;
  caseRef: string;
  requestId: string;
  cameraId: string;
  window: { from: string; to: string };
  clip: { start: string; end: string };
  state: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  progress: number;
  frameSize: { width: number; height: number } | null;
  trackCount: number | null;
  error: string | null;
  createdAt: string;
  createdBy: string;
}
export type Mode = 'keep-only' | 'redact-detected';
export type Style = 'fill' | 'pixelate';
export interface Settings {
  mode: Mode;
  style: Style;
  keep: string[];
  margin: number;
  holdFrames: number;
}
export interface Keyframe extends Box {
  t: number;
}
export interface ManualBox {
  id: string;
  label: string;
  keyframes: Keyframe[];
}
export interface Review {
  analysisId: string;
  settings: Settings;
  manual: ManualBox[];
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
}
export interface Render {
  id: string;
  analysisId: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  progress: number;
  exportId: string | null;
  error: string | null;
  createdAt: string;
  createdBy: string;
  finishedAt: string | null;
}

const key = ['redaction'] as const;
const running = (state: string) => state === 'queued' || state === 'running';

export function useAnalyses(caseRef: string) {
  return useQuery({
    queryKey: [...key, 'analyses', caseRef],
    queryFn: () => api<{ analyses: Analysis[] }>(withQuery('/api/redaction/analyses', { caseRef })),
    enabled: caseRef !== '',
    refetchInterval: (q) => (q.state.data?.analyses.some((a) => running(a.state)) ? 1000 : false),
  });
}

export function useStartAnalysis() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { requestId: string; cameraId: string; from: string; to: string }) => api<{ analysis: Analysis }>('/api/redaction/analyses', { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: key }),
  });
}

export function useTracks(analysisId: string | null) {
  return useQuery({
    queryKey: [...key, 'tracks', analysisId],
    queryFn: () => api<{ tracks: TrackSummary[] }>(`/api/redaction/analyses/${encodeURIComponent(analysisId!)}/tracks`),
    enabled: analysisId !== null,
    staleTime: Infinity,
  });
}

export function useReview(analysisId: string | null) {
  return useQuery({
    queryKey: [...key, 'review', analysisId],
    queryFn: () => api<{ review: Review }>(`/api/redaction/analyses/${encodeURIComponent(analysisId!)}/review`),
    enabled: analysisId !== null,
  });
}

export function useSaveReview(analysisId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { version: number; settings: Settings; manual: ManualBox[] }) =>
      api<{ review: Review }>(`/api/redaction/analyses/${encodeURIComponent(analysisId)}/review`, { method: 'PUT', body }),
    onSuccess: (data) => client.setQueryData([...key, 'review', analysisId], data),
  });
}

export function useRenders(analysisId: string | null) {
  return useQuery({
    queryKey: [...key, 'renders', analysisId],
    queryFn: () => api<{ renders: Render[] }>(`/api/redaction/analyses/${encodeURIComponent(analysisId!)}/renders`),
    enabled: analysisId !== null,
    refetchInterval: (q) => (q.state.data?.renders.some((r) => r.state === 'running') ? 1000 : false),
  });
}

export function useStartRender(analysisId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ render: Render; password: string }>(`/api/redaction/analyses/${encodeURIComponent(analysisId)}/renders`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: [...key, 'renders', analysisId] }),
  });
}

export const stillUrl = (analysisId: string, t: number) => withQuery(`/api/redaction/analyses/${encodeURIComponent(analysisId)}/still`, { t: Math.round(t) });

/** The preview of one frame with the choices on screen (saved or not): a GET, so the browser loads it as an image. */
export const previewUrl = (analysisId: string, t: number, choices: { settings: Settings; manual: ManualBox[] }) =>
  withQuery(`/api/redaction/analyses/${encodeURIComponent(analysisId)}/preview`, { t: Math.round(t), choices: JSON.stringify(choices) });
