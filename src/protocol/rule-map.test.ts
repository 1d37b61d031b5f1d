import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ProtocolProfile } from './profile.schema.js';
import { getProfile, shippedProfiles } from './profiles/index.js';
import { protocolsDocPath, renderProtocolsDoc } from './protocols-doc.js';
import { ruleMap } from './rule-map.js';
import { ruleFamily } from './rules.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * REQUIREMENTS.md lives in the shared folder beside the repository (`<repo>/../shared`, also in
 * CI's fresh clone); TOEZICHT_REQUIREMENTS overrides, `<repo>/shared` is the device-machine copy.
 */
function requirementsPath(): string {
  const candidates = [
    process.env.TOEZICHT_REQUIREMENTS,
    join(repoRoot, '..', 'shared', 'spec', 'REQUIREMENTS.md'),
    join(repoRoot, 'shared', 'spec', 'REQUIREMENTS.md'),
  ].filter((path): path is string => typeof path === 'string' && path.length > 0);
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new Error(`REQUIREMENTS.md not found; looked in: ${candidates.join(', ')}`);
  return found;
}

const requirementIds = readFileSync(requirementsPath(), 'utf8')
  .split('\n')
  .map((line) => /^- ((?:DOM|WEL|MOZ|SOE|WCP|X)-\d[\d./]*)\s/.exec(line)?.[1])
  .filter((id): id is string => id !== undefined);

/** The key an array element is addressed by in a field path. */
function keyOf(element: Record<string, unknown>): unknown {
  for (const key of ['id', 'permission', 'category', 'limit', 'measure', 'event', 'reason', 'trigger', 'basis', 'ground']) {
    if (key in element) return element[key];
  }
  return undefined;
}

/** The rules of the deepest node with `rules` on the path, or an error naming the missing step. */
function rulesAt(profile: ProtocolProfile, path: string): string[] | string {
  let node: unknown = profile;
  let rules: string[] | null = null;
  for (const step of path.split('.')) {
    if (Array.isArray(node)) node = node.find((element) => keyOf(element as Record<string, unknown>) === step);
    else if (node !== null && typeof node === 'object') node = (node as Record<string, unknown>)[step];
    else node = undefined;
    if (node === undefined) return `no '${step}' on the path ${path}`;
    if (node !== null && typeof node === 'object' && Array.isArray((node as { rules?: unknown }).rules)) {
      rules = (node as { rules: string[] }).rules;
    }
  }
  return rules ?? `no rules on the path ${path}`;
}

/** Every protocol or requirement rule a profile cites anywhere. */
function citedRules(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((item) => citedRules(item, found));
  else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'rules' && Array.isArray(value)) value.forEach((id) => ruleFamily(id) !== 'law' && found.add(id));
      else citedRules(value, found);
    }
  }
  return found;
}

const decodeEscapes = (source: string) => source.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

describe('rule map (docs/protocols.md)', () => {
  it('reads all the rule IDs of REQUIREMENTS.md', () => {
    expect(requirementIds.length).toBeGreaterThanOrEqual(80);
    expect(requirementIds).toContain('SOE-2/3');
    expect(new Set(requirementIds).size).toBe(requirementIds.length);
  });

  it('every rule ID in REQUIREMENTS.md has a mapping, and the map names no other', () => {
    expect(requirementIds.filter((id) => !(id in ruleMap))).toEqual([]);
    expect(Object.keys(ruleMap).filter((id) => !requirementIds.includes(id))).toEqual([]);
  });

  it('every mapping has a proof: a test, a register record or a planned issue', () => {
    for (const [id, mapping] of Object.entries(ruleMap)) expect(mapping.proofs.length, id).toBeGreaterThan(0);
  });

  it('every test a mapping names exists and contains that test name', () => {
    const problems: string[] = [];
    for (const [id, mapping] of Object.entries(ruleMap)) {
      for (const proof of mapping.proofs) {
        if (proof.kind !== 'test') continue;
        const file = join(repoRoot, proof.file);
        if (!existsSync(file)) problems.push(`${id}: ${proof.file} does not exist`);
        else if (!decodeEscapes(readFileSync(file, 'utf8')).includes(`'${proof.name}'`)) problems.push(`${id}: no test '${proof.name}' in ${proof.file}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('every profile field a mapping names exists and carries the rule ID', () => {
    const problems: string[] = [];
    for (const [id, mapping] of Object.entries(ruleMap)) {
      for (const field of mapping.fields) {
        const [profileId = '', path = ''] = field.split(/:(.*)/s);
        const profiles = profileId === '*' ? shippedProfiles : [getProfile(profileId)];
        for (const profile of profiles) {
          if (!profile) {
            problems.push(`${id}: no profile '${profileId}'`);
            continue;
          }
          const rules = rulesAt(profile, path);
          if (typeof rules === 'string') problems.push(`${id}: ${profile.id}: ${rules}`);
          else if (!rules.includes(id)) problems.push(`${id}: ${profile.id}:${path} carries ${rules.join(', ') || 'no rules'}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('the profiles cite no protocol rule that REQUIREMENTS.md lacks', () => {
    for (const profile of shippedProfiles) {
      expect([...citedRules(profile)].filter((id) => !requirementIds.includes(id)), profile.id).toEqual([]);
    }
  });

  it('docs/protocols.md is up to date (regenerate: npx tsx scripts/gen-protocol-docs.ts)', () => {
    const committed = readFileSync(join(repoRoot, protocolsDocPath), 'utf8');
    expect(committed === renderProtocolsDoc(), 'docs/protocols.md differs from the generator output').toBe(true);
  });
});
