import type { Role } from '../auth/roles.js';
import { SILENT, type Evaluation } from './evaluate.js';
import type { ProtocolProfile } from './profile.schema.js';

/**
 * The approvals a camera needs on record before it may record (INV-8), read from the profile.
 * The register (issue 4) supplies the facts about the camera and what is on record; this module
 * only says what the protocol requires and which rule a missing approval violates.
 */
export type Approval = 'proportionality_assessment' | 'dpia' | 'vve_consent' | 'works_council_approval' | 'hidden_camera_suspicion' | 'signage';

export interface CameraFacts {
  /** Systematic, large-scale monitoring of publicly accessible areas (art. 35(3)(c) AVG). */
  systematicLargeScalePublic: boolean;
  staffInView: boolean;
  /** The building has an owners' association (VvE) whose consent applies. */
  vveApplies: boolean;
  hidden: boolean;
}

export interface RequiredApproval {
  approval: Approval;
  /** Who gives or records it, where the profile names a role. */
  by: Role | null;
  rule: string;
}

export function requiredApprovals(profile: ProtocolProfile, facts: CameraFacts): RequiredApproval[] {
  const cameras = profile.cameras;
  const first = (rules: string[]) => rules[0] ?? SILENT;
  const required: RequiredApproval[] = [];
  if (cameras.proportionality.required) {
    required.push({ approval: 'proportionality_assessment', by: cameras.proportionality.assessedBy, rule: first(cameras.proportionality.rules) });
  }
  if (cameras.dpia.when === 'before_activation' || facts.systematicLargeScalePublic) {
    required.push({ approval: 'dpia', by: null, rule: first(cameras.dpia.rules) });
  }
  if (cameras.vveConsent.when === 'where_applicable' && facts.vveApplies) {
    required.push({ approval: 'vve_consent', by: null, rule: first(cameras.vveConsent.rules) });
  }
  if (facts.staffInView) required.push({ approval: 'works_council_approval', by: null, rule: first(cameras.worksCouncil.rules) });
  if (facts.hidden && cameras.hidden.allowed !== 'never') {
    required.push({ approval: 'hidden_camera_suspicion', by: null, rule: first(cameras.hidden.rules) });
  }
  if (!facts.hidden && cameras.signage.required) required.push({ approval: 'signage', by: null, rule: first(cameras.signage.rules) });
  return required;
}

const approvalNames: Record<Approval, { nl: string; en: string }> = {
  proportionality_assessment: { nl: 'de afweging van noodzaak en proportionaliteit', en: 'the necessity and proportionality assessment' },
  dpia: { nl: 'de DPIA', en: 'the DPIA' },
  vve_consent: { nl: 'de toestemming van de VvE', en: 'the consent of the owners\u2019 association (VvE)' },
  works_council_approval: { nl: 'de instemming van de ondernemingsraad', en: 'the works council\u2019s approval' },
  hidden_camera_suspicion: { nl: 'de vastgelegde concrete verdenking', en: 'the recorded concrete suspicion' },
  signage: { nl: 'de borden of stickers', en: 'the signs or stickers' },
};

/** Whether a camera may start recording: refused, naming the rule, while an approval is missing. */
export function activationDecision(profile: ProtocolProfile, facts: CameraFacts, onRecord: ReadonlySet<Approval>): Evaluation {
  if (facts.hidden && profile.cameras.hidden.allowed === 'never') {
    const rule = profile.cameras.hidden.rules[0] ?? SILENT;
    return { allowed: false, rule, message: { nl: `Verborgen camera's zijn niet toegestaan (${rule}).`, en: `Hidden cameras are not allowed (${rule}).` }, conditions: [] };
  }
  const missing = requiredApprovals(profile, facts).find((required) => !onRecord.has(required.approval));
  if (missing) {
    const name = approvalNames[missing.approval];
    return {
      allowed: false,
      rule: missing.rule,
      message: { nl: `De camera mag pas opnemen als ${name.nl} is vastgelegd (${missing.rule}).`, en: `The camera may record only once ${name.en} is on record (${missing.rule}).` },
      conditions: [],
    };
  }
  return { allowed: true, rule: 'INV-8', message: { nl: 'Alle vereiste goedkeuringen zijn vastgelegd.', en: 'Every required approval is on record.' }, conditions: [] };
}
