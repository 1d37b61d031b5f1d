import { describe, expect, it } from 'vitest';
import { actions, createPolicy, type Actor } from '../auth/policy.js';
import { roles, type Role } from '../auth/roles.js';
import { actionPermissions, mfaRolesFromProfile, policyTableFromProfile } from './policy-from-profile.js';
import { domijn, getProfile, shippedProfiles, soest, wooncompas } from './profiles/index.js';

const actor = (role: Role): Actor => ({ id: `u-${role}`, username: role, displayName: role, role });

describe('policyTableFromProfile', () => {
  it('maps every Action of src/auth/policy.ts for every shipped profile', () => {
    for (const profile of shippedProfiles) {
      const table = policyTableFromProfile(profile);
      expect(Object.keys(table).sort()).toEqual([...actions].sort());
      const declared = profile.roles.items.map((item) => item.id);
      for (const action of actions) {
        expect(table[action].rule).toMatch(/^(DOM|WEL|MOZ|SOE|WCP|X|AVG)-/);
        for (const role of table[action].roles) expect(declared).toContain(role);
      }
    }
  });

  it('INV-5: for every profile, action and role the policy allows exactly the granted roles and a denial names the rule', () => {
    for (const profile of shippedProfiles) {
      const table = policyTableFromProfile(profile);
      const policy = createPolicy(table);
      for (const action of actions) {
        for (const role of roles) {
          const decision = policy.can(actor(role), action);
          expect(decision.allowed).toBe(table[action].roles.includes(role));
          if (!decision.allowed) {
            expect(decision.rule).toBe(table[action].rule);
            expect(decision.message.nl).toContain(table[action].rule);
          }
        }
      }
    }
  });

  it('DOM-7: Domijn user management is for the application administrator only', () => {
    const table = policyTableFromProfile(domijn);
    expect(table['user.manage']).toEqual({ roles: ['admin'], rule: 'DOM-7' });
    expect(table['login_attempts.read']).toEqual({ roles: ['admin', 'privacy_officer', 'auditor'], rule: 'DOM-7' });
  });

  it('X-1: the logboek is confidential: privacy officer and auditor read it', () => {
    const table = policyTableFromProfile(domijn);
    expect(table['logbook.read']).toEqual({ roles: ['privacy_officer', 'auditor'], rule: 'X-1' });
    const denied = createPolicy(table).can(actor('wijkbeheerder'), 'logbook.read');
    expect(denied).toMatchObject({ allowed: false, rule: 'X-1' });
  });

  it('SOE-7.2: the Soest beheerder keeps track of system use and reads the logboek', () => {
    const table = policyTableFromProfile(soest);
    expect(table['logbook.read'].roles).toContain('beheerder');
    expect(table['logbook.read'].rule).toBe('SOE-7.2');
    expect(table['login_attempts.read'].rule).toBe('SOE-7.2');
  });

  it('DOM-4: a role Domijn does not know (beheerder) is refused even the dashboard, naming DOM-4', () => {
    const policy = createPolicy(policyTableFromProfile(domijn));
    expect(policy.can(actor('beheerder'), 'dashboard.view')).toMatchObject({ allowed: false, rule: 'DOM-4' });
    expect(policy.can(actor('wijkbeheerder'), 'dashboard.view')).toEqual({ allowed: true });
  });

  it('register actions: WEL-2 approvals by the Privacy Officer; MOZ-2.3 checks by contact person and partner; evidence by any of them', () => {
    const wel = policyTableFromProfile(getProfile('welwonen')!);
    expect(wel['register.approve']).toEqual({ roles: ['privacy_officer'], rule: 'WEL-2' });
    const moz = policyTableFromProfile(getProfile('mozaiek')!);
    expect(moz['register.check']).toEqual({ roles: ['wijkbeheerder', 'maintenance_partner'], rule: 'MOZ-2.3' });
    expect(moz['register.upload'].roles).toEqual(['admin', 'maintenance_partner', 'privacy_officer', 'wijkbeheerder']);
    const soe = policyTableFromProfile(soest);
    expect(soe['register.read'].roles).not.toContain('police');
    expect(createPolicy(soe).can(actor('police'), 'register.read')).toMatchObject({ allowed: false, rule: 'X-6' });
  });

  it('maps the user actions to manage_users and the logboek actions to the logboek permissions', () => {
    expect(actionPermissions['user.list']).toBe('manage_users');
    expect(actionPermissions['logbook.verify']).toBe('verify_logbook');
  });
});

describe('mfaRolesFromProfile', () => {
  it('names the roles that must pass a second factor', () => {
    expect(mfaRolesFromProfile(soest)).toContain('police');
    expect(mfaRolesFromProfile(wooncompas)).toContain('maintenance_partner');
    for (const profile of shippedProfiles) {
      expect(mfaRolesFromProfile(profile)).toEqual(expect.arrayContaining(['admin']));
    }
  });
});
