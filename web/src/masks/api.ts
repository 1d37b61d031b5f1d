import { useQuery } from '@tanstack/react-query';
import type { z } from '@hono/zod-openapi';
import { api } from '../api/client';
import type { CameraMasksSchema, LiftSchema, MaskVersionSchema } from '../../../src/masks/mask.schema';

/** The shapes of /api/masks: derived from the server's zod response schemas (src/masks/mask.schema.ts), type-only. */
export type CameraMasks = z.infer<typeof CameraMasksSchema>;
export type MaskVersion = z.infer<typeof MaskVersionSchema>;
export type MaskLift = z.infer<typeof LiftSchema>;
export type MaskPolygon = MaskVersion['polygons'][number];
export type MaskPoint = MaskPolygon['points'][number];

export const masksKey = (cameraId: string) => ['masks', cameraId] as const;

export function useCameraMasks(cameraId: string) {
  return useQuery({ queryKey: masksKey(cameraId), queryFn: () => api<CameraMasks>(`/api/masks/cameras/${encodeURIComponent(cameraId)}`), enabled: !!cameraId });
}

export const stillUrl = (cameraId: string) => `/api/masks/cameras/${encodeURIComponent(cameraId)}/still.jpg`;
