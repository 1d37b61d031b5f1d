import { z } from '@hono/zod-openapi';

export const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });

// Shapes only; the limits (corners, polygons, 0..1, names) are checked by maskSetProblems with clear messages.
const PointSchema = z.object({ x: z.number(), y: z.number() }).openapi('MaskPoint');
const PolygonSchema = z.object({ name: z.string().max(500), points: z.array(PointSchema).max(1000) }).openapi('MaskPolygon');

export const CameraParam = z.object({ cameraId: z.string().min(1).max(100) });
export const LiftParam = z.object({ cameraId: z.string().min(1).max(100), liftId: z.string().min(1).max(100) });

export const SaveMaskBody = z.object({
  polygons: z.array(PolygonSchema).max(200),
  reason: z.string().max(2000).openapi({ description: 'Why the masks are drawn or changed (e.g. "DOM-2: window of no. 12 in view")' }),
});

export const LiftBody = z.object({
  reason: z.string().max(2000),
  minutes: z.number().int(),
  viewSessionId: z.string().max(100).nullish(),
  caseRef: z.string().max(100).nullish(),
});

export const MaskVersionSchema = z.object({
  cameraId: z.string(),
  version: z.number().int(),
  polygons: z.array(PolygonSchema),
  reason: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
}).openapi('MaskVersion');

export const LiftSchema = z.object({
  id: z.string(), cameraId: z.string(), userId: z.string(), username: z.string(), viewSessionId: z.string().nullable(), caseRef: z.string().nullable(),
  reason: z.string(), startedAt: z.string(), expiresAt: z.string(), endedAt: z.string().nullable(),
}).openapi('MaskLift');

export const CameraMasksSchema = z.object({
  cameraId: z.string(),
  cameraName: z.string(),
  current: MaskVersionSchema.nullable(),
  versions: z.array(MaskVersionSchema),
  lifts: z.array(LiftSchema),
  limits: z.object({ maxPolygons: z.number(), maxCorners: z.number(), maxLiftMinutes: z.number() }),
  may: z.object({ manage: z.boolean(), lift: z.boolean() }),
});
