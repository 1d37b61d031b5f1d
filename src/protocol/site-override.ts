import { z } from 'zod';
import { roles, type Role } from '../auth/roles.js';
import { invalid } from '../platform/errors.js';
import { protocolProfileSchema, type ProtocolProfile } from './profile.schema.js';
import type { Deadline } from './provenance.schema.js';
import { isPermission, recipientCategories, requestKinds, type Permission, type RequestKind } from './vocabulary.js';

/**
 * Site overrides (DOM-12): a site (residential complex, building) may tighten its organisation's
 * profile — shorter retention, less recording, fewer roles per permission, shorter deadlines,
 * fewer recipients — and nothing else. Loosening is refused with a validation error naming the field.
 */
const shorterDeadline = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('working_days'), n: z.number().int().positive() }),
  z.strictObject({ kind: z.literal('weeks'), n: z.number().int().positive() }),
  z.strictObject({ kind: z.literal('months'), n: z.number().int().positive() }),
  z.strictObject({ kind: z.literal('immediately') }),
]);

export const siteOverrideSchema = z.strictObject({
  site: z.string().min(1),
  retention: z.strictObject({ limitDays: z.number().int().positive().optional(), recordingMode: z.enum(['continuous', 'motion']).optional() }).optional(),
  grants: z.record(z.string().refine(isPermission, 'unknown permission'), z.array(z.enum(roles))).optional(),
  deadlines: z.partialRecord(z.enum(requestKinds), shorterDeadline).optional(),
  refuseRecipients: z.array(z.enum(recipientCategories)).optional(),
});
export type SiteOverride = z.infer<typeof siteOverrideSchema>;

const loosens = (field: string, message: string) => invalid('site_override_loosens', message, field);

/** The site's effective profile: the organisation's profile with the override's tightenings applied. */
export function applySiteOverride(profile: ProtocolProfile, input: unknown): ProtocolProfile {
  const parsed = siteOverrideSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid('site_override_invalid', issue?.message ?? 'invalid site override', issue?.path.join('.') || undefined);
  }
  const override = parsed.data;
  const note = `Tightened for site ${override.site}${profile.sites.perSiteProtocol ? ' (site protocol)' : ''}.`;
  let result: ProtocolProfile = structuredClone(profile);
  result = tightenRetention(result, override, note);
  result = tightenGrants(result, override, note);
  result = tightenDeadlines(result, override, note);
  result = refuseRecipients(result, override, note);
  return protocolProfileSchema.parse(result);
}

function tightenRetention(profile: ProtocolProfile, override: SiteOverride, note: string): ProtocolProfile {
  const { limitDays, recordingMode } = override.retention ?? {};
  const retention = profile.retention;
  if (limitDays !== undefined) {
    if (limitDays > retention.limitDays) throw loosens('retention.limitDays', `A site may shorten retention, not lengthen it beyond ${retention.limitDays} days.`);
    retention.limitDays = limitDays;
    retention.note = note;
  }
  if (recordingMode !== undefined) {
    if (retention.recording.mode === 'motion' && recordingMode === 'continuous') {
      throw loosens('retention.recording.mode', 'The profile records on motion only; a site may not record continuously.');
    }
    retention.recording = { ...retention.recording, mode: recordingMode, note };
  }
  return profile;
}

function tightenGrants(profile: ProtocolProfile, override: SiteOverride, note: string): ProtocolProfile {
  for (const [permission, wanted] of Object.entries(override.grants ?? {}) as [Permission, Role[]][]) {
    const field = `grants.${permission}`;
    const grant = profile.grants.find((entry) => entry.permission === permission);
    if (!grant) throw loosens(field, `The profile grants '${permission}' to nobody; a site cannot grant it.`);
    const extra = wanted.filter((role) => !grant.roles.includes(role));
    if (extra.length > 0) throw loosens(field, `A site may remove roles from '${permission}', not add ${extra.join(', ')}.`);
    grant.roles = wanted;
    grant.note = note;
  }
  return profile;
}

/** Tighter: immediately, or the same unit with a smaller number (the AVG default counts as one month). */
function isTighter(wanted: z.infer<typeof shorterDeadline>, base: Deadline): boolean {
  if (wanted.kind === 'immediately') return true;
  if (base.kind === 'avg_default') return wanted.kind === 'months' && wanted.n <= 1;
  return (base.kind === 'working_days' || base.kind === 'weeks' || base.kind === 'months') && base.kind === wanted.kind && wanted.n <= base.n;
}

function tightenDeadlines(profile: ProtocolProfile, override: SiteOverride, note: string): ProtocolProfile {
  for (const [kind, wanted] of Object.entries(override.deadlines ?? {}) as [RequestKind, z.infer<typeof shorterDeadline>][]) {
    const field = `requests.${kind}.deadline`;
    const base = profile.requests[kind].deadline;
    if (base === null) throw loosens(field, `The profile does not allow ${kind} requests; a site cannot set a deadline for them.`);
    if (!isTighter(wanted, base)) throw loosens(field, `A site may only shorten the ${kind} deadline, in the same unit.`);
    profile.requests[kind].deadline = { ...wanted, rules: base.rules, source: base.source, note } as Deadline;
  }
  return profile;
}

function refuseRecipients(profile: ProtocolProfile, override: SiteOverride, note: string): ProtocolProfile {
  const third = profile.thirdParty;
  for (const category of override.refuseRecipients ?? []) {
    third.recipients = third.recipients.filter((entry) => entry.category !== category);
    if (!third.refused.some((entry) => entry.category === category)) {
      third.refused.push({ category, rules: third.rules, source: third.source, note });
    }
  }
  return profile;
}
