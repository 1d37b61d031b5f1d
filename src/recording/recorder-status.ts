import type { Clock } from '../platform/clock.js';
import type { CameraState, CameraStateRepository } from './camera-state.repository.js';
import type { FootageStore } from './footage-store.js';
import type { HoldRepository } from './hold.repository.js';
import type { SegmentRepository } from './segment.repository.js';
import type { Recorder } from './supervisor.js';

export interface CameraStatus {
  cameraId: string;
  name: string;
  state: CameraState;
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
  restarts: number | null;
}

export interface RecorderStatus {
  at: string;
  recorderRunning: boolean;
  store: { kind: 'local' | 's3'; freeBytes: number | null; floorBytes: number; paused: string | null };
  cameras: CameraStatus[];
  alerts: { kind: 'camera_offline' | 'camera_failed' | 'store_full'; cameraId?: string; since: string; message: string }[];
}

/** Camera status for the API, the CLI and the UI (issue 5 item 8): recording, offline since, storage, oldest footage, limit. */
export class RecorderStatusService {
  constructor(
    private readonly d: {
      cameras: CameraStateRepository;
      segments: SegmentRepository;
      holds: HoldRepository;
      store: FootageStore;
      floorBytes: number;
      clock: Clock;
      recorder: () => Recorder | null;
    },
  ) {}

  async status(): Promise<RecorderStatus> {
    const recorder = this.d.recorder();
    const live = new Map((recorder?.snapshots() ?? []).map((s) => [s.cameraId, s]));
    const cameras: CameraStatus[] = [];
    for (const camera of await this.d.cameras.list()) {
      const snap = live.get(camera.cameraId);
      cameras.push({
        cameraId: camera.cameraId,
        name: camera.name,
        state: snap?.state ?? camera.state,
        stateSince: camera.stateSince.toISOString(),
        offlineSince: (snap ? snap.offlineSince : camera.offlineSince)?.toISOString() ?? null,
        lastError: snap?.lastError ?? camera.lastError,
        lastSegmentEnd: camera.lastSegmentEnd?.toISOString() ?? null,
        oldestFootage: (await this.d.segments.oldestKept(camera.cameraId, camera.sweptUntil, await this.d.holds.activeWindows(camera.cameraId)))?.toISOString() ?? null,
        segmentCount: camera.segmentCount,
        storedBytes: camera.storedBytes,
        retentionDays: camera.retentionDays,
        mode: camera.mode,
        activeHolds: (await this.d.holds.activeWindows(camera.cameraId)).length,
        restarts: snap?.restarts ?? null,
      });
    }
    const now = this.d.clock.now().toISOString();
    const alerts: RecorderStatus['alerts'] = [];
    for (const c of cameras) {
      if (c.state === 'failed') alerts.push({ kind: 'camera_failed', cameraId: c.cameraId, since: c.stateSince, message: c.lastError ?? 'restart limit reached' });
      else if (c.offlineSince) alerts.push({ kind: 'camera_offline', cameraId: c.cameraId, since: c.offlineSince, message: c.lastError ?? 'no footage' });
    }
    const paused = recorder?.paused ?? null;
    if (paused) alerts.push({ kind: 'store_full', since: now, message: paused });
    return {
      at: now,
      recorderRunning: recorder !== null,
      store: { kind: this.d.store.kind, freeBytes: await this.d.store.freeBytes(), floorBytes: this.d.floorBytes, paused },
      cameras,
      alerts,
    };
  }
}
