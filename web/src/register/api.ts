import { useQuery } from '@tanstack/react-query';
import { ApiError, api, toProblem } from '../api/client';
import type { CameraDetail, CameraSummary, Defect, OverdueCheck, RegisterProfile, Site, StoredDocument } from './types';

export type { OverdueCheck };

export const registerKey = ['register'] as const;

export function useProfiles() {
  return useQuery({
    queryKey: [...registerKey, 'profiles'],
    queryFn: ({ signal }) => api<{ profiles: RegisterProfile[] }>('/api/register/profiles', { signal }),
    staleTime: Infinity,
  });
}

export function useSites() {
  return useQuery({ queryKey: [...registerKey, 'sites'], queryFn: ({ signal }) => api<{ sites: Site[] }>('/api/register/sites', { signal }) });
}

export function useCameras(siteId?: string) {
  return useQuery({
    queryKey: [...registerKey, 'cameras', siteId ?? 'all'],
    queryFn: ({ signal }) => api<{ cameras: CameraSummary[] }>(siteId ? `/api/register/cameras?siteId=${encodeURIComponent(siteId)}` : '/api/register/cameras', { signal }),
  });
}

export function useCamera(id: string) {
  return useQuery({
    queryKey: [...registerKey, 'camera', id],
    queryFn: ({ signal }) => api<CameraDetail>(`/api/register/cameras/${encodeURIComponent(id)}`, { signal }),
    enabled: id !== '',
  });
}

export const documentUrl = (id: string) => `/api/register/documents/${encodeURIComponent(id)}`;

/** Uploads one file as multipart form data (the JSON client cannot); the CSRF token comes from the session. */
export async function uploadDocument(file: File, csrfToken: string): Promise<StoredDocument> {
  const form = new FormData();
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch('/api/register/documents', { method: 'POST', body: form, credentials: 'same-origin', headers: { 'x-csrf-token': csrfToken } });
  } catch {
    throw new ApiError({ type: 'about:blank', title: 'Network error', status: 0, code: 'network_error' });
  }
  const data: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw new ApiError(toProblem(response.status, data));
  return (data as { document: StoredDocument }).document;
}

export function useOverdueChecks() {
  return useQuery({
    queryKey: [...registerKey, 'overdue'],
    queryFn: ({ signal }) => api<{ overdue: OverdueCheck[] }>('/api/register/checks/overdue', { signal }),
  });
}

export function useOpenDefects() {
  return useQuery({
    queryKey: [...registerKey, 'defects', 'open'],
    queryFn: ({ signal }) => api<{ defects: Defect[] }>('/api/register/defects?open=true', { signal }),
  });
}
