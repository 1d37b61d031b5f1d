import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';

/** GET /api/recorder/status (src/recording/recording.schema.ts RecorderStatusSchema). */
export interface CameraStatus {
  cameraId: string;
  name: string;
  state: 'starting' | 'recording' | 'offline' | 'failed' | 'stopped' | 'paused';
  stateSince: string;
  offlineSince: string | null;
  lastError: string | null;
  lastSegmentEnd: string | null;
  oldestFootage: string | null;
  segmentCount: number;
  storedBytes: number;
  retentionDays: number;
  mode: string;
  activeHolds: number;
}

export interface RecorderAlert {
  kind: 'camera_offline' | 'camera_failed' | 'store_full';
  cameraId?: string;
  since: string;
  message: string;
}

export interface RecorderStatus {
  at: string;
  recorderRunning: boolean;
  store: { kind: 'local' | 's3'; freeBytes: number | null; floorBytes: number; paused: string | null };
  cameras: CameraStatus[];
  alerts: RecorderAlert[];
}

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
