import { z } from '@hono/zod-openapi';
import { isoDateSchema } from '../provenance.schema.js';
import { versionStates, versionStatuses, type StatedVersion } from './profile-version.js';

export const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });

export const VersionIdParam = z.object({ id: z.string().min(1).max(64).openapi({ param: { name: 'id', in: 'path' } }) });

/** The profile as JSON; its shape is protocolProfileSchema (validated by the service, which names the field). */
const ProfileJson = z.record(z.string(), z.unknown()).openapi('ProtocolProfileJson', { description: 'A protocol profile (see src/protocol/profile.schema.ts)' });

export const ProfileChangeSchema = z
  .object({ path: z.string(), before: z.unknown().optional(), after: z.unknown().optional() })
  .openapi('ProfileChange');

export const VersionSummarySchema = z
  .object({
    id: z.string(),
    profileId: z.string(),
    version: z.number().int(),
    status: z.enum(versionStatuses),
    state: z.enum(versionStates),
    profileVersion: z.string(),
    effectiveFrom: z.string().nullable(),
    effectiveAt: z.string().nullable(),
    basedOn: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    activatedBy: z.string().nullable(),
    activatedAt: z.string().nullable(),
    retiredAt: z.string().nullable(),
  })
  .openapi('ProfileVersionSummary');

export const VersionSchema = VersionSummarySchema.extend({ profile: ProfileJson }).openapi('ProfileVersion');

export const DraftBody = z.object({ profile: ProfileJson }).openapi('ProfileDraftBody');
export const ActivateBody = z.object({ effectiveFrom: isoDateSchema.openapi({ example: '2026-04-01' }) }).openapi('ProfileActivateBody');
export const DiffQuery = z.object({ from: z.string().min(1).max(64), to: z.string().min(1).max(64) });

export const ChangesSchema = z.array(ProfileChangeSchema);
export const ValidationSchema = z
  .object({ valid: z.boolean(), errors: z.array(z.object({ field: z.string(), message: z.string() })) })
  .openapi('ProfileValidation');

export function versionSummary({ profile, ...version }: StatedVersion): z.infer<typeof VersionSummarySchema> {
  return { ...version, profileVersion: profile.version.profile };
}

export function versionView(version: StatedVersion): z.infer<typeof VersionSchema> {
  return { ...versionSummary(version), profile: version.profile as unknown as Record<string, unknown> };
}
