import type { z } from 'zod';
import type { Role } from '../auth/roles.js';
import type { ProtocolProfile } from './profile.schema.js';
import { ruleFamily, rulePrefix, type RuleSource } from './rules.js';
import { basePermissions, requestKinds, dataSubjectRequestKinds } from './vocabulary.js';

type Path = (string | number)[];
type Report = (message: string, path: Path) => void;

/**
 * Cross-field checks of a profile, run by the schema after the shape is valid:
 * provenance is consistent, protocol rules belong to this organisation, every role used is
 * declared, every permission has exactly one grant, and every allowed request kind has a decider.
 */
export function checkProfile(profile: ProtocolProfile, ctx: z.RefinementCtx): void {
  const report: Report = (message, path) => ctx.addIssue({ code: 'custom', message, path });
  checkProvenance(profile, profile.organisation.rulePrefix, [], report);
  checkRoles(profile, report);
  checkGrants(profile, report);
  checkRequests(profile, report);
  checkIncidents(profile, report);
}

/** Each incident type is listed once, and one reported elsewhere too is one the profile covers. */
function checkIncidents(profile: ProtocolProfile, report: Report): void {
  const incidents = profile.incidents;
  if (!incidents) return;
  const seen = new Set<string>();
  incidents.types.forEach((entry, index) => {
    if (seen.has(entry.type)) report(`incident type ${entry.type} listed twice`, ['incidents', 'types', index, 'type']);
    seen.add(entry.type);
  });
  incidents.alsoReportedUnder.forEach((entry, index) => {
    entry.types.forEach((type, at) => {
      if (!seen.has(type)) report(`incident type ${type} is not one the profile covers`, ['incidents', 'alsoReportedUnder', index, 'types', at]);
    });
  });
}

function checkProvenance(node: unknown, prefix: string, path: Path, report: Report): void {
  if (Array.isArray(node)) {
    node.forEach((item, index) => checkProvenance(item, prefix, [...path, index], report));
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  const rules = Array.isArray(record.rules) ? (record.rules as string[]) : null;
  if (rules) {
    rules.forEach((id, index) => {
      const own = rulePrefix(id);
      if (own !== null && own !== prefix) report(`rule ${id} belongs to another protocol than ${prefix}`, [...path, 'rules', index]);
    });
    if (typeof record.source === 'string') checkSource(record.source as RuleSource, rules, record.note, path, report);
  }
  for (const [key, value] of Object.entries(record)) {
    if (key !== 'rules') checkProvenance(value, prefix, [...path, key], report);
  }
}

function checkSource(source: RuleSource, rules: string[], note: unknown, path: Path, report: Report): void {
  if (source === 'silent') {
    if (rules.length > 0) report('a silent field cites no rules', [...path, 'rules']);
    if (typeof note !== 'string') report('a silent field explains itself in a note', [...path, 'note']);
    return;
  }
  const first = rules[0];
  if (first === undefined) {
    report(`a field with source '${source}' names at least one rule`, [...path, 'rules']);
    return;
  }
  if (ruleFamily(first) !== source) report(`source '${source}' but the first rule ${first} is ${ruleFamily(first)}`, [...path, 'source']);
}

function checkRoles(profile: ProtocolProfile, report: Report): void {
  const declared = new Set<Role>();
  profile.roles.items.forEach((item, index) => {
    if (declared.has(item.id)) report(`role ${item.id} declared twice`, ['roles', 'items', index, 'id']);
    declared.add(item.id);
  });
  const use = (role: Role | null, path: Path) => {
    if (role !== null && !declared.has(role)) report(`role ${role} is not declared in roles`, path);
  };
  profile.grants.forEach((grant, index) => grant.roles.forEach((role, at) => use(role, ['grants', index, 'roles', at])));
  profile.mfa.roles.forEach((role, at) => use(role, ['mfa', 'roles', at]));
  profile.viewing.reasons.forEach((reason, index) => reason.roles?.forEach((role, at) => use(role, ['viewing', 'reasons', index, 'roles', at])));
  use(profile.cameras.proportionality.assessedBy, ['cameras', 'proportionality', 'assessedBy']);
  use(profile.unforeseen.decidedBy, ['unforeseen', 'decidedBy']);
  profile.unforeseen.advisedBy.forEach((role, at) => use(role, ['unforeseen', 'advisedBy', at]));
}

function checkGrants(profile: ProtocolProfile, report: Report): void {
  const seen = new Set<string>();
  profile.grants.forEach((grant, index) => {
    if (seen.has(grant.permission)) report(`permission ${grant.permission} granted twice`, ['grants', index, 'permission']);
    seen.add(grant.permission);
    if (grant.source === 'silent') report('a grant names the rule that a denial will cite', ['grants', index, 'source']);
  });
  for (const permission of basePermissions) {
    if (!seen.has(permission)) report(`permission ${permission} has no grant (give it roles: [] to refuse it)`, ['grants']);
  }
}

function checkRequests(profile: ProtocolProfile, report: Report): void {
  for (const kind of requestKinds) {
    const rule = profile.requests[kind];
    const path = ['requests', kind];
    const decide = profile.grants.find((grant) => grant.permission === `decide:${kind}`);
    if (rule.allowed) {
      if (rule.deadline === null) report('an allowed request kind has a deadline', [...path, 'deadline']);
      if (rule.filedBy.length === 0) report('an allowed request kind says who may file it', [...path, 'filedBy']);
      if (!decide || decide.roles.length === 0) report(`no role may decide ${kind} requests (grant decide:${kind})`, ['grants']);
    } else {
      if (rule.deadline !== null) report('a forbidden request kind has no deadline', [...path, 'deadline']);
      if (decide && decide.roles.length > 0) report(`decide:${kind} is granted but the kind is not allowed`, ['grants']);
    }
    const deadline = rule.deadline;
    if (deadline?.kind === 'avg_default') {
      if (deadline.rules[0] !== 'AVG-12.3') report('the AVG default deadline cites AVG-12.3 first', [...path, 'deadline', 'rules']);
      if (!dataSubjectRequestKinds.includes(kind)) report('AVG art. 12(3) applies to data-subject requests only', [...path, 'deadline', 'kind']);
    }
  }
}
