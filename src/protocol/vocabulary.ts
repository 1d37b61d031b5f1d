/**
 * The closed vocabularies a protocol profile is written in. Each word names a thing the seeds
 * talk about; the profile decides which of them an organisation allows, to whom, under which rule.
 */

/** The kinds of request a profile sets a procedure and a deadline for. */
export const requestKinds = [
  'access', // art. 15 AVG: a data subject asks to see footage of themselves
  'erasure', // art. 17 AVG
  'restriction', // art. 18 AVG
  'objection', // art. 21 AVG
  'retention-extension', // keep (secure) footage beyond the retention limit
  'police', // police or public prosecutor asks for footage
  'third-party', // anyone else asks to see or receive footage
] as const;
export type RequestKind = (typeof requestKinds)[number];

/** The requests a data subject makes under the AVG, where art. 12(3) sets the default deadline. */
export const dataSubjectRequestKinds: readonly RequestKind[] = ['access', 'erasure', 'restriction', 'objection'];

export const basePermissions = [
  'view_live',
  'view_recordings',
  'export', // read footage out onto a carrier or into an export package
  'secure_footage', // veiligstellen: place a hold
  'release_hold',
  'read_register', // the camera register: sites, cameras, approvals, checks
  'manage_cameras',
  'approve_cameras', // record assessments and approvals (proportionality, DPIA, VvE, works council)
  'check_cameras', // record periodic checks and defects
  'manage_users',
  'maintain_system', // technical maintenance and checks
  'read_logbook',
  'export_logbook',
  'verify_logbook',
  'read_login_attempts',
  'lift_privacy_masks',
  'manage_profile',
] as const;
export type BasePermission = (typeof basePermissions)[number];

/** `decide:<kind>` decides a request; `file:<kind>` registers one from a system account. */
export type Permission = BasePermission | `decide:${RequestKind}` | `file:${RequestKind}`;

export const permissions: readonly Permission[] = [
  ...basePermissions,
  ...requestKinds.map((kind) => `decide:${kind}` as const),
  ...requestKinds.map((kind) => `file:${kind}` as const),
];

export function isPermission(value: string): value is Permission {
  return (permissions as readonly string[]).includes(value);
}

/** Who may file a request (mostly people without an account; the public request page). */
export const requesterCategories = [
  'data_subject',
  'tenant',
  'visitor',
  'third_party',
  'emergency_service',
  'staff',
  'police',
  'ovj',
  'lawyer',
] as const;
export type RequesterCategory = (typeof requesterCategories)[number];

/** Who may receive footage. */
export const recipientCategories = [
  'police',
  'ovj',
  'insurer',
  'court',
  'disputes_committee', // klachten- of geschillencommissie
  'huurcommissie',
  'lawyer',
  'other_organisation',
  'tenant',
  'visitor',
  'neighbour',
] as const;
export type RecipientCategory = (typeof recipientCategories)[number];

/** Recipients who are private persons rather than organisations. */
export const personRecipients: readonly RecipientCategory[] = ['tenant', 'visitor', 'neighbour'];

/** Conditions a request or a provision must meet; all listed conditions apply together. */
export const conditions = [
  'written_request',
  'motivated_request',
  'legal_basis_cited',
  'legal_basis_cited_or_public_task',
  'police_order',
  'identity_check',
  'identity_check_in_person',
  'time_and_place_given',
  'time_and_duration_given',
  'plausible_interest',
  'own_images_only',
  'balancing_of_interests',
  'compatible_with_purpose',
  'overriding_interest',
  'weighty_interest_or_legal_duty',
  'demonstrable_legitimate_interest',
  'proportionality_and_subsidiarity',
  'needed_for_incident_handling',
  'needed_for_proceedings',
  'signed_receipt',
  'careful_use_declaration',
  'viewing_declaration',
  'staff_present',
  'privacy_officer_in_doubt',
] as const;
export type Condition = (typeof conditions)[number];

export const outcomes = [
  'viewing', // the seed gives no form
  'supervised_viewing_at_office',
  'digital_copy',
  'digital_medium',
  'encrypted_carrier',
  'erasure',
  'restriction',
  'processing_stopped',
  'extended_retention',
  'refusal_with_reasons',
] as const;
export type Outcome = (typeof outcomes)[number];

export const refusalGrounds = [
  'unspecified_request',
  'manifestly_abusive',
  'footage_no_longer_exists',
  'rights_of_others',
  'crime_prevention_or_investigation',
  'not_own_images',
  'incompatible_purpose',
] as const;
export type RefusalGround = (typeof refusalGrounds)[number];

export const documentKinds = [
  'receipt_statement', // ontvangstverklaring
  'viewing_declaration', // inzageverklaring
  'careful_use_declaration', // verklaring zorgvuldig gebruik
  'decision_letter',
] as const;
export type DocumentKind = (typeof documentKinds)[number];

/** Reasons a person may state for watching; `scope` in the profile says live, recordings or both. */
export const viewReasons = [
  'incident',
  'request',
  'house_rules_breach',
  'camera_purpose', // WEL-12: where the camera's purpose can be reached with some certainty
  'police_investigation',
  'technical_check',
  'security_watch', // standing live watch from a secured room
] as const;
export type ViewReason = (typeof viewReasons)[number];

/** What can be reported as an incident, in the seeds' own words (DOM-3, WCP-1, SOE-2/3); each profile lists the ones it covers. */
export const incidentTypes = [
  'vandalism', 'nuisance', 'theft', 'burglary', 'violence', 'aggression', 'uninvited_guests', 'house_rules_breach', 'other',
] as const;
export type IncidentType = (typeof incidentTypes)[number];

/** What ends a hold. */
export const holdEnds = ['incident_handled', 'request_handled', 'police_consulted', 'irrevocable_judgment'] as const;
export type HoldEnd = (typeof holdEnds)[number];

export const holdTriggers = ['incident', 'request', 'police_request', 'police_report', 'proceedings'] as const;
export type HoldTrigger = (typeof holdTriggers)[number];

/** Limits on where a camera looks and what it captures (register view checklist, issue 4). */
export const placementLimits = [
  'not_into_homes',
  'not_at_front_doors',
  'not_at_fixed_workplace',
  'public_road_minimal',
  'others_property_minimal',
  'common_areas_only',
  'not_for_staff_monitoring',
  'no_audio',
] as const;
export type PlacementLimit = (typeof placementLimits)[number];

/** Organisational and technical measures, recorded as facts in the register's checklist. */
export const securityMeasures = [
  'personal_accounts',
  'password_protected',
  'login_attempts_logged',
  'remote_access_same_rules',
  'encryption_where_needed',
  'secured_room',
  'dedicated_viewing_computer',
  'network_cameras_secured',
  'offline_cameras_protected',
  'periodic_checks',
  'specialist_maintenance',
  'processor_agreement',
  'closed_system',
] as const;
export type SecurityMeasure = (typeof securityMeasures)[number];

/** What the logboek must record beyond the cross-cutting list of X-1. */
export const logbookEvents = [
  'login',
  'login_attempt',
  'live_view',
  'playback',
  'read_out',
  'stored_on_carrier',
  'provision',
  'hold',
  'incident_requiring_longer_retention',
  'request',
  'decision',
  'declaration',
  'system_use',
] as const;
export type LogbookEvent = (typeof logbookEvents)[number];
