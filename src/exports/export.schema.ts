import { z } from '@hono/zod-openapi';

export const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });

const instant = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 instant' });

export const CreateExportBody = z
  .strictObject({
    requestId: z.uuid('must be a request id'),
    /** Defaults to the request's own cameras and window. */
    windows: z.array(z.strictObject({ cameraId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), from: instant, to: instant })).min(1).max(8).optional(),
    recipient: z.string().trim().min(1).max(300).optional(),
    legalBasis: z.string().trim().min(1).max(300).optional(),
    exact: z.boolean().optional().describe('Trim exactly to the windows (only the partial first and last GOP are re-encoded, the rest copied); default: whole segments, stream copy'),
    destination: z.string().trim().min(1).max(500).optional()
      .describe('Write the package straight to this folder on a mounted removable drive (under TOEZICHT_EXPORT_DRIVES) instead of keeping it on the server'),
  })
  .openapi('CreateExport');

const Gap = z.object({ from: z.string(), to: z.string() });
const Clip = z.object({
  file: z.string(), cameraId: z.string(), from: z.string(), to: z.string(), actualStart: z.string().nullable(), actualEnd: z.string().nullable(),
  gaps: z.array(Gap), segments: z.number(), bytes: z.number(), sha256: z.string(),
});

export const ExportSchema = z
  .object({
    id: z.string(), caseRef: z.string(), requestId: z.string(), requestKind: z.string(), recipient: z.string(), legalBasis: z.string(),
    windows: z.array(z.object({ cameraId: z.string(), from: z.string(), to: z.string() })), clips: z.array(Clip),
    packageBytes: z.number(), packageSha256: z.string(), certificateSha256: z.string(), createdAt: z.string(), createdBy: z.string(),
    downloadedAt: z.string().nullable(), downloadedBy: z.string().nullable(),
    handedOver: z.object({ at: z.string(), by: z.string(), to: z.string(), identification: z.string() }).nullable(),
    packageDeletedAt: z.string().nullable(),
    destination: z.string().nullable().describe('The file on the removable drive, when the package was written there'),
  })
  .openapi('Export');

export const CreatedExportSchema = z.object({ export: ExportSchema, password: z.string().describe('Shown once; never stored in clear. Give it to the recipient separately.') }).openapi('CreatedExport');

export const ExportJobSchema = z
  .object({
    id: z.string(), caseRef: z.string(), requestId: z.string(), state: z.enum(['queued', 'running', 'done', 'failed', 'cancelled']),
    phase: z.string(), progress: z.number().min(0).max(1), error: z.string().nullable(), attempts: z.number(),
    createdAt: z.string(), createdBy: z.string(), updatedAt: z.string(), finishedAt: z.string().nullable(), exportId: z.string().nullable(),
  })
  .openapi('ExportJob');

export const QueuedExportSchema = z
  .object({ job: ExportJobSchema, password: z.string().describe('Shown once; never stored in clear. Give it to the recipient separately.') })
  .openapi('QueuedExport');

export const HandOverBody = z
  .strictObject({
    to: z.string().trim().min(1).max(200).describe('Who received the package (name, organisation)'),
    identification: z.string().trim().min(1).max(200).describe('How the recipient was identified, e.g. "dienstpas 12345"'),
  })
  .openapi('HandOver');

export const ExportIdParam = z.object({ id: z.uuid('must be an export id') });
export const ExportListQuery = z.object({ caseRef: z.string().min(1).max(64) });

export const VerifyReportSchema = z
  .object({
    ok: z.boolean(),
    kind: z.enum(['package', 'mp4', 'manifest', 'unknown']),
    certificateSha256: z.string().nullable(),
    checks: z.array(z.object({ name: z.string(), ok: z.boolean(), detail: z.string() })),
    issuedHere: z.object({ createdAt: z.string() }).nullable(),
  })
  .openapi('VerifyReport');

/** The multipart upload: `file` (package, MP4 or manifest), optional `password` and `signature` (a manifest's .sig). */
export const VerifyForm = z.object({
  file: z.instanceof(File, { message: 'upload the file to verify as "file"' }).refine((f) => f.size > 0 && f.size <= 2 * 1024 ** 3, 'the file is empty or larger than 2 GB'),
  password: z.string().max(200).optional(),
  signature: z.instanceof(File).optional(),
});

export const verifyBody = {
  content: {
    'multipart/form-data': {
      // Described for OpenAPI; validated by VerifyForm in the handler (a File is not a string to zod).
      schema: z.object({ file: z.any().openapi({ type: 'string', format: 'binary' }), password: z.string().optional(), signature: z.any().openapi({ type: 'string', format: 'binary' }).optional() }),
    },
  },
  required: true,
};
