import { z } from '@hono/zod-openapi';

export const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });

const instant = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO-8601 date-time').openapi({ example: '2026-03-03T21:00:00Z' });
const cameraId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a camera id');

export const ViewSessionIdParam = z.object({ id: z.uuid('must be a view session id') });
export const CameraParam = z.object({ id: z.uuid('must be a view session id'), cameraId });
export const SegmentParam = z.object({ id: z.uuid('must be a view session id'), cameraId, segmentId: z.coerce.number().int().positive() });
export const TimelineParam = z.object({ cameraId });

export const StartViewBody = z
  .strictObject({
    scope: z.enum(['recordings', 'live']),
    cameraIds: z.array(cameraId).min(1).max(16),
    /** An open incident or request (IN-…, VZ-…). */
    caseRef: z.string().trim().max(100).nullable().optional(),
    /** A free-text reason where the profile allows one; police/OvJ: why they view (SOE-5). */
    reasonText: z.string().trim().max(2000).nullable().optional(),
    /** Police/OvJ: their identification (SOE-5). */
    identification: z.string().trim().max(200).nullable().optional(),
  })
  .openapi('StartView');

export const ViewSessionSchema = z
  .object({
    id: z.string(),
    scope: z.enum(['recordings', 'live']),
    cameraIds: z.array(z.string()),
    reason: z.string(),
    rule: z.string(),
    caseRef: z.string().nullable(),
    reasonText: z.string().nullable(),
    identification: z.string().nullable(),
    user: z.object({ id: z.string(), username: z.string(), displayName: z.string(), role: z.string() }),
    startedAt: z.string(),
    endedAt: z.string().nullable(),
    logbookSeq: z.number().int(),
  })
  .openapi('ViewSession');

export const ViewOptionsSchema = z
  .object({
    cameras: z.array(z.object({ id: z.string(), name: z.string(), siteName: z.string(), location: z.string() })),
    cases: z.array(
      z.object({ ref: z.string(), kind: z.enum(['incident', 'request']), label: z.string(), from: z.string().nullable(), to: z.string().nullable(), cameraIds: z.array(z.string()) }),
    ),
    freeTextAllowed: z.boolean(),
    identificationRequired: z.boolean(),
    retentionDays: z.number(),
  })
  .openapi('ViewOptions');

export const PlaybackBody = z.strictObject({ cameraId, at: instant }).openapi('PlaybackRequest');

export const PlaybackSchema = z
  .object({ playlistUrl: z.string(), start: z.string(), end: z.string(), segments: z.number().int(), expiredSegments: z.number().int() })
  .openapi('Playback');

export const PlaylistQuery = z.object({ from: instant, to: instant, t: z.string().min(1).max(100) });
export const TokenQuery = z.object({ t: z.string().min(1).max(100) });

const WatchedRange = z.strictObject({ cameraId, key: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), from: instant, to: instant, final: z.boolean().optional() });

/** An empty list is a keep-alive (a paused player): the session is not taken for abandoned. */
export const ReportBody = z.strictObject({ ranges: z.array(WatchedRange).max(50) }).openapi('WatchedRanges');

/** Ending may hand over the last stretch the player showed (it is logged with the end). */
export const EndBody = z.strictObject({ ranges: z.array(WatchedRange).max(50).optional() }).openapi('EndView');

export const SearchQuery = z.object({ cameraId, from: instant, to: instant });

/** A camera the who-saw search offers: the register's, or one watched since removed from it (`inRegister` false). */
export const SearchCameraSchema = z
  .object({ id: z.string(), name: z.string(), siteId: z.string(), siteName: z.string(), location: z.string(), inRegister: z.boolean() })
  .openapi('SearchCamera');

export const SearchResultSchema = z
  .object({ results: z.array(z.object({ session: ViewSessionSchema, ranges: z.array(z.object({ from: z.string(), to: z.string() })) })) })
  .openapi('ViewSearch');

export const TimelineQuery = z.object({ from: instant, to: instant });
export const TimelineSchema = z
  .object({ bands: z.array(z.object({ start: z.string(), end: z.string(), kind: z.enum(['recorded', 'motion', 'held']) })), retainedFrom: z.string() })
  .openapi('Timeline');

export const LiveBody = z.strictObject({ cameraId }).openapi('LiveRequest');
export const LiveSchema = z.object({ streamUrl: z.string(), codec: z.string(), feedStartedAt: z.string() }).openapi('Live');
