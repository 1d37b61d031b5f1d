import { z } from '@hono/zod-openapi';
import { shippedProfiles } from '../protocol/profiles/index.js';

/** Request and response schemas shared by the register's routes (sites, ids, dates, documents). */
export const IdParam = z.object({ id: z.uuid('must be an id') });

export const isoDate = z.iso.date('must be a date (YYYY-MM-DD)');
export const documentId = z.uuid('must be a document id');
export const text = (max: number) => z.string().trim().max(max, `at most ${max} characters`);
export const requiredText = (max: number) => text(max).min(1, 'is required');
export const optionalText = (max: number) => text(max).nullish();

export const profileIds = shippedProfiles.map((p) => p.id) as [string, ...string[]];

const siteFields = {
  name: requiredText(120),
  address: requiredText(300),
  organisation: requiredText(200),
  profileId: z.enum(profileIds, 'must be one of the shipped protocol profiles').optional(),
  siteOverride: z.record(z.string(), z.unknown()).nullish().openapi({ description: 'DOM-12: how this site tightens the profile (see siteOverrideSchema)' }),
  contactName: optionalText(200),
  contactTeam: optionalText(200),
  vveApplies: z.boolean().optional(),
  maintenancePartner: optionalText(200),
  processorAgreementDocumentId: documentId.nullish(),
  processorAgreementFrom: isoDate.nullish(),
  processorAgreementUntil: isoDate.nullish(),
  recorderLocation: optionalText(300),
  recorderSecurity: optionalText(1000),
  viewingLocation: optionalText(300),
  viewingSecurity: optionalText(1000),
  securityEvidenceDocumentId: documentId.nullish(),
  checkIntervalDays: z.number().int('must be whole days').min(1).max(3650).nullish(),
};

export const NewSiteBody = z.object(siteFields).strict().openapi('NewSite');

export const SiteChangesBody = z
  .object(siteFields)
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'name at least one field to change')
  .openapi('SiteChanges');

export const SiteSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    address: z.string(),
    organisation: z.string(),
    profileId: z.string(),
    siteOverride: z.record(z.string(), z.unknown()).nullable(),
    contactName: z.string().nullable(),
    contactTeam: z.string().nullable(),
    vveApplies: z.boolean(),
    maintenancePartner: z.string().nullable(),
    processorAgreementDocumentId: z.string().nullable(),
    processorAgreementFrom: z.string().nullable(),
    processorAgreementUntil: z.string().nullable(),
    recorderLocation: z.string().nullable(),
    recorderSecurity: z.string().nullable(),
    viewingLocation: z.string().nullable(),
    viewingSecurity: z.string().nullable(),
    securityEvidenceDocumentId: z.string().nullable(),
    checkIntervalDays: z.number().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Site');

const TextSchema = z.object({ nl: z.string(), en: z.string() });

/** What the register's forms need to know of a profile. */
export const RegisterProfileSchema = z
  .object({
    id: z.string(),
    organisation: z.string(),
    title: z.string(),
    purposes: z.array(z.object({ id: z.string(), label: TextSchema })),
    legalBases: z.array(z.object({ basis: z.string(), label: TextSchema })),
    placement: z.array(z.object({ limit: z.string(), rule: z.string() })),
    proportionalityQuestions: z.array(TextSchema),
    proportionalityBy: z.string().nullable(),
    hiddenAllowed: z.boolean(),
    dummiesAllowed: z.boolean(),
    recordingMode: z.string(),
    periodicChecks: z.boolean(),
    perSiteProtocol: z.boolean(),
    /** The organisation's profile in force: the default for a new site. */
    active: z.boolean(),
  })
  .openapi('RegisterProfile');

export const DocumentSchema = z
  .object({ id: z.string(), sha256: z.string(), mediaType: z.string(), size: z.number(), name: z.string(), uploadedAt: z.string() })
  .openapi('RegisterDocument');

export const UploadForm = z.object({
  file: z.any().openapi({ type: 'string', format: 'binary', description: 'PDF, JPEG or PNG, at most 10 MiB' }),
});

export const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });
