import { api, withQuery } from '../api/client';
import type { WatchedRange } from './ranges';

/** The shapes of /api/viewing (src/viewing/viewing.schema.ts). */
export interface ViewOptions {
  cameras: { id: string; name: string; siteName: string; location: string }[];
  cases: { ref: string; kind: 'incident' | 'request'; label: string; from: string | null; to: string | null; cameraIds: string[] }[];
  freeTextAllowed: boolean;
  identificationRequired: boolean;
  retentionDays: number;
}

export interface ViewSession {
  id: string;
  scope: 'recordings' | 'live';
  cameraIds: string[];
  reason: string;
  rule: string;
  caseRef: string | null;
  reasonText: string | null;
  identification: string | null;
  user: { id: string; username: string; displayName: string; role: string };
  startedAt: string;
  endedAt: string | null;
  logbookSeq: number;
}

export interface Playback {
  playlistUrl: string;
  start: string;
  end: string;
  segments: number;
  expiredSegments: number;
}

export interface Live {
  streamUrl: string;
  codec: string;
  feedStartedAt: string;
}

export interface TimelineBand {
  start: string;
  end: string;
  kind: 'recorded' | 'motion' | 'held';
}

export const viewingApi = {
  options: (signal?: AbortSignal) => api<ViewOptions>('/api/viewing/options', { signal }),
  live: (id: string, cameraId: string) => api<Live>(`/api/viewing/sessions/${id}/live`, { method: 'POST', body: { cameraId } }),
  start: (body: { scope: 'recordings' | 'live'; cameraIds: string[]; caseRef?: string | null; reasonText?: string | null; identification?: string | null }) =>
    api<{ session: ViewSession }>('/api/viewing/sessions', { method: 'POST', body }),
  playback: (id: string, cameraId: string, at: string) => api<Playback>(`/api/viewing/sessions/${id}/playback`, { method: 'POST', body: { cameraId, at } }),
  report: (id: string, ranges: WatchedRange[]) => api<{ logged: number }>(`/api/viewing/sessions/${id}/ranges`, { method: 'POST', body: { ranges } }),
  end: (id: string, ranges: WatchedRange[]) => api<{ session: ViewSession }>(`/api/viewing/sessions/${id}/end`, { method: 'POST', body: { ranges } }),
  timeline: (cameraId: string, from: string, to: string, signal?: AbortSignal) =>
    api<{ bands: TimelineBand[]; retainedFrom: string }>(withQuery(`/api/viewing/cameras/${cameraId}/timeline`, { from, to }), { signal }),
  searchCameras: (signal?: AbortSignal) => api<{ cameras: { id: string; name: string; siteId: string; siteName: string; location: string; inRegister: boolean }[] }>('/api/viewing/search/cameras', { signal }),
  search: (cameraId: string, from: string, to: string, signal?: AbortSignal) =>
    api<{ results: { session: ViewSession; ranges: { from: string; to: string }[] }[] }>(withQuery('/api/viewing/search', { cameraId, from, to }), { signal }),
};
