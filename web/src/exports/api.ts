import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, toProblem, withQuery } from '../api/client';

/** An export as the API lists it (never a password, never footage). */
export interface ExportSummary {
  id: string;
  caseRef: string;
  requestKind: string;
  recipient: string;
  legalBasis: string;
  windows: { cameraId: string; from: string; to: string }[];
  clips: { file: string; cameraId: string; gaps: { from: string; to: string }[]; sha256: string; bytes: number }[];
  packageBytes: number;
  packageSha256: string;
  certificateSha256: string;
  createdAt: string;
  createdBy: string;
  downloadedAt: string | null;
  downloadedBy: string | null;
  handedOver: { at: string; by: string; to: string; identification: string } | null;
  packageDeletedAt: string | null;
  destination: string | null;
}

export interface VerifyReport {
  ok: boolean;
  kind: 'package' | 'mp4' | 'manifest' | 'unknown';
  certificateSha256: string | null;
  checks: { name: string; ok: boolean; detail: string }[];
  issuedHere: { createdAt: string } | null;
}

export const exportsKey = ['exports'] as const;
export const exportJobsKey = ['export-jobs'] as const;

/** An export job (issue 8 item 6): state, phase and progress 0..1; `exportId` once done. */
export interface ExportJob {
  id: string;
  caseRef: string;
  requestId: string;
  state: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  phase: string;
  progress: number;
  error: string | null;
  attempts: number;
  createdAt: string;
  createdBy: string;
  finishedAt: string | null;
  exportId: string | null;
}

export const activeJob = (j: ExportJob) => j.state === 'queued' || j.state === 'running';

/** The case's export jobs, polled every second while one is queued or running. */
export function useCaseExportJobs(caseRef: string, enabled: boolean) {
  return useQuery({
    queryKey: [...exportJobsKey, caseRef],
    queryFn: () => api<{ jobs: ExportJob[] }>(withQuery('/api/exports/jobs', { caseRef })),
    enabled,
    refetchInterval: (query) => (query.state.data?.jobs.some(activeJob) ? 1000 : false),
  });
}

export function useCancelExportJob() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<{ job: ExportJob }>(`/api/exports/jobs/${encodeURIComponent(id)}/cancel`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: exportJobsKey }),
  });
}

export function useCaseExports(caseRef: string, enabled: boolean) {
  return useQuery({
    queryKey: [...exportsKey, caseRef],
    queryFn: () => api<{ exports: ExportSummary[] }>(withQuery('/api/exports', { caseRef })),
    enabled,
  });
}

export function useCreateExport(requestId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (options: { exact: boolean; destination?: string }) =>
      api<{ job: ExportJob; password: string }>('/api/exports', { method: 'POST', body: { requestId, exact: options.exact, ...(options.destination ? { destination: options.destination } : {}) } }),
    onSuccess: () => client.invalidateQueries({ queryKey: exportJobsKey }),
  });
}

export function useHandOver(exportId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { to: string; identification: string }) => api<{ export: ExportSummary }>(`/api/exports/${encodeURIComponent(exportId)}/handover`, { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: exportsKey }),
  });
}

export const downloadUrl = (id: string) => `/api/exports/${encodeURIComponent(id)}/download`;

/** The public verification (no account needed): the file and, for a package, its password. */
export async function verifyFile(file: File, password: string): Promise<VerifyReport> {
  const form = new FormData();
  form.append('file', file, file.name);
  if (password) form.append('password', password);
  let response: Response;
  try {
    response = await fetch('/api/public/exports/verify', { method: 'POST', body: form, credentials: 'omit' });
  } catch {
    throw new ApiError({ type: 'about:blank', title: 'Network error', status: 0, code: 'network_error' });
  }
  const data: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw new ApiError(toProblem(response.status, data));
  return data as VerifyReport;
}
