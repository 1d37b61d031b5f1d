import type { ProtocolProfile, RequestRule } from '../profile.schema.js';
import type { Deadline, Text } from '../provenance.schema.js';
import type { LawReference } from '../rules.js';
import type { Outcome, RequesterCategory } from '../vocabulary.js';

/**
 * Building blocks the five profiles share where the seeds are silent and the law (or a
 * cross-cutting requirement) fills the gap. Anything a seed says itself is written out in the
 * profile, not here.
 */
export const text = (nl: string, en: string): Text => ({ nl, en });

/** AVG art. 12(3): one month, where the seed sets no term of its own. */
export const avgDefaultDeadline: Deadline = {
  kind: 'avg_default',
  rules: ['AVG-12.3'],
  source: 'law',
  note: 'The seed sets no term; AVG art. 12(3) gives one month from receipt.',
};

/** A police order (vordering) names its own delivery date; the protocol adds none. */
export function vorderingDeadline(rules: string[], source: 'protocol' | 'law'): Deadline {
  return {
    kind: 'none',
    setBy: 'requester',
    rules,
    source,
    note: 'The protocol sets no term: the vordering (art. 126nd/126nda Sv) states its own delivery date.',
  };
}

/** A data-subject right the seed does not mention: the AVG article applies, with the default deadline. */
export function avgRight(article: LawReference, outcome: Outcome, filedBy: RequesterCategory[] = ['data_subject']): RequestRule {
  return {
    allowed: true,
    filedBy,
    conditions: ['identity_check'],
    outcomes: [outcome, 'refusal_with_reasons'],
    refusalGrounds: [],
    documents: ['decision_letter'],
    deadline: avgDefaultDeadline,
    rules: [article, 'X-5'],
    source: 'law',
    note: 'The seed does not mention this right; the AVG provides it.',
  };
}

/** A request kind the protocol rules out. */
export function notAllowed(rules: string[], note: string): RequestRule {
  return {
    allowed: false,
    filedBy: [],
    conditions: [],
    outcomes: [],
    refusalGrounds: [],
    documents: [],
    deadline: null,
    rules,
    source: 'protocol',
    note,
  };
}

/** The confidential logboek of X-1, for seeds that add nothing to it. */
export const requirementLogbook: ProtocolProfile['logbook'] = {
  events: [],
  confidential: true,
  rules: ['X-1'],
  source: 'requirement',
  note: 'The seed adds nothing to the cross-cutting logboek of X-1.',
};

/** Complaints: the right to complain to the Autoriteit Persoonsgegevens, where the seed is silent. */
export const lawComplaints: ProtocolProfile['complaints'] = {
  toOrganisation: false,
  escalation: 'autoriteit_persoonsgegevens',
  rules: ['AVG-77'],
  source: 'law',
  note: 'The seed names no complaints route; anyone may complain to the Autoriteit Persoonsgegevens.',
};

export const singleProtocol: ProtocolProfile['sites'] = {
  perSiteProtocol: false,
  rules: [],
  source: 'silent',
  note: 'One protocol for all sites; a site may still tighten it (site-override.ts).',
};

export const noUnforeseenRule: ProtocolProfile['unforeseen'] = {
  decidedBy: null,
  advisedBy: [],
  rules: [],
  source: 'silent',
  note: 'The seed does not say who decides cases it does not foresee.',
};

export const noFourEyes: ProtocolProfile['thirdParty']['fourEyes'] = {
  required: false,
  rules: [],
  source: 'silent',
  note: 'The seed requires no second approver for a provision.',
};

export const noVveRule: ProtocolProfile['cameras']['vveConsent'] = {
  when: 'not_stated',
  rules: [],
  source: 'silent',
  note: 'The seed does not mention owners\u2019 associations (VvE).',
};

export const lawDpia: ProtocolProfile['cameras']['dpia'] = {
  when: 'systematic_large_scale_public',
  rules: ['AVG-35'],
  source: 'law',
  note: 'The seed is silent; art. 35(3)(c) AVG requires a DPIA for systematic large-scale monitoring of publicly accessible areas.',
};

export const lawWorksCouncil: ProtocolProfile['cameras']['worksCouncil'] = {
  when: 'staff_in_view',
  rules: ['WOR-27'],
  source: 'law',
  note: 'The seed is silent; a camera that can follow staff is a staff-monitoring system needing works-council consent.',
};

export const noDummies = (note: string): ProtocolProfile['cameras']['dummies'] => ({
  allowed: false,
  disclosed: true,
  rules: [],
  source: 'silent',
  note,
});

export const eitherRecordingMode: ProtocolProfile['retention']['recording'] = {
  mode: 'either',
  rules: [],
  source: 'silent',
  note: 'The seed does not say whether cameras record continuously or on motion; chosen per camera.',
};

/** Logboek permissions of X-1 (confidential: privacy officer and auditor/FG). */
export function logbookGrants(readers: ProtocolProfile['grants'][number]['roles']): ProtocolProfile['grants'] {
  return [
    { permission: 'read_logbook', roles: readers, rules: ['X-1'], source: 'requirement' },
    { permission: 'export_logbook', roles: readers, rules: ['X-1'], source: 'requirement' },
    { permission: 'verify_logbook', roles: ['admin', ...readers], rules: ['X-1'], source: 'requirement' },
  ];
}

/** MFA for every account: the seeds ask at most for a password; art. 32 AVG asks for appropriate security. */
export function mfaFor(roles: ProtocolProfile['mfa']['roles'], rules: string[] = ['AVG-32']): ProtocolProfile['mfa'] {
  return {
    roles,
    rules,
    source: 'law',
    note: 'No seed requires a second factor; the product requires it of every account that can see footage or administer the system, as appropriate security under art. 32 AVG.',
  };
}
