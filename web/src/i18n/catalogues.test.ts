import { describe, expect, it } from 'vitest';
import nl from './nl.json';
import en from './en.json';
import { loginOutcomes, roles } from '../api/types';

type Tree = { [key: string]: string | Tree };

/** Every leaf key as a dotted path, with its text. */
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const catalogues = { nl: leaves(nl as Tree), en: leaves(en as Tree) };
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

// The UI's own source, read through Vite so that this test needs no Node typings in the web tsconfig.
const sources = import.meta.glob(['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts', '!../**/*.d.ts'], { query: '?raw', import: 'default', eager: true }) as Record<
  string,
  string
>;

/** The string literals in the first argument of every t(…) call, and the fixed prefixes of template literals there. */
function keysUsed(): { literal: Set<string>; prefixes: Set<string> } {
  const literal = new Set<string>();
  const prefixes = new Set<string>();
  for (const source of Object.values(sources)) {
    for (const call of source.matchAll(/\bt\(([^,)]*)/g)) {
      const arg = call[1] ?? '';
      for (const m of arg.matchAll(/'([^']+)'/g)) literal.add(m[1]!);
      for (const m of arg.matchAll(/`([^`$]*)\$\{/g)) prefixes.add(m[1]!.replace(/\.$/, ''));
    }
  }
  return { literal, prefixes };
}

describe('message catalogues', () => {
  it('have the same keys in Dutch and English', () => {
    const onlyNl = [...catalogues.nl.keys()].filter((k) => !catalogues.en.has(k));
    const onlyEn = [...catalogues.en.keys()].filter((k) => !catalogues.nl.has(k));
    expect({ onlyNl, onlyEn }).toEqual({ onlyNl: [], onlyEn: [] });
  });

  it('have no empty texts', () => {
    for (const [language, catalogue] of Object.entries(catalogues)) {
      const empty = [...catalogue].filter(([, text]) => !text.trim()).map(([key]) => `${language}:${key}`);
      expect(empty).toEqual([]);
    }
  });

  it('use the same placeholders in both languages', () => {
    const differing = [...catalogues.nl]
      .filter(([key, text]) => JSON.stringify(placeholders(text)) !== JSON.stringify(placeholders(catalogues.en.get(key) ?? '')))
      .map(([key]) => key);
    expect(differing).toEqual([]);
  });

  it('name every role and every login outcome the server knows', () => {
    const missing = [...roles.map((r) => `roles.${r}`), ...loginOutcomes.map((o) => `loginAttempts.outcome.${o}`)].filter(
      (key) => !catalogues.nl.has(key),
    );
    expect(missing).toEqual([]);
  });

  it('contain every key the UI asks for', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(10);
    const { literal, prefixes } = keysUsed();
    expect(literal.size).toBeGreaterThan(50);
    const missing = [...literal].filter((key) => !catalogues.nl.has(key) && !key.startsWith('errors.codes.'));
    expect(missing).toEqual([]);
    const missingPrefixes = [...prefixes].filter((prefix) => ![...catalogues.nl.keys()].some((key) => key.startsWith(`${prefix}.`)));
    expect(missingPrefixes).toEqual([]);
  });
});
