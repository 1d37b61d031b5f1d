import { z } from '@hono/zod-openapi';

/** Filters of GET /api/logbook and its CSV export. */
const filterFields = {
  actor: z.string().min(1).max(200).optional().openapi({ description: 'Actor id or name (exact)' }),
  action: z.string().min(1).max(100).optional().openapi({ description: 'Action, or a prefix of dotted actions ("footage" matches "footage.view")', example: 'footage' }),
  camera: z.string().min(1).max(200).optional().openapi({ description: 'Camera id mentioned in the subject' }),
  case: z.string().min(1).max(200).optional().openapi({ description: 'Case (incident or request) reference' }),
  from: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Period start (inclusive), ISO-8601 date-time' }),
  to: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Period end (inclusive), ISO-8601 date-time' }),
  before: z.coerce.number().int().min(1).optional().openapi({ description: 'Only entries with a lower seq (next page: the previous response\'s nextBefore)' }),
};

export const LogbookQuery = z.object({
  ...filterFields,
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** The export takes the same filters; it is not paged (capped, newest first). */
export const LogbookExportQuery = z.object({
  ...filterFields,
  limit: z.coerce.number().int().min(1).max(50_000).default(50_000),
});

export const LogbookEntrySchema = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    actorId: z.string().nullable(),
    actorName: z.string(),
    actorRole: z.string().nullable(),
    action: z.string(),
    subject: z.record(z.string(), z.unknown()),
    reason: z.string().nullable(),
    caseRef: z.string().nullable(),
    ip: z.string().nullable(),
    prevHash: z.string(),
    hash: z.string(),
  })
  .openapi('LogbookEntry');

export const LogbookPageSchema = z
  .object({
    entries: z.array(LogbookEntrySchema),
    nextBefore: z.number().int().nullable(),
  })
  .openapi('LogbookPage');

export const LogbookVerifySchema = z
  .object({
    ok: z.boolean(),
    /** Entries that verified (up to the problem, when there is one). */
    entries: z.number().int(),
    headSeq: z.number().int().nullable(),
    headHash: z.string().nullable(),
    checkpoints: z.number().int(),
    problem: z.object({ seq: z.number().int(), message: z.string() }).optional(),
  })
  .openapi('LogbookVerification');
