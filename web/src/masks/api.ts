import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';

/** The shapes of /api/masks (src/masks/mask.schema.ts). */
export interface MaskPoint {
  x: number;
  y: number;
}

export interface MaskPolygon {
  name: string;
  points: MaskPoint[];
}

export interface MaskVersion {
  cameraId: string;
  version: number;
  polygons: MaskPolygon[];
  reason: string;
  createdAt: string;
  createdBy: string;
}

export interface MaskLift {
  id: string;
  cameraId: string;
  userId: string;
  username: string;
  viewSessionId: string | null;
  caseRef: string | null;
  reason: string;
  startedAt: string;
  expiresAt: string;
  endedAt: string | null;
}

export interface CameraMasks {
  cameraId: string;
  cameraName: string;
  current: MaskVersion | null;
  versions: MaskVersion[];
  lifts: MaskLift[];
  limits: { maxPolygons: number; maxCorners: number; maxLiftMinutes: number };
  may: { manage: boolean; lift: boolean };
}

export const masksKey = (cameraId: string) => ['masks', cameraId] as const;

export function useCameraMasks(cameraId: string) {
  return useQuery({ queryKey: masksKey(cameraId), queryFn: () => api<CameraMasks>(`/api/masks/cameras/${encodeURIComponent(cameraId)}`), enabled: !!cameraId });
}

export const stillUrl = (cameraId: string) => `/api/masks/cameras/${encodeURIComponent(cameraId)}/still.jpg`;
