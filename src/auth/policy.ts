import type { Role } from './roles.js';

/**
 * Authorisation is one function, `can(actor, action, resource)`, evaluated from a policy table.
 * Until the protocol engine supplies the table from the active profile, `builtinPolicy` is used.
 */
export const actions = [
  'dashboard.view',
  'account.self', // own session, password, second factor
  'user.list',
  'user.manage',
  'login_attempts.read',
  'logbook.read',
  'logbook.export',
  'logbook.verify',
  'register.read', // the camera register: sites, cameras, approvals, checks (no credentials)
  'register.manage', // add and change sites and cameras, set their status (activation is gated, INV-8)
  'register.approve', // record assessments and approvals: proportionality, DPIA, VvE, works council, WEL-8
  'register.check', // record periodic checks and defects, mark repairs
  'register.upload', // upload evidence documents and photos (PDF/JPEG/PNG)
  'protocol.read', // the protocol profile with its rule IDs, its versions and their differences
  'protocol.manage', // edit a draft of the protocol profile and activate it from a date
  'cases.read', // incidents, holds, requests, complaints and their documents and timelines (issue 7)
  'cases.handle', // register requests and complaints, take their steps (deciding is checked per kind), make and sign documents
  'incident.manage', // report incidents and secure their footage (veiligstellen): place holds
  'hold.release', // release a hold, when the profile's release rule is met (DOM-9, WCP-11)
  'cases.viewing_log', // the confidential register of requests to see footage, decisions and declarations (SOE-10.6)
  'cases.file_police', // a police officer or prosecutor files their own vordering (art. 126nd/126nda Sv; DOM-5, MOZ-5, SOE-9) and follows it
  'recorder.status', // the recorder's health: per camera recording/offline, storage, oldest footage, retention; alerts (issue 5)
  'hold.read', // list holds (veiligstellingen) by camera or case
  'hold.manage', // place a hold by hand (CLI/API); incidents place theirs through incident.manage
  'footage.view_recordings', // play back recorded footage, for a stated reason; every view is logged (INV-3)
  'footage.view_live', // watch a camera live, for a stated reason (X-2, SOE-5); logged (INV-3)
  'viewing.search', // who watched which camera when (SOE-7.2): the view sessions, as confidential as the logboek
  'export.create', // assemble, seal and encrypt an export package from an allowed request, and download it once (issue 8)
  'export.read', // list a case's exports (hashes, recipients; never footage or passwords)
  'redaction.manage', // analyse a request's footage for redaction (detect + track persons/faces), review its tracks (issue 9)
  'mask.read', // a camera's privacy masks, their versions and lifts (issue 9 item 4; no footage)
  'mask.manage', // draw and change a camera's privacy masks (DOM-2, WEL-4, SOE-8); every version kept and logged
  'mask.lift', // lift a camera's privacy masks for one view session or case, with a reason; logged
] as const;

export type Action = (typeof actions)[number];

export interface Actor {
  id: string;
  username: string;
  displayName: string;
  role: Role;
}

export interface Grant {
  roles: readonly Role[];
  /** The rule that limits this action to these roles, named in every denial. */
  rule: string;
}

export type PolicyTable = Record<Action, Grant>;

export type Decision = { allowed: true } | { allowed: false; rule: string; message: { nl: string; en: string } };

export interface Policy {
  can(actor: Actor | null, action: Action, resource?: unknown): Decision;
  /** Roles that are allowed the action (used for the route × role matrix and the UI). */
  rolesFor(action: Action): readonly Role[];
}

const everyone: readonly Role[] = [
  'admin', 'beheerder', 'wijkbeheerder', 'privacy_officer', 'auditor', 'manager',
  'technisch_beheerder', 'maintenance_partner', 'police', 'ovj',
];

/** Everyone inside the organisation (not police or OvJ). */
const staff: readonly Role[] = everyone.filter((role) => role !== 'police' && role !== 'ovj');

