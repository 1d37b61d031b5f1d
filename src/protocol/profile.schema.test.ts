import { describe, expect, it } from 'vitest';
import { protocolProfileSchema, type ProtocolProfile } from './profile.schema.js';
import { domijn, getProfile, listProfiles, shippedProfiles, welwonen } from './profiles/index.js';

/** A deep copy to break on purpose. */
const copy = (profile: ProtocolProfile): ProtocolProfile => structuredClone(profile);

function issues(profile: unknown): string[] {
  const result = protocolProfileSchema.safeParse(profile);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('shipped profiles', () => {
  it('every shipped profile validates against the schema', () => {
    expect(shippedProfiles.map((profile) => profile.id)).toEqual(['domijn', 'welwonen', 'mozaiek', 'soest', 'wooncompas']);
    for (const profile of shippedProfiles) expect(issues(profile), profile.id).toEqual([]);
  });

  it('survive a JSON round trip unchanged (profiles are plain data)', () => {
    for (const profile of shippedProfiles) {
      expect(protocolProfileSchema.parse(JSON.parse(JSON.stringify(profile)))).toEqual(profile);
    }
  });

  it('the registry lists them and finds each by id', () => {
    expect(listProfiles()).toBe(shippedProfiles);
    expect(getProfile('mozaiek')?.organisation.name).toBe('Mozaiek Wonen');
    expect(getProfile('unknown')).toBeUndefined();
  });

  it('are frozen, so that nobody changes the rules in passing', () => {
    expect(() => {
      (domijn.retention as { limitDays: number }).limitDays = 90;
    }).toThrow(TypeError);
    expect(Object.isFrozen(domijn.requests.access.deadline)).toBe(true);
  });

  it('every allowed request kind names the rule or law behind its deadline', () => {
    for (const profile of shippedProfiles) {
      for (const [kind, request] of Object.entries(profile.requests)) {
        if (!request.allowed) continue;
        const deadline = request.deadline;
        expect(deadline, `${profile.id} ${kind}`).not.toBeNull();
        if (deadline && deadline.source !== 'silent') expect(deadline.rules.length, `${profile.id} ${kind}`).toBeGreaterThan(0);
      }
    }
  });
});

describe('cross-cutting requirements hold in every profile', () => {
  it('X-3: every profile limits retention and keeps held footage beyond the limit', () => {
    for (const profile of shippedProfiles) {
      expect(profile.retention.limitDays, profile.id).toBeLessThanOrEqual(28);
      expect(profile.retention.rules, profile.id).toContain('X-3');
      expect(profile.retention.holds.some((hold) => hold.trigger === 'incident' || hold.trigger === 'request'), profile.id).toBe(true);
    }
  });

  it('X-5: every decision that can refuse produces a decision letter; every police release a signed statement', () => {
    for (const profile of shippedProfiles) {
      for (const [kind, request] of Object.entries(profile.requests)) {
        if (request.outcomes.includes('refusal_with_reasons')) expect(request.documents, `${profile.id} ${kind}`).toContain('decision_letter');
      }
      const police = profile.requests.police.documents;
      expect(police.includes('receipt_statement') || police.includes('careful_use_declaration'), profile.id).toBe(true);
    }
  });

  it('X-6: every profile publishes its protocol text and its camera list', () => {
    for (const profile of shippedProfiles) {
      expect(profile.publication, profile.id).toMatchObject({ protocolPublic: true, cameraListPublic: true });
      expect(profile.publication.rules, profile.id).toContain('X-6');
    }
  });
});

describe('the schema refuses a broken profile', () => {
  it('a rule of another protocol', () => {
    const profile = copy(domijn);
    profile.retention.rules = ['WEL-5'];
    expect(issues(profile)).toContainEqual(expect.stringContaining('retention.rules.0: rule WEL-5 belongs to another protocol'));
  });

  it('a law reference that is not in the catalogue', () => {
    const profile = copy(domijn);
    profile.requests.access.deadline = { kind: 'avg_default', rules: ['AVG-99'], source: 'law' };
    expect(issues(profile).join('\n')).toContain('requests.access.deadline.rules.0');
  });

  it('a source that does not match the first rule, and a silent field that cites rules', () => {
    const profile = copy(domijn);
    profile.retention.source = 'law';
    profile.sites = { perSiteProtocol: false, rules: ['DOM-12'], source: 'silent', note: 'x' };
    const found = issues(profile).join('\n');
    expect(found).toContain("retention.source: source 'law' but the first rule DOM-8 is protocol");
    expect(found).toContain('sites.rules: a silent field cites no rules');
  });

  it('a role that is used but not declared', () => {
    const profile = copy(welwonen);
    profile.mfa.roles = [...profile.mfa.roles, 'beheerder'];
    expect(issues(profile)).toContainEqual(expect.stringContaining('role beheerder is not declared'));
  });

  it('a permission without a grant, or granted twice', () => {
    const profile = copy(domijn);
    profile.grants = profile.grants.filter((grant) => grant.permission !== 'read_logbook');
    profile.grants.push({ ...profile.grants[0]! });
    const found = issues(profile).join('\n');
    expect(found).toContain('permission read_logbook has no grant');
    expect(found).toContain('permission view_live granted twice');
  });

  it('an allowed request kind nobody may decide, and a forbidden kind with a decider', () => {
    const profile = copy(domijn);
    profile.grants = profile.grants.filter((grant) => grant.permission !== 'decide:access');
    profile.grants.push({ permission: 'decide:third-party', roles: ['wijkbeheerder'], rules: ['DOM-5'], source: 'protocol' });
    const found = issues(profile).join('\n');
    expect(found).toContain('no role may decide access requests');
    expect(found).toContain('decide:third-party is granted but the kind is not allowed');
  });

  it('the AVG default deadline on a request that is not a data-subject request', () => {
    const profile = copy(domijn);
    profile.requests.police.deadline = { kind: 'avg_default', rules: ['AVG-12.3'], source: 'law' };
    expect(issues(profile)).toContainEqual(expect.stringContaining('AVG art. 12(3) applies to data-subject requests only'));
  });

  it('unknown fields and impossible values', () => {
    const profile = { ...copy(domijn), cameraCount: 3 };
    expect(issues(profile).join('\n')).toContain('cameraCount');
    const bad = copy(domijn);
    bad.version.effectiveFrom = '2025-02-30';
    bad.retention.limitDays = 0;
    const found = issues(bad).join('\n');
    expect(found).toContain('version.effectiveFrom');
    expect(found).toContain('retention.limitDays');
  });
});
