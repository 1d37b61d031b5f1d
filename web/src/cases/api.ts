import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, toProblem, withQuery } from '../api/client';
import type {
  CameraRef, CaseDocument, CasesOverview, CaseRequest, Complaint, ComplaintDetail, ComplaintStepInput, DocumentKind, Hold, Incident, IncidentDetail, IncidentStepInput, IncidentTypeOption, NewComplaint, NewRequest, OwnPoliceRequest,
  PoliceRequestInput, PublicFormInfo, PublicReceipt, PublicRequestInput, ReportIncidentInput, RequestDetail, RequestEditInput, RequestStepInput, RequestSummary, SecureInput, SignatureInput, ViewingLog,
} from './types';

export const casesKey = ['cases'] as const;

export function useRequests(view: 'open' | 'all') {
  return useQuery({
    queryKey: [...casesKey, 'requests', view],
    queryFn: ({ signal }) => api<{ requests: RequestSummary[] }>(withQuery('/api/cases/requests', { view }), { signal }),
  });
}

export function useRequest(id: string) {
  return useQuery({
    queryKey: [...casesKey, 'request', id],
    queryFn: ({ signal }) => api<{ request: RequestDetail }>(`/api/cases/requests/${encodeURIComponent(id)}`, { signal }),
    enabled: id !== '',
  });
}

/** Every case mutation refreshes what the case pages show. */
function useCaseMutation<I, O>(fn: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: casesKey }) });
}

export const useFileRequest = () => useCaseMutation((body: NewRequest) => api<{ request: CaseRequest }>('/api/cases/requests', { method: 'POST', body }));
export const useRequestStep = (id: string) => useCaseMutation((body: RequestStepInput) => api<{ request: RequestDetail }>(`/api/cases/requests/${encodeURIComponent(id)}/steps`, { method: 'POST', body }));
export const useGenerateDocument = (id: string) => useCaseMutation((kind: DocumentKind) => api<{ document: CaseDocument }>(`/api/cases/requests/${encodeURIComponent(id)}/documents`, { method: 'POST', body: { kind } }));
export const useSignDocument = () =>
  useCaseMutation((input: { id: string } & SignatureInput) =>
    api<{ document: CaseDocument }>(`/api/cases/documents/${encodeURIComponent(input.id)}/signature`, { method: 'POST', body: { signerName: input.signerName, signaturePng: input.signaturePng } }),
  );

export const documentUrl = (id: string) => `/api/cases/documents/${encodeURIComponent(id)}`;

/** Uploads a signed scan as multipart form data (the JSON client cannot). */
export function uploadScan(id: string, file: File, signerName: string, csrfToken: string): Promise<CaseDocument> {
  return upload(`/api/cases/documents/${encodeURIComponent(id)}/scan`, file, csrfToken, signerName);
}

/** Keeps the written request (a scanned vordering or letter) with the request. */
export function uploadWrittenRequest(requestId: string, file: File, csrfToken: string): Promise<CaseDocument> {
  return upload(`/api/cases/requests/${encodeURIComponent(requestId)}/written-request`, file, csrfToken);
}

async function upload(url: string, file: File, csrfToken: string, signerName?: string): Promise<CaseDocument> {
  const form = new FormData();
  form.append('file', file, file.name);
  if (signerName) form.append('signerName', signerName);
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', body: form, credentials: 'same-origin', headers: { 'x-csrf-token': csrfToken } });
  } catch {
    throw new ApiError({ type: 'about:blank', title: 'Network error', status: 0, code: 'network_error' });
  }
  const data: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw new ApiError(toProblem(response.status, data));
  return (data as { document: CaseDocument }).document;
}

export function useAssignees() {
  return useQuery({ queryKey: [...casesKey, 'assignees'], queryFn: ({ signal }) => api<{ users: { id: string; displayName: string; role: string }[] }>('/api/cases/assignees', { signal }) });
}

export function useCameras() {
  return useQuery({ queryKey: [...casesKey, 'cameras'], queryFn: ({ signal }) => api<{ cameras: CameraRef[] }>('/api/cases/cameras', { signal }), staleTime: 60_000 });
}

export function useOverview(enabled = true) {
  return useQuery({ queryKey: [...casesKey, 'overview'], queryFn: ({ signal }) => api<{ overview: CasesOverview }>('/api/cases/overview', { signal }), enabled });
}

