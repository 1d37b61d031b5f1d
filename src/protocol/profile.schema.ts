import { z } from 'zod';
import { roles } from '../auth/roles.js';
import { checkProfile } from './profile.checks.js';
import { deadlineSchema, isoDateSchema, ruled, ruleIdSchema, textSchema } from './provenance.schema.js';
import { protocolPrefixes, type RuleSource } from './rules.js';
import {
  conditions, documentKinds, holdEnds, holdTriggers, incidentTypes, isPermission, logbookEvents, outcomes, placementLimits,
  recipientCategories, refusalGrounds, requesterCategories, securityMeasures, viewReasons, type Permission,
} from './vocabulary.js';

/**
 * A protocol profile: one organisation's camera protocol as data the system enforces.
 * Every group carries `rules` (the rule IDs it implements) and `source` (see rules.ts); where a
 * seed is silent the profile says so (`source: 'law'` with the article, or `source: 'silent'`).
 */
const role = z.enum(roles);
const slug = z.string().regex(/^[a-z][a-z0-9_-]*$/);
const permission = z.string().refine(isPermission, 'unknown permission') as z.ZodType<Permission>;
const ruleList = z.array(ruleIdSchema).min(1);

const requestRule = ruled({
  allowed: z.boolean(),
  filedBy: z.array(z.enum(requesterCategories)),
  conditions: z.array(z.enum(conditions)),
  outcomes: z.array(z.enum(outcomes)),
  refusalGrounds: z.array(ruled({ ground: z.enum(refusalGrounds) })),
  documents: z.array(z.enum(documentKinds)),
  /** Null exactly when the kind is not allowed. */
  deadline: deadlineSchema.nullable(),
});

const recipientRule = ruled({
  category: z.enum(recipientCategories),
  conditions: z.array(z.enum(conditions)),
});

