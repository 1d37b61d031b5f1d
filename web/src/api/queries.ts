import { useQuery } from '@tanstack/react-query';
import { ApiError, api } from './client';
import type { Me } from './types';

export const meKey = ['auth', 'me'] as const;

/** The current session, or null when there is none (401). */
export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: async ({ signal }) => {
      try {
        return await api<Me>('/api/auth/me', { signal });
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 60_000,
  });
}

/** True when the logged-in user's role may perform the action (the server checks again). */
export function can(me: Me | null | undefined, permission: string): boolean {
  return !!me && me.stage === 'ok' && me.permissions.includes(permission);
}
