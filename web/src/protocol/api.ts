import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from '@hono/zod-openapi';
import type { ProtocolProfile } from '../../../src/protocol/profile.schema';
import { api, withQuery } from '../api/client';
import type { ProfileChangeSchema, ValidationSchema, VersionSchema, VersionSummarySchema } from '../../../src/protocol/versions/profile-version.schema';

/**
 * The protocol profile's versions, as /api/protocol/* returns them: derived from the server's zod
 * response schemas (src/protocol/versions/profile-version.schema.ts), type-only. The profile itself
 * is typed from the server's own profile schema.
 */
export type { ProtocolProfile };
export type VersionSummary = z.infer<typeof VersionSummarySchema>;
export type VersionState = VersionSummary['state'];
/** The schema describes the profile as a JSON object; the server validated it as a ProtocolProfile (versionView passes it on). */
export type Version = Omit<z.infer<typeof VersionSchema>, 'profile'> & { profile: ProtocolProfile };
export type ProfileChange = z.infer<typeof ProfileChangeSchema>;
/** GET /api/protocol/versions (its schema is inline in the route). */
export interface Versions {
  profileId: string;
  inForce: string;
  versions: VersionSummary[];
}
export type Validation = z.infer<typeof ValidationSchema>;

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
