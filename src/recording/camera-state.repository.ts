import type { Kysely } from 'kysely';
import type { Executor } from '../auth/user.repository.js';
import type { Schema } from '../platform/db/schema.js';
import type { RecordingCameraRow } from './recording.table.js';
import type { RecordingMode } from './segment.js';

export const cameraStates = ['starting', 'recording', 'offline', 'failed', 'stopped', 'paused'] as const;
export type CameraState = (typeof cameraStates)[number];

export interface RecordingCamera {
  cameraId: string;
  name: string;
  retentionDays: number;
  mode: RecordingMode;
  state: CameraState;
  stateSince: Date;
  offlineSince: Date | null;
  lastError: string | null;
  lastSegmentEnd: Date | null;
  motionDecidedUntil: Date | null;
  sweptUntil: Date | null;
  segmentCount: number;
  storedBytes: number;
}

function toRecordingCamera(row: RecordingCameraRow): RecordingCamera {
  const at = (v: string | null) => (v ? new Date(v) : null);
  return {
    cameraId: row.camera_id,
    name: row.name,
    retentionDays: Number(row.retention_days),
    mode: row.mode as RecordingMode,
    state: row.state as CameraState,
    stateSince: new Date(row.state_since),
    offlineSince: at(row.offline_since),
    lastError: row.last_error,
    lastSegmentEnd: at(row.last_segment_end),
    motionDecidedUntil: at(row.motion_decided_until),
    sweptUntil: at(row.swept_until),
    segmentCount: Number(row.segment_count),
    storedBytes: Number(row.stored_bytes),
  };
}

/**
 * The recorder's own record of every camera it has recorded: the retention and mode last given
 * by the register (a camera that left the register keeps its footage under its last limit),
 * its health, and running totals of its footage.
 */
export class CameraStateRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  /** Creates the camera's row or refreshes its name, retention and mode. */
  async upsert(camera: { cameraId: string; name: string; retentionDays: number; mode: RecordingMode }, at: Date): Promise<void> {
    const now = at.toISOString();
    await this.db
      .insertInto('recording_cameras')
      .values({
        camera_id: camera.cameraId, name: camera.name, retention_days: camera.retentionDays, mode: camera.mode,
        state: 'stopped', state_since: now, offline_since: null, last_error: null, last_segment_end: null, motion_decided_until: null, swept_until: null, updated_at: now,
      })
      .onConflict((oc) => oc.column('camera_id').doUpdateSet({ name: camera.name, retention_days: camera.retentionDays, mode: camera.mode, updated_at: now }))
      .execute();
  }

  async get(cameraId: string, ex: Executor = this.db): Promise<RecordingCamera | null> {
    const row = await ex.selectFrom('recording_cameras').selectAll().where('camera_id', '=', cameraId).executeTakeFirst();
    return row ? toRecordingCamera(row) : null;
  }

  async list(): Promise<RecordingCamera[]> {
    return (await this.db.selectFrom('recording_cameras').selectAll().orderBy('name').orderBy('camera_id').execute()).map(toRecordingCamera);
  }

  async setState(
    cameraId: string,
    change: { state: CameraState; at: Date; offlineSince?: Date | null; lastError?: string | null },
    ex: Executor = this.db,
  ): Promise<void> {
    await ex
      .updateTable('recording_cameras')
      .set({
        state: change.state,
        state_since: change.at.toISOString(),
        updated_at: change.at.toISOString(),
        ...(change.offlineSince !== undefined ? { offline_since: change.offlineSince?.toISOString() ?? null } : {}),
        ...(change.lastError !== undefined ? { last_error: change.lastError } : {}),
      })
      .where('camera_id', '=', cameraId)
      .execute();
  }

  /** Adds an indexed segment to the camera's totals (inside the ingest transaction). */
  async addSegment(cameraId: string, storedBytes: number, end: Date, ex: Executor): Promise<void> {
    await ex
      .updateTable('recording_cameras')
      .set((eb) => ({
        segment_count: eb('segment_count', '+', 1),
        stored_bytes: eb('stored_bytes', '+', storedBytes),
        last_segment_end: end.toISOString(),
      }))
      .where('camera_id', '=', cameraId)
      .execute();
  }

  async setSweptUntil(cameraId: string, until: Date): Promise<void> {
    await this.db.updateTable('recording_cameras').set({ swept_until: until.toISOString() }).where('camera_id', '=', cameraId).execute();
  }

  /** Moves the sweep's cursor of these cameras back to the instant (a hold over older footage was released). */
  async rewindSweep(cameraIds: readonly string[], to: Date, ex: Executor = this.db): Promise<void> {
    if (!cameraIds.length) return;
    await ex
      .updateTable('recording_cameras')
      .set({ swept_until: to.toISOString() })
      .where('camera_id', 'in', [...cameraIds])
      .where('swept_until', '>', to.toISOString())
      .execute();
  }

  async setMotionDecidedUntil(cameraId: string, until: Date): Promise<void> {
    await this.db.updateTable('recording_cameras').set({ motion_decided_until: until.toISOString() }).where('camera_id', '=', cameraId).execute();
  }
}
