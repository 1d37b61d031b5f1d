import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from '@hono/zod-openapi';
import { api, withQuery } from '../api/client';
import type { AnalysisSchema, StartAnalysisBody, TrackSchema } from '../../../src/redaction/analysis/analysis.schema';
import type { ManualBoxSchema, RenderSchema, ReviewSchema, SaveReviewBody, SettingsSchema } from '../../../src/redaction/review/review.schema';

/**
 * Redaction (issue 9) as the API shows it: analyses, tracks, the operator's review, renders. Derived
 * from the server's zod response schemas (src/redaction/analysis/analysis.schema.ts,
 * src/redaction/review/review.schema.ts), type-only.
 */
export type Analysis = z.infer<typeof AnalysisSchema>;
export type TrackSummary = z.infer<typeof TrackSchema>;
export type TrackBox = TrackSummary['boxes'][number];
/** A rectangle in shares (0..1) of the frame. */
export type Box = Pick<TrackBox, 'x' | 'y' | 'w' | 'h'>;
export type Settings = z.infer<typeof SettingsSchema>;
export type Mode = Settings['mode'];
export type Style = Settings['style'];
export type ManualBox = z.infer<typeof ManualBoxSchema>;
export type Keyframe = ManualBox['keyframes'][number];
export type Review = z.infer<typeof ReviewSchema>;
export type Render = z.infer<typeof RenderSchema>;

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
    mutationFn: (body: z.input<typeof StartAnalysisBody>) => api<{ analysis: Analysis }>('/api/redaction/analyses', { method: 'POST', body }),
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
    mutationFn: (body: z.input<typeof SaveReviewBody>) =>
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
