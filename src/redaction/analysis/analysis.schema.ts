import { z } from '@hono/zod-openapi';
import { analysisStates } from './analysis.js';

export const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });

const instant = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 instant' });

export const StartAnalysisBody = z
  .object({
    requestId: z.uuid('must be a request id'),
    cameraId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a camera id'),
    from: instant,
    to: instant,
    settings: z
      .object({
        fps: z.number().gt(0).max(25).optional(),
        width: z.number().int().min(160).max(1920).optional(),
        detectors: z.array(z.enum(['motion', 'blazeface'])).min(1).max(4).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .openapi('StartRedactionAnalysis');

export const AnalysisIdParam = z.object({ id: z.uuid('must be an analysis id') });
export const TrackParam = z.object({ id: z.uuid('must be an analysis id'), trackId: z.string().regex(/^[tm]\d{1,6}$/, 'must be a track id such as t12') });
export const AnalysisListQuery = z.object({ caseRef: z.string().min(1).max(64) });

const BoxSchema = z.object({ x: z.number(), y: z.number(), w: z.number(), h: z.number() });

export const AnalysisSchema = z
  .object({
    id: z.string(),
    caseRef: z.string(),
    requestId: z.string(),
    cameraId: z.string(),
    window: z.object({ from: z.string(), to: z.string() }),
    clip: z.object({ start: z.string(), end: z.string() }),
    state: z.enum(analysisStates),
    progress: z.number(),
    settings: z.object({ fps: z.number(), width: z.number(), detectors: z.array(z.string()) }),
    frameSize: z.object({ width: z.number(), height: z.number() }).nullable(),
    frames: z.number().nullable(),
    trackCount: z.number().nullable(),
    error: z.string().nullable(),
    attempts: z.number(),
    createdAt: z.string(),
    createdBy: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .openapi('RedactionAnalysis');

export const TrackSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['person', 'face', 'manual']),
    boxes: z.array(BoxSchema.extend({ t: z.number(), score: z.number(), interpolated: z.boolean() }).readonly()).readonly(),
    thumbnail: z.string().optional(),
    firstMs: z.number(),
    lastMs: z.number(),
    bestScore: z.number(),
    thumbnailUrl: z.string().nullable(),
  })
  .openapi('RedactionTrack');