/** The built-in table: conservative defaults drawn from the seeds, replaced by the protocol profile. */
export const builtinPolicyTable: PolicyTable = {
  'dashboard.view': { roles: everyone, rule: 'X-1' },
  'account.self': { roles: everyone, rule: 'DOM-7' },
  'user.list': { roles: ['admin'], rule: 'DOM-7' },
  'user.manage': { roles: ['admin'], rule: 'DOM-7' },
  'login_attempts.read': { roles: ['admin', 'privacy_officer', 'auditor'], rule: 'DOM-7' },
  'logbook.read': { roles: ['privacy_officer', 'auditor'], rule: 'X-1' },
  'logbook.export': { roles: ['privacy_officer', 'auditor'], rule: 'X-1' },
  'logbook.verify': { roles: ['admin', 'privacy_officer', 'auditor'], rule: 'X-1' },
  // The register is the organisation's own record of its cameras (X-6 publishes its public part);
  // people outside the organisation (police, OvJ) see the public camera list, not the register.
  'register.read': { roles: staff, rule: 'X-6' },
  // SOE-5: the beheerder configures the system; SOE-2/3 the technisch beheerder; MOZ-2.7/WCP-3 the
  // specialised partner; the privacy officer keeps the register (WEL-1, WEL-10); admin holds
  // manage_cameras in the housing corporations' profiles.
  'register.manage': { roles: ['admin', 'beheerder', 'technisch_beheerder', 'privacy_officer', 'maintenance_partner'], rule: 'SOE-5' },
  // WEL-2: the privacy officer assesses; SOE-2/3, SOE-12: the manager (eindverantwoordelijke) decides.
  'register.approve': { roles: ['privacy_officer', 'manager'], rule: 'WEL-2' },
  // MOZ-2.3, WCP-3: periodic checks by the maintainers, the contact person (MOZ-2.2) and the beheerder.
  'register.check': { roles: ['beheerder', 'technisch_beheerder', 'maintenance_partner', 'wijkbeheerder'], rule: 'MOZ-2.3' },
  // Whoever records a register fact may attach its evidence.
  'register.upload': {
    roles: ['admin', 'beheerder', 'technisch_beheerder', 'privacy_officer', 'maintenance_partner', 'manager', 'wijkbeheerder'],
    rule: 'SOE-5',
  },
  // The protocol is the controller's (AVG-24): the privacy officer keeps it; the auditor/FG reads it.
  'protocol.read': { roles: ['privacy_officer', 'auditor'], rule: 'AVG-24' },
  'protocol.manage': { roles: ['privacy_officer'], rule: 'AVG-24' },
  // Cases: those who secure footage and decide requests (DOM-4, DOM-8, MOZ-2.4, SOE-7.1, SOE-10); the auditor/FG reads.
  'cases.read': { roles: ['wijkbeheerder', 'beheerder', 'manager', 'privacy_officer', 'auditor'], rule: 'DOM-8' },
  'cases.handle': { roles: ['wijkbeheerder', 'beheerder', 'manager', 'privacy_officer'], rule: 'DOM-8' },
  'incident.manage': { roles: ['wijkbeheerder', 'beheerder'], rule: 'DOM-8' },
  'hold.release': { roles: ['wijkbeheerder', 'beheerder'], rule: 'DOM-9' },
  'cases.viewing_log': { roles: ['privacy_officer', 'auditor'], rule: 'SOE-10' },
  'cases.file_police': { roles: ['police', 'ovj'], rule: 'SOE-9' },
  // Recorder (issue 5): the register's readers see whether cameras record; holds like the cases.
  'recorder.status': { roles: staff, rule: 'X-6' },
  'hold.read': { roles: ['wijkbeheerder', 'beheerder', 'manager', 'privacy_officer', 'auditor'], rule: 'DOM-8' },
  'hold.manage': { roles: ['wijkbeheerder', 'beheerder'], rule: 'DOM-8' },
  // Watching (issue 6): those who may view footage (DOM-4, SOE-5); the logboek's readers search who watched.
  'footage.view_recordings': { roles: ['wijkbeheerder', 'beheerder', 'police', 'ovj'], rule: 'SOE-5' },
  'footage.view_live': { roles: ['wijkbeheerder', 'beheerder', 'police', 'ovj'], rule: 'SOE-5' },
  'viewing.search': { roles: ['privacy_officer', 'auditor'], rule: 'SOE-7.2' },
  // Exports (issue 8): those who may read footage out (DOM-4, DOM-6); the cases' readers see that it happened.
  'export.create': { roles: ['wijkbeheerder'], rule: 'DOM-6' },
  'export.read': { roles: ['wijkbeheerder', 'beheerder', 'manager', 'privacy_officer', 'auditor'], rule: 'DOM-6' },
  // Redaction (issue 9): whoever decides data subjects' requests prepares their redacted copy (DOM-11).
  'redaction.manage': { roles: ['wijkbeheerder'], rule: 'DOM-11' },
  // Privacy masks (issue 9 item 4): whoever configures cameras draws them (DOM-2, SOE-5); by default only the
  // privacy officer may lift them; the profile's lift_privacy_masks grant decides (the shipped seeds: nobody).
  'mask.read': { roles: staff, rule: 'X-6' },
  'mask.manage': { roles: ['admin', 'beheerder', 'technisch_beheerder', 'privacy_officer', 'maintenance_partner'], rule: 'DOM-2' },
  'mask.lift': { roles: ['privacy_officer'], rule: 'DOM-2' },
};

/** Roles that need a second factor until the profile names them: every role that can export or administer. */
export const builtinMfaRoles: readonly Role[] = ['admin', 'beheerder', 'privacy_officer', 'manager', 'technisch_beheerder'];

export function createPolicy(table: PolicyTable): Policy {
  return {
    can(actor, action) {
      const grant = table[action];
      if (!actor) {
        return { allowed: false, rule: 'DOM-7', message: { nl: 'Log eerst in.', en: 'Please log in first.' } };
      }
      if (grant.roles.includes(actor.role)) return { allowed: true };
      return {
        allowed: false,
        rule: grant.rule,
        message: {
          nl: `Uw rol (${actor.role}) mag '${action}' niet uitvoeren (${grant.rule}).`,
          en: `Your role (${actor.role}) may not perform '${action}' (${grant.rule}).`,
        },
      };
    },
    rolesFor(action) {
      return table[action].roles;
    },
  };
}

export const builtinPolicy: Policy = createPolicy(builtinPolicyTable);
