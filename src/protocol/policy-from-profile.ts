import { actions, type Action, type Grant as PolicyGrant, type PolicyTable } from '../auth/policy.js';
import type { Role } from '../auth/roles.js';
import type { Grant, ProtocolProfile } from './profile.schema.js';
import { basePermissions, type Permission } from './vocabulary.js';

/** The rule named where the profile field is silent (the schema rules this out for grants). */
const SILENT = 'silent';

/**
 * The auth policy table read from a protocol profile (INV-5): each Action of src/auth/policy.ts
 * is one of the profile's permissions, and the rule that grants it is the rule every denial names.
 * `declared_role` actions (the dashboard, one's own account) belong to every role the profile knows;
 * `anyOf` actions belong to every role holding one of the permissions (rule of the first).
 */
export type ActionSource = Permission | 'declared_role' | { anyOf: readonly Permission[] };

export const actionPermissions: Record<Action, ActionSource> = {
  'dashboard.view': 'declared_role',
  'account.self': 'declared_role',
  'user.list': 'manage_users',
  'user.manage': 'manage_users',
  'login_attempts.read': 'read_login_attempts',
  'logbook.read': 'read_logbook',
  'logbook.export': 'export_logbook',
  'logbook.verify': 'verify_logbook',
  'register.read': 'read_register',
  'register.manage': 'manage_cameras',
  'register.approve': 'approve_cameras',
  'register.check': 'check_cameras',
  // Whoever records a register fact may attach its evidence.
  'register.upload': { anyOf: ['manage_cameras', 'approve_cameras', 'check_cameras'] },
  // Whoever keeps the protocol, and whoever reads the logboek (the auditor/FG), reads its versions.
  'protocol.read': { anyOf: ['manage_profile', 'read_logbook'] },
  'protocol.manage': 'manage_profile',
  // Cases (issue 7): those who secure footage or release holds handle cases; the protocol's owner and the
  // privacy officer (who assesses, WEL-2, and decides for some profiles, WEL-15, SOE-10) too. Base
  // permissions only: a profile need not grant every decide:<kind>, and deciding is checked per kind
  // by the case service (evaluate 'decide_request'). The logboek's readers (auditor/FG) read cases.
  'cases.read': { anyOf: ['secure_footage', 'release_hold', 'read_logbook', 'manage_profile', 'approve_cameras'] },
  'cases.handle': { anyOf: ['secure_footage', 'release_hold', 'manage_profile', 'approve_cameras'] },
  'incident.manage': 'secure_footage',
  'hold.release': 'release_hold',
  // SOE-10.6: the register of viewing requests and declarations is as confidential as the logboek.
  'cases.viewing_log': 'read_logbook',
  // Police and OvJ file their own vordering where the profile lets them file it (file:police: DOM-5, MOZ-5, SOE-9…).
  'cases.file_police': 'file:police',
  // Recorder (issue 5): whoever reads the register, manages cameras or maintains the system sees whether
  // cameras record; holds are read by those who place or release them and the logboek's readers.
  'recorder.status': { anyOf: ['read_register', 'manage_cameras', 'maintain_system'] },
  'hold.read': { anyOf: ['secure_footage', 'release_hold', 'read_logbook'] },
  'hold.manage': 'secure_footage',
  // Watching (issue 6): the profile's viewing permissions; why one watches is checked per view session
  // (evaluate 'view_recordings' / 'view_live'). Who watched is read by the logboek's readers (SOE-7.2).
  'footage.view_recordings': 'view_recordings',
  'footage.view_live': 'view_live',
  'viewing.search': 'read_logbook',
  // Exports (issue 8): reading footage out is the profile's `export` permission; whoever reads the cases
  // sees a case's exports. Verifying needs no permission (any session, or the public page).
  'export.create': 'export',
  'export.read': { anyOf: ['export', 'secure_footage', 'release_hold', 'read_logbook', 'manage_profile', 'approve_cameras'] },
  // Redaction (issue 9): who may redact is who decides data subjects' requests under the profile (DOM-11,
  // MOZ-4.4, SOE-10, WEL-14, WCP-7): the analysis and review prepare exactly that copy.
  'redaction.manage': 'decide:access',
  // Privacy masks (issue 9 item 4): part of the register (read by its readers and the logboek's), drawn by
  // whoever manages cameras (DOM-2, WEL-4, SOE-8), lifted only by the profile's lift_privacy_masks grant
  // (the five shipped seeds grant it to nobody: DOM-2, WEL-3, MOZ-6.1, SOE-8, WCP-6).
  'mask.read': { anyOf: ['read_register', 'manage_cameras', 'read_logbook', 'lift_privacy_masks'] },
  'mask.manage': 'manage_cameras',
  'mask.lift': 'lift_privacy_masks',
};

/** The profile's grant of a permission, if it has one. */
export function grantOf(profile: ProtocolProfile, permission: Permission): Grant | undefined {
  return profile.grants.find((grant) => grant.permission === permission);
}

function requiredGrant(profile: ProtocolProfile, permission: Permission): Grant {
  const grant = grantOf(profile, permission);
  // A per-kind permission (file:<kind>, decide:<kind>) a profile does not grant belongs to nobody.
  if (!grant && !(basePermissions as readonly string[]).includes(permission)) return { permission, roles: [], rules: [], source: 'silent' };
  // The schema requires a grant for every base permission; an unvalidated profile fails loudly.
  if (!grant) throw new Error(`profile ${profile.id} has no grant for ${permission}`);
  return grant;
}

function policyGrant(profile: ProtocolProfile, action: Action): PolicyGrant {
  const source = actionPermissions[action];
  if (source === 'declared_role') {
    return { roles: profile.roles.items.map((item) => item.id), rule: profile.roles.rules[0] ?? SILENT };
  }
  const grants = (typeof source === 'string' ? [source] : source.anyOf).map((permission) => requiredGrant(profile, permission));
  const roles = [...new Set(grants.flatMap((grant) => grant.roles))];
  return { roles, rule: grants[0]?.rules[0] ?? SILENT };
}

export function policyTableFromProfile(profile: ProtocolProfile): PolicyTable {
  return Object.fromEntries(actions.map((action) => [action, policyGrant(profile, action)])) as PolicyTable;
}

/** Roles that must pass a second factor under this profile. */
export function mfaRolesFromProfile(profile: ProtocolProfile): readonly Role[] {
  return profile.mfa.roles;
}
