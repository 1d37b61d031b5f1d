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
}

export interface VerifyReport {
  ok: boolean;
  kind: 'package' | 'mp4' | 'manifest' | 'unknown';
  certificateSha256: string | null;
  checks: { name: string; ok: boolean; detail: string }[];
  issuedHere: { createdAt: string } | null;
}

export const exportsKey = ['exports'] as const;

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
    mutationFn: (options: { exact: boolean }) => api<{ export: ExportSummary; password: string }>('/api/exports', { method: 'POST', body: { requestId, exact: options.exact } }),
    onSuccess: () => client.invalidateQueries({ queryKey: exportsKey }),
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