export function useIncidents() {
  return useQuery({ queryKey: [...casesKey, 'incidents'], queryFn: ({ signal }) => api<{ incidents: Incident[] }>('/api/cases/incidents', { signal }) });
}

export function useIncident(id: string) {
  return useQuery({
    queryKey: [...casesKey, 'incident', id],
    queryFn: ({ signal }) => api<{ incident: IncidentDetail }>(`/api/cases/incidents/${encodeURIComponent(id)}`, { signal }),
    enabled: id !== '',
  });
}

/** The kinds of incident the active protocol covers (DOM-3, WCP-1 …), and those reported under another protocol too (SOE-2/3). */
export function useIncidentTypes() {
  return useQuery({ queryKey: [...casesKey, 'incident-types'], queryFn: ({ signal }) => api<{ types: IncidentTypeOption[] }>('/api/cases/incident-types', { signal }), staleTime: 60_000 });
}

/** Changes a request's details with a reason (the diff goes to the logboek). */
export const useEditRequest = (id: string) => useCaseMutation((body: RequestEditInput) => api<{ request: RequestDetail }>(`/api/cases/requests/${encodeURIComponent(id)}`, { method: 'PATCH', body }));

/** A police or OvJ account's own vorderingen, and filing one. */
export function useOwnPoliceRequests() {
  return useQuery({ queryKey: [...casesKey, 'police-requests'], queryFn: ({ signal }) => api<{ requests: OwnPoliceRequest[] }>('/api/cases/police-requests', { signal }) });
}
export const useFilePoliceRequest = () => useCaseMutation((body: PoliceRequestInput) => api<{ request: CaseRequest }>('/api/cases/police-requests', { method: 'POST', body }));

export const useReportIncident = () => useCaseMutation((body: ReportIncidentInput) => api<{ incident: IncidentDetail }>('/api/cases/incidents', { method: 'POST', body }));
export const useSecureFootage = (id: string) => useCaseMutation((body: SecureInput) => api<{ incident: IncidentDetail }>(`/api/cases/incidents/${encodeURIComponent(id)}/holds`, { method: 'POST', body }));
export const useIncidentStep = (id: string) => useCaseMutation((body: IncidentStepInput) => api<{ incident: IncidentDetail }>(`/api/cases/incidents/${encodeURIComponent(id)}/steps`, { method: 'POST', body }));
export const useReleaseHold = () => useCaseMutation((input: { id: string; reason: string }) => api<{ hold: Hold }>(`/api/cases/holds/${encodeURIComponent(input.id)}/release`, { method: 'POST', body: { reason: input.reason } }));

export function useComplaints() {
  return useQuery({ queryKey: [...casesKey, 'complaints'], queryFn: ({ signal }) => api<{ complaints: Complaint[] }>('/api/cases/complaints', { signal }) });
}
export const useRegisterComplaint = () => useCaseMutation((body: NewComplaint) => api<{ complaint: ComplaintDetail }>('/api/cases/complaints', { method: 'POST', body }));
export const useComplaintStep = () =>
  useCaseMutation((input: { id: string } & ComplaintStepInput) => api<{ complaint: ComplaintDetail }>(`/api/cases/complaints/${encodeURIComponent(input.id)}/steps`, { method: 'POST', body: { type: input.type, outcome: input.outcome } }));

export function useViewingLog() {
  return useQuery({ queryKey: [...casesKey, 'viewing-log'], queryFn: ({ signal }) => api<{ log: ViewingLog }>('/api/cases/viewing-log', { signal }) });
}

export function usePublicForm() {
  return useQuery({ queryKey: ['public', 'form'], queryFn: ({ signal }) => api<PublicFormInfo>('/api/public/requests/form', { signal }), staleTime: 30 * 60_000 });
}

/**
 * Files the public form: the token travels in its own header (see src/cases/public/public.routes.ts);
 * a browser with a staff session open also sends that session's CSRF token, as every POST must.
 */
export async function filePublicRequest(body: PublicRequestInput, token: string, sessionCsrf?: string): Promise<PublicReceipt> {
  let response: Response;
  try {
    response = await fetch('/api/public/requests', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, application/problem+json', 'x-form-token': token, ...(sessionCsrf ? { 'x-csrf-token': sessionCsrf } : {}) },
      body: JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError({ type: 'about:blank', title: 'Network error', status: 0, code: 'network_error' });
  }
  const data: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw new ApiError(toProblem(response.status, data));
  return data as PublicReceipt;
}
