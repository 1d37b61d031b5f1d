/**
 * The roles the five seed protocols name. One role per account (least privilege: a person who
 * needs two roles gets two personal accounts, so every logboek entry says in which capacity).
 */
export const roles = [
  'admin', // application administrator: users and configuration, no footage
  'beheerder', // SOE-2/3, SOE-5: operates the system
  'wijkbeheerder', // DOM-4: wijkbeheerder / huismeester / consultant Wijkbeheer; MOZ-2.2 contactpersoon
  'privacy_officer', // WEL-2, WEL-13, SOE-10
  'auditor', // functionaris gegevensbescherming (FG) / auditor: reads the logboek
  'manager', // SOE-2, SOE-10: manager bedrijfsvoering / eindverantwoordelijke
  'technisch_beheerder', // SOE-2/3: technical management
  'maintenance_partner', // MOZ-2.7, WCP-3, WEL-16: external maintenance company / samenwerkingspartner
  'police', // DOM-4, SOE-5: police investigating officer (art. 126nda Sv)
  'ovj', // SOE-5: officier van justitie (art. 126nd Sv)
] as const;

export type Role = (typeof roles)[number];

/** Roles held by people outside the organisation: their accounts must carry an expiry date. */
export const externalRoles: readonly Role[] = ['maintenance_partner', 'police', 'ovj'];

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}