const profileShape = z.strictObject({
  id: slug,
  organisation: ruled({
    name: z.string().min(1),
    kind: z.enum(['housing_corporation', 'municipality']),
    rulePrefix: z.enum(protocolPrefixes),
  }),
  title: z.string().min(1),
  version: ruled({
    /** The profile's own version (this data file). */
    profile: z.string().regex(/^\d+\.\d+\.\d+$/),
    seedVersion: z.string().nullable(),
    seedDate: isoDateSchema.nullable(),
    /** The day the protocol takes effect (SOE-13); null where the seed names none: set on activation. */
    effectiveFrom: isoDateSchema.nullable(),
  }),
  purposes: ruled({
    items: z.array(z.strictObject({ id: slug, label: textSchema, rules: ruleList })).min(1),
    /** Each camera names its purpose(s) from this list in the register (WEL-1). */
    perCamera: z.boolean(),
  }),
  legalBases: z
    .array(ruled({ basis: z.enum(['legitimate_interest', 'contract', 'public_task', 'tenancy_law']), label: textSchema }))
    .min(1),
  roles: ruled({ items: z.array(z.strictObject({ id: role, label: textSchema, rules: ruleList })).min(1) }),
  /** Which roles hold each permission, with the rule that grants (and so limits) it. */
  grants: z.array(ruled({ permission, roles: z.array(role), condition: textSchema.optional() })),
  /** Roles that must pass a second factor. */
  mfa: ruled({ roles: z.array(role) }),
  retention: ruled({
    limitDays: z.number().int().positive(),
    recording: ruled({ mode: z.enum(['continuous', 'motion', 'either']) }),
    holds: z.array(ruled({ trigger: z.enum(holdTriggers), until: z.enum(holdEnds) })),
  }),
  viewing: ruled({
    reasons: z.array(
      ruled({
        reason: z.enum(viewReasons),
        scope: z.enum(['live', 'recordings', 'both']),
        /** Null: any role that holds the viewing permission. */
        roles: z.array(role).nullable(),
      }),
    ),
    /** Whether a free-text reason alone suffices (never: X-2 ties a reason to an incident or request). */
    freeText: ruled({ allowed: z.boolean() }),
  }),
  requests: z.strictObject({
    access: requestRule,
    erasure: requestRule,
    restriction: requestRule,
    objection: requestRule,
    'retention-extension': requestRule,
    police: requestRule,
    'third-party': requestRule,
  }),
  thirdParty: ruled({
    recipients: z.array(recipientRule),
    /** Recipients the seed rules out by name, so that a refusal cites the specific rule. */
    refused: z.array(ruled({ category: z.enum(recipientCategories) })),
    /** Recipients the seed does not name: refused, or allowed under the listed conditions. */
    others: ruled({ allowed: z.boolean(), scope: z.enum(['organisations', 'anyone']), conditions: z.array(z.enum(conditions)) }),
    fourEyes: ruled({ required: z.boolean() }),
    carrier: ruled({ kind: z.enum(['unspecified', 'digital_medium', 'encrypted_carrier']) }),
  }),
  cameras: z.strictObject({
    purposeRecorded: ruled({ required: z.boolean() }),
    responsibleRecorded: ruled({ required: z.boolean() }),
    proportionality: ruled({ required: z.boolean(), assessedBy: role.nullable(), questions: z.array(textSchema) }),
    dpia: ruled({ when: z.enum(['before_activation', 'systematic_large_scale_public']) }),
    vveConsent: ruled({ when: z.enum(['where_applicable', 'not_stated']) }),
    worksCouncil: ruled({ when: z.enum(['staff_in_view']) }),
    signage: ruled({ required: z.boolean(), namesOwner: z.boolean(), at: z.enum(['entrances', 'where_cameras_are']) }),
    hidden: ruled({ allowed: z.enum(['never', 'concrete_suspicion_of_staff_theft_or_fraud']) }),
    dummies: ruled({ allowed: z.boolean(), disclosed: z.boolean() }),
    placement: z.array(ruled({ limit: z.enum(placementLimits) })),
  }),
  security: ruled({ measures: z.array(ruled({ measure: z.enum(securityMeasures) })) }),
  logbook: ruled({ events: z.array(ruled({ event: z.enum(logbookEvents) })), confidential: z.boolean() }),
  complaints: ruled({ toOrganisation: z.boolean(), escalation: z.enum(['autoriteit_persoonsgegevens']) }),
  publication: ruled({
    protocolPublic: z.boolean(),
    channels: z.array(z.enum(['website', 'letter_to_tenants', 'at_tenancy_start', 'signs'])),
    cameraListPublic: z.boolean(),
  }),
  /** DOM-12: a specific protocol per residential complex (site overrides). */
  sites: ruled({ perSiteProtocol: z.boolean() }),
  /**
   * Incidents (issue 7): the kinds of incident footage is secured and viewed for (DOM-3, WCP-1, …),
   * and those the organisation also reports under another of its protocols (SOE-2/3: aggression
   * under the Omgangsprotocol Agressie en Geweld). Optional so that profile versions stored before
   * this field existed still load: without it every kind may be reported and none elsewhere.
   */
  incidents: ruled({
    types: z.array(z.strictObject({ type: z.enum(incidentTypes), rules: ruleList })).min(1),
    alsoReportedUnder: z.array(ruled({ types: z.array(z.enum(incidentTypes)).min(1), protocol: textSchema })),
  }).optional(),
  /** SOE-12: who decides cases the protocol does not foresee. */
  unforeseen: ruled({ decidedBy: role.nullable(), advisedBy: z.array(role) }),
});

export type ProtocolProfile = z.infer<typeof profileShape>;

/** The schema with the cross-field checks of profile.checks.ts. */
export const protocolProfileSchema = profileShape.superRefine(checkProfile);
export type RequestRule = ProtocolProfile['requests']['access'];
export type Grant = ProtocolProfile['grants'][number];
export type Provenance = { rules: string[]; source: RuleSource; note?: string };
