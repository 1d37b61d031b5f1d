import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ProtocolProfile } from '../../../src/protocol/profile.schema';
import { api, withQuery } from '../api/client';

/**
 * The protocol profile's versions, as /api/protocol/* returns them (src/protocol/versions/
 * profile-version.schema.ts). The profile itself is typed from the server's own schema.
 */
export type { ProtocolProfile };
export type VersionState = 'draft' | 'scheduled' | 'in_force' | 'superseded' | 'retired';

export interface VersionSummary {
  id: string;
  profileId: string;
  version: number;
  status: 'draft' | 'active' | 'retired';
  state: VersionState;
  profileVersion: string;
  effectiveFrom: string | null;
  effectiveAt: string | null;
  basedOn: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  activatedBy: string | null;
  activatedAt: string | null;
  retiredAt: string | null;
}

export interface Version extends VersionSummary {
  profile: ProtocolProfile;
}

export interface ProfileChange {
  path: string;
  before?: unknown;
  after?: unknown;
}

export interface Versions {
  profileId: string;
  inForce: string;
  versions: VersionSummary[];
}

export interface Validation {
  valid: boolean;
  errors: { field: string; message: string }[];
}

const versionsKey = ['protocol', 'versions'] as const;

export function useVersions() {
  return useQuery({ queryKey: versionsKey, queryFn: ({ signal }) => api<Versions>('/api/protocol/versions', { signal }) });
}

export function useVersion(id: string | null | undefined) {
  return useQuery({
    queryKey: [...versionsKey, id],
    queryFn: ({ signal }) => api<{ version: Version }>(`/api/protocol/versions/${encodeURIComponent(id!)}`, { signal }).then((r) => r.version),
    enabled: !!id,
  });
}

export function useDiff(from: string | null, to: string | null) {
  return useQuery({
    queryKey: ['protocol', 'diff', from, to],
    queryFn: ({ signal }) => api<{ changes: ProfileChange[] }>(withQuery('/api/protocol/diff', { from, to }), { signal }).then((r) => r.changes),
    enabled: !!from && !!to && from !== to,
  });
}

/** Every change to the versions refreshes the list and the versions shown. */
function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['protocol'] });
}

export function useCreateDraft() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: () => api<{ version: Version }>('/api/protocol/drafts', { method: 'POST' }).then((r) => r.version),
    onSuccess: invalidate,
  });
}

export function useSaveDraft(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (profile: unknown) => api<{ version: Version; changes: ProfileChange[] }>(`/api/protocol/versions/${encodeURIComponent(id)}`, { method: 'PUT', body: { profile } }),
    onSuccess: invalidate,
  });
}

export function useValidate() {
  return useMutation({ mutationFn: (profile: unknown) => api<Validation>('/api/protocol/validate', { method: 'POST', body: { profile } }) });
}

/** `onActivated` runs before the lists refresh (the draft's editor disappears with them). */
export function useActivate(id: string, onActivated: (version: Version) => void) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (effectiveFrom: string) =>
      api<{ version: Version; changes: ProfileChange[] }>(`/api/protocol/versions/${encodeURIComponent(id)}/activate`, { method: 'POST', body: { effectiveFrom } }),
    onSuccess: (result) => {
      onActivated(result.version);
      return invalidate();
    },
  });
}
