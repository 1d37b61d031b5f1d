import { z } from '@hono/zod-openapi';
import { placementLimits } from '../protocol/vocabulary.js';
import { approvalKinds, approvalOutcomes, areaTypes, cameraStatuses, recordingModes } from './camera.js';
import { documentId, isoDate, optionalText, requiredText, SiteSchema, text } from './site.schema.js';

const ViewAnswerSchema = z.object({ compliant: z.boolean(), photoDocumentId: documentId.nullable().default(null) }).strict();

const cameraFields = {
  siteId: z.uuid('must be a site id'),
  name: requiredText(120),
  location: requiredText(300),
  areaType: z.enum(areaTypes),
  purposes: z.array(text(60)).max(20).optional(),
  legalBasis: optionalText(60),
  responsible: optionalText(200),
  viewChecklist: z.partialRecord(z.enum(placementLimits), ViewAnswerSchema).optional(),
  signageLocation: optionalText(500),
  signagePhotoDocumentId: documentId.nullish(),
  streamUrl: z.string().max(2000, 'at most 2000 characters').nullish().openapi({ description: 'rtsp:// or rtsps://; credentials in it are split off and sealed' }),
  username: z.string().max(200).optional().openapi({ description: 'Write-only: sealed, never returned' }),
  password: z.string().max(200).optional().openapi({ description: 'Write-only: sealed, never returned' }),
  clearCredentials: z.boolean().optional(),
  secureConnection: z.boolean().optional(),
  recordingMode: z.enum(recordingModes).optional(),
  dummy: z.boolean().optional(),
  hidden: z.boolean().optional(),
  staffInView: z.boolean().optional(),
  systematicPublic: z.boolean().optional(),
};

export const NewCameraBody = z.object(cameraFields).strict().openapi('NewCamera');

const { siteId: _siteId, ...changeFields } = cameraFields;
export const CameraChangesBody = z
  .object(changeFields)
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'name at least one field to change')
  .openapi('CameraChanges');

export const CameraListQuery = z.object({ siteId: z.uuid('must be a site id').optional(), status: z.enum(cameraStatuses).optional() });

export const StatusBody = z.object({ status: z.enum(cameraStatuses), note: optionalText(500) }).strict();

const TextSchema = z.object({ nl: z.string(), en: z.string() });

export const CameraSchema = z
  .object({
    id: z.string(),
    siteId: z.string(),
    name: z.string(),
    location: z.string(),
    areaType: z.enum(areaTypes),
    purposes: z.array(z.string()),
    legalBasis: z.string().nullable(),
    responsible: z.string().nullable(),
    viewChecklist: z.record(z.string(), z.object({ compliant: z.boolean(), photoDocumentId: z.string().nullable() })),
    signageLocation: z.string().nullable(),
    signagePhotoDocumentId: z.string().nullable(),
    streamUrl: z.string().nullable(),
    hasCredentials: z.boolean(),
    secureConnection: z.boolean(),
    recordingMode: z.enum(recordingModes),
    status: z.enum(cameraStatuses),
    dummy: z.boolean(),
    hidden: z.boolean(),
    staffInView: z.boolean(),
    systematicPublic: z.boolean(),
    activatedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Camera');

const ActivationSummary = z.object({ allowed: z.boolean(), rule: z.string().nullable(), code: z.string(), message: TextSchema });

export const CameraSummarySchema = CameraSchema.extend({ siteName: z.string(), activation: ActivationSummary }).openapi('CameraSummary');

export const ApprovalBody = z
  .object({
    kind: z.enum(approvalKinds),
    outcome: z.enum(approvalOutcomes).optional(),
    decider: requiredText(200),
    decidedOn: isoDate,
    validUntil: isoDate.nullish(),
    answers: z.array(text(4000)).max(10).optional(),
    notes: optionalText(4000),
    documentId: documentId.nullish(),
  })
  .strict()
  .openapi('NewApproval');

export const ApprovalSchema = z
  .object({
    id: z.string(),
    cameraId: z.string(),
    kind: z.enum(approvalKinds),
    outcome: z.enum(approvalOutcomes),
    decider: z.string(),
    decidedOn: z.string(),
    validUntil: z.string().nullable(),
    answers: z.array(z.object({ question: z.string(), answer: z.string() })),
    notes: z.string().nullable(),
    documentId: z.string().nullable(),
    recordedBy: z.string().nullable(),
    recordedByRole: z.string().nullable(),
    recordedAt: z.string(),
  })
  .openapi('Approval');

export const ActivationSchema = ActivationSummary.extend({
  refusal: z.enum(['forbidden', 'missing']).nullable(),
  requirements: z.array(z.object({ key: z.string(), rule: z.string().nullable(), met: z.boolean() })),
}).openapi('ActivationCheck');

export const CheckBody = z
  .object({ imageOk: z.boolean(), timeOk: z.boolean(), signageOk: z.boolean(), viewOk: z.boolean(), notes: optionalText(2000) })
  .strict()
  .openapi('NewCheck');

export const CheckSchema = z
  .object({
    id: z.string(), cameraId: z.string(), checkedAt: z.string(), checkedBy: z.string(), imageOk: z.boolean(), timeOk: z.boolean(),
    signageOk: z.boolean(), viewOk: z.boolean(), notes: z.string().nullable(),
  })
  .openapi('Check');

export const DefectBody = z.object({ description: requiredText(2000) }).strict();
export const RepairBody = z.object({ notes: optionalText(2000) }).strict();

export const DefectSchema = z
  .object({
    id: z.string(), cameraId: z.string(), checkId: z.string().nullable(), reportedAt: z.string(), reportedBy: z.string(), description: z.string(),
    repairedAt: z.string().nullable(), repairedBy: z.string().nullable(), repairNotes: z.string().nullable(),
  })
  .openapi('Defect');

export const DefectQuery = z.object({ open: z.enum(['true', 'false']).optional(), cameraId: z.uuid().optional() });

export const CameraDetailSchema = z
  .object({
    camera: CameraSchema,
    site: SiteSchema,
    approvals: z.array(ApprovalSchema),
    activation: ActivationSchema,
    checks: z.array(CheckSchema),
    defects: z.array(DefectSchema),
  })
  .openapi('CameraDetail');

export const OverdueSchema = z
  .object({ cameraId: z.string(), cameraName: z.string(), siteId: z.string(), siteName: z.string(), lastCheckedAt: z.string().nullable(), dueAt: z.string() })
  .openapi('OverdueCheck');

export const PublicSiteSchema = z
  .object({
    siteId: z.string(),
    name: z.string(),
    address: z.string(),
    organisation: z.string(),
    cameras: z.array(z.object({ location: z.string(), purposes: z.array(TextSchema), dummy: z.boolean().optional() })),
  })
  .openapi('PublicCameraSite');

export const ImportBody = z.object({ csv: z.string().min(1, 'is required').max(2_000_000, 'at most 2 MB') }).strict();
