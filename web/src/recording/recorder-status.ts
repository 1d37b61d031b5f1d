import { useQuery } from '@tanstack/react-query';
import type { z } from '@hono/zod-openapi';
import { api } from '../api/client';
import type { CameraStatusSchema, RecorderStatusSchema } from '../../../src/recording/recording.schema';

/** GET /api/recorder/status: derived from the server's zod schema (src/recording/recording.schema.ts RecorderStatusSchema), type-only. */
export type RecorderStatus = z.infer<typeof RecorderStatusSchema>;
export type CameraStatus = z.infer<typeof CameraStatusSchema>;
export type RecorderAlert = RecorderStatus['alerts'][number];

/** The recorder's status, refreshed every 10 s (shared by the recorder page and the dashboard's alert card). */
export function useRecorderStatus() {
  return useQuery({
    queryKey: ['recorder-status'],
    queryFn: ({ signal }) => api<RecorderStatus>('/api/recorder/status', { signal }),
    refetchInterval: 10_000,
  });
}

/** An alert's title: the camera by name where the alert is about one. */
export function alertTitleKey(alert: RecorderAlert): `recorder.alert.${RecorderAlert['kind']}` {
  return `recorder.alert.${alert.kind}`;
}
