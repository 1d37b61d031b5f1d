import type { z } from '@hono/zod-openapi';
import { api, withQuery } from '../api/client';
import type {
  EndBody, LiveSchema, PlaybackSchema, ReportBody, SearchCameraSchema, SearchResultSchema, StartViewBody, TimelineSchema, ViewOptionsSchema, ViewSessionSchema,
} from '../../../src/viewing/viewing.schema';

/** The shapes of /api/viewing: derived from the server's zod response schemas (src/viewing/viewing.schema.ts), type-only. */
export type ViewOptions = z.infer<typeof ViewOptionsSchema>;
export type ViewSession = z.infer<typeof ViewSessionSchema>;
export type Playback = z.infer<typeof PlaybackSchema>;
export type Live = z.infer<typeof LiveSchema>;
export type Timeline = z.infer<typeof TimelineSchema>;
export type TimelineBand = Timeline['bands'][number];
export type ViewSearch = z.infer<typeof SearchResultSchema>;
/** The body of POST /api/viewing/sessions, as the client sends it. */
export type StartView = z.input<typeof StartViewBody>;
/** Watched stretches as the server takes them (ranges.ts builds them; a drift fails at the call). */
type WatchedRanges = z.input<typeof ReportBody>['ranges'];
type EndRanges = NonNullable<z.input<typeof EndBody>['ranges']>;
export type SearchCamera = z.infer<typeof SearchCameraSchema>;

export const viewingApi = {
  options: (signal?: AbortSignal) => api<ViewOptions>('/api/viewing/options', { signal }),
  live: (id: string, cameraId: string) => api<Live>(`/api/viewing/sessions/${id}/live`, { method: 'POST', body: { cameraId } }),
  start: (body: StartView) =>
    api<{ session: ViewSession }>('/api/viewing/sessions', { method: 'POST', body }),
  playback: (id: string, cameraId: string, at: string) => api<Playback>(`/api/viewing/sessions/${id}/playback`, { method: 'POST', body: { cameraId, at } }),
  report: (id: string, ranges: WatchedRanges) => api<{ logged: number }>(`/api/viewing/sessions/${id}/ranges`, { method: 'POST', body: { ranges } }),
  end: (id: string, ranges: EndRanges) => api<{ session: ViewSession }>(`/api/viewing/sessions/${id}/end`, { method: 'POST', body: { ranges } }),
  timeline: (cameraId: string, from: string, to: string, signal?: AbortSignal) =>
    api<Timeline>(withQuery(`/api/viewing/cameras/${cameraId}/timeline`, { from, to }), { signal }),
  searchCameras: (signal?: AbortSignal) => api<{ cameras: SearchCamera[] }>('/api/viewing/search/cameras', { signal }),
  search: (cameraId: string, from: string, to: string, signal?: AbortSignal) =>
    api<ViewSearch>(withQuery('/api/viewing/search', { cameraId, from, to }), { signal }),
};
