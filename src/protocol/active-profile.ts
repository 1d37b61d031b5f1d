import type { Role } from '../auth/roles.js';
import { createPolicy, type Action, type Actor, type Decision, type Policy, type PolicyTable } from '../auth/policy.js';
import type { ProtocolProfile } from './profile.schema.js';
import { getProfile, listProfiles } from './profiles/index.js';
import { mfaRolesFromProfile, policyTableFromProfile } from './policy-from-profile.js';

/** Where the running system reads its protocol from: the profile in force now. */
export interface ActiveProfile {
  current(): ProtocolProfile;
  /**
   * The profile in force at an instant, for decisions about past events (issue 3 item 6). The
   * versioned store (versions/profile-store.ts) has it; use `profileAt()` to ask any source.
   */
  at?(instant: Date): ProtocolProfile;
}

/** A fixed profile (one of the shipped ones), chosen by configuration: the same at every instant. */
export class StaticProfile implements ActiveProfile {
  constructor(private readonly profile: ProtocolProfile) {}
  current(): ProtocolProfile {
    return this.profile;
  }
  at(): ProtocolProfile {
    return this.profile;
  }
}

/** The profile in force at an instant: the version of that time where the source keeps versions, else the current one. */
export function profileAt(active: ActiveProfile, instant: Date): ProtocolProfile {
  return active.at ? active.at(instant) : active.current();
}

export class UnknownProfileError extends Error {}

export function shippedProfile(id: string): ProtocolProfile {
  const profile = getProfile(id);
  if (!profile) throw new UnknownProfileError(`unknown protocol profile '${id}' (one of: ${listProfiles().map((p) => p.id).join(', ')})`);
  return profile;
}

/**
 * `can()` evaluated from the active profile (issue 3 item 4): roles and permissions come from
 * the profile in force, and every denial names the rule that grants the action.
 */
export function profilePolicy(active: ActiveProfile): Policy {
  let cachedFor: ProtocolProfile | null = null;
  let cached: Policy | null = null;
  const policy = (): Policy => {
    const profile = active.current();
    if (profile !== cachedFor || !cached) {
      cached = createPolicy(policyTableFromProfile(profile) as PolicyTable);
      cachedFor = profile;
    }
    return cached;
  };
  return {
    can: (actor: Actor | null, action: Action, resource?: unknown): Decision => policy().can(actor, action, resource),
    rolesFor: (action: Action) => policy().rolesFor(action),
  };
}

export const declaredRoles = (active: ActiveProfile): readonly Role[] => active.current().roles.items.map((r) => r.id);
export const mfaRoles = (active: ActiveProfile): readonly Role[] => mfaRolesFromProfile(active.current());
