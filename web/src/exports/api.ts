import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from '@hono/zod-openapi';
import { api, ApiError, toProblem, withQuery } from '../api/client';
import type { CreateExportBody, ExportJobSchema, ExportSchema, HandOverBody, QueuedExportSchema, VerifyReportSchema } from '../../../src/exports/export.schema';

/** The shapes of /api/exports: derived from the server's zod response schemas (src/exports/export.schema.ts), type-only. */
/** An export as the API lists it (never a password, never footage). */
export type ExportSummary = z.infer<typeof ExportSchema>;
export type VerifyReport = z.infer<typeof VerifyReportSchema>;
/** An export job (issue 8 item 6): state, phase and progress 0..1; `exportId` once done. */
export type ExportJob = z.infer<typeof ExportJobSchema>;
export type QueuedExport = z.infer<typeof QueuedExportSchema>;

export const exportsKey = ['exports'] as const;
export const exportJobsKey = ['export-jobs'] as const;

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
      api<QueuedExport>('/api/exports', { method: 'POST', body: { requestId, exact: options.exact, ...(options.destination ? { destination: options.destination } : {}) } satisfies z.input<typeof CreateExportBody> }),
    onSuccess: () => client.invalidateQueries({ queryKey: exportJobsKey }),
  });
}

export function useHandOver(exportId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof HandOverBody>) => api<{ export: ExportSummary }>(`/api/exports/${encodeURIComponent(exportId)}/handover`, { method: 'POST', body }),
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
