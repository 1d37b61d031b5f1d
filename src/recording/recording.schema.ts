import { z } from '@hono/zod-openapi';
import { holdKinds } from './hold.js';

export const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });

const instant = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO-8601 date-time').openapi({ example: '2026-03-02T21:00:00Z' });
const cameraId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a camera id');

export const HoldIdParam = z.object({ id: z.uuid('must be a hold id') });

export const NewHoldBody = z
  .strictObject({
    cameraIds: z.array(cameraId).min(1).max(100),
    from: instant,
    to: instant,
    reason: z.string().trim().min(1).max(2000),
    caseRef: z.string().trim().min(1).max(100).nullable().optional(),
    kind: z.enum(holdKinds).optional(),
    reviewAt: instant.nullable().optional(),
  })
  .openapi('NewHold');

export const ReleaseHoldBody = z.strictObject({ reason: z.string().trim().min(1).max(2000) }).openapi('ReleaseHold');

export const HoldListQuery = z.object({
  cameraId: cameraId.optional(),
  caseRef: z.string().max(100).optional(),
  active: z.enum(['true', 'false']).optional(),
});

export const HoldSchema = z
  .object({
    id: z.string(),
    caseRef: z.string().nullable(),
    kind: z.string(),
    cameraIds: z.array(z.string()),
    from: z.string(),
    to: z.string(),
    reason: z.string(),
    reviewAt: z.string().nullable(),
    createdAt: z.string(),
    createdBy: z.string(),
    releasedAt: z.string().nullable(),
    releasedBy: z.string().nullable(),
    releaseReason: z.string().nullable(),
  })
  .openapi('Hold');

export const CameraStatusSchema = z
  .object({
    cameraId: z.string(),
    name: z.string(),
    state: z.enum(['starting', 'recording', 'offline', 'failed', 'stopped', 'paused']),
    stateSince: z.string(),
    offlineSince: z.string().nullable(),
    lastError: z.string().nullable(),
    lastSegmentEnd: z.string().nullable(),
    oldestFootage: z.string().nullable(),
    segmentCount: z.number(),
    storedBytes: z.number(),
    retentionDays: z.number(),
    mode: z.string(),
    activeHolds: z.number(),
    restarts: z.number().nullable(),
  })
  .openapi('RecordingCameraStatus');

export const RecorderStatusSchema = z
  .object({
    at: z.string(),
    recorderRunning: z.boolean(),
    store: z.object({ kind: z.enum(['local', 's3']), freeBytes: z.number().nullable(), floorBytes: z.number(), paused: z.string().nullable() }),
    cameras: z.array(CameraStatusSchema),
    alerts: z.array(z.object({ kind: z.enum(['camera_offline', 'camera_failed', 'store_full']), cameraId: z.string().optional(), since: z.string(), message: z.string() })),
  })
  .openapi('RecorderStatus');

export const SegmentQuery = z.object({ from: instant, to: instant });
export const CameraIdParam = z.object({ id: cameraId });

export const SegmentSchema = z
  .object({ id: z.number(), start: z.string(), end: z.string(), durationMs: z.number(), bytes: z.number(), motion: z.number().nullable() })
  .openapi('Segment');
