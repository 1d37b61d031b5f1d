import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ProtocolProfile } from '../profile.schema.js';
import { domijn, mozaiek, shippedProfiles, soest, welwonen, wooncompas } from '../profiles/index.js';
import type { Language, ProtocolDocument } from './document-model.js';
import { protocolDocument } from './protocol-document.js';
import { renderProtocolHtml } from './protocol-html.js';
import type { PublicCamera } from './public-camera.js';

const cameras: PublicCamera[] = [
  { siteName: 'Complex De Linde', location: 'Entree, hoofdingang', purposes: [{ nl: 'Eigendom beschermen', en: 'Protect property' }] },
  { siteName: 'Complex De Linde', location: 'Fietsenkelder', purposes: [{ nl: 'Eigendom beschermen', en: 'Protect property' }], dummy: true },
];

const documentOf = (profile: ProtocolProfile, language: Language = 'nl', list: PublicCamera[] = cameras) => protocolDocument({ profile, language, cameras: list });

/** All the words of the document, as a reader sees them. */
function wordsOf(document: ProtocolDocument): string {
  const parts = [document.title, document.summary];
  for (const section of document.sections) {
    parts.push(section.title);
    for (const block of section.blocks) {
      if (block.kind === 'paragraph') parts.push(block.text);
      if (block.kind === 'list') parts.push(...block.items);
      if (block.kind === 'table') parts.push(block.caption, ...block.columns, ...block.rows.flat());
    }
  }
  return parts.join('\n');
}

const section = (document: ProtocolDocument, id: string) => wordsOf({ ...document, title: '', summary: '', sections: document.sections.filter((s) => s.id === id) });

describe('the public protocol page (issue 3 item 9)', () => {
  it.each(shippedProfiles.map((p) => [p.id, p] as const))('%s: states version and effective date, in Dutch and in English', (_, profile) => {
    const effective = { ...profile, version: { ...profile.version, effectiveFrom: '2026-03-02' } };
    expect(documentOf(effective).summary).toBe(`Versie ${profile.version.profile}, geldig vanaf 2 maart 2026.`);
    expect(documentOf(effective, 'en').summary).toBe(`Version ${profile.version.profile}, in force from 2 March 2026.`);
    expect(documentOf(effective).sections.map((s) => s.id)).toEqual(['about', 'purposes', 'viewers', 'retention', 'rights', 'provision', 'cameras', 'complaints']);
  });

  it('SOE-13: Soest states the date its regeling took effect', () => {
    expect(documentOf(soest).summary).toBe('Versie 1.0.0, geldig vanaf 2 augustus 2025.');
  });

  it('states the deadlines the profile sets for requests', () => {
    expect(section(documentOf(mozaiek), 'rights')).toContain('binnen 5 werkdagen');
    expect(section(documentOf(welwonen), 'rights')).toContain('binnen 4 weken');
    expect(section(documentOf(domijn), 'rights')).toContain('binnen een maand (AVG art. 12 lid 3)');
    expect(section(documentOf(domijn, 'en'), 'rights')).toContain('within one month (GDPR art. 12(3))');
    expect(section(documentOf(domijn), 'rights')).toContain('De beelden bestaan niet meer');
  });

  it('states retention, who may see footage and the purposes from the profile', () => {
    expect(section(documentOf(wooncompas), 'retention')).toContain('na ten hoogste 7 dagen');
    expect(section(documentOf(wooncompas), 'retention')).toContain('uiterlijk tot er een onherroepelijke uitspraak is');
    expect(section(documentOf(domijn), 'viewers')).toContain('Bevoegde opsporingsambtenaar van politie');
    for (const purpose of soest.purposes.items) expect(section(documentOf(soest, 'en'), 'purposes')).toContain(purpose.label.en);
  });

  it('DOM-5 and WCP-9: provision follows the profile (no insurer under Domijn, an insurer under Wooncompas)', () => {
    const row = (profile: ProtocolProfile) => {
      const table = documentOf(profile, 'en').sections.find((s) => s.id === 'provision')!.blocks.find((b) => b.kind === 'table');
      return table?.kind === 'table' ? table.rows.find((r) => r[0] === 'An insurer') : undefined;
    };
    expect(row(domijn)?.[1]).toBe('no');
    expect(row(wooncompas)?.[1]).toBe('yes');
  });

  it('MOZ-3.3: an undisclosed dummy camera stays off the public list; the list says dummies are used', () => {
    const words = section(documentOf(mozaiek), 'cameras');
    expect(words).toContain('Entree, hoofdingang');
    expect(words).not.toContain('Fietsenkelder');
    expect(words).toContain('Er worden ook nepcamera\u2019s gebruikt');
  });

  it('a dummy the profile discloses is listed as a dummy', () => {
    const disclosing = { ...mozaiek, cameras: { ...mozaiek.cameras, dummies: { ...mozaiek.cameras.dummies, disclosed: true } } };
    expect(section(documentOf(disclosing, 'en'), 'cameras')).toContain('Fietsenkelder (dummy camera)');
  });

  it('an empty or unpublished camera list is said, not left blank', () => {
    expect(section(documentOf(domijn, 'nl', []), 'cameras')).toContain('Er staan nog geen camera\u2019s in het openbare overzicht.');
    const closed = { ...domijn, publication: { ...domijn.publication, cameraListPublic: false } };
    expect(section(documentOf(closed), 'cameras')).toContain('wordt niet openbaar gemaakt');
    expect(section(documentOf(closed), 'cameras')).not.toContain('Entree');
  });

  it('WCP-12: the page says the protocol is on the website and how tenants are told', () => {
    const about = section(documentOf(wooncompas), 'about');
    expect(about).toContain('op de website, bij het begin van de huur, per brief aan huurders en met borden bij de camera\u2019s');
    expect(section(documentOf(wooncompas, 'en'), 'about')).toContain('on the website, at the start of the tenancy, by letter to tenants and with signs near the cameras');
  });

  it('MOZ-8 and WCP-13: complaints go to the organisation first, then to the Autoriteit Persoonsgegevens', () => {
    expect(section(documentOf(mozaiek), 'complaints')).toContain('Dien dan eerst een klacht in bij Mozaiek Wonen');
    expect(section(documentOf(wooncompas, 'en'), 'complaints')).toContain('first complain to Wooncompas');
    expect(section(documentOf(domijn), 'complaints')).toContain('Autoriteit Persoonsgegevens (AVG art. 77)');
  });

  it('escapes the data it shows in HTML', () => {
    const html = renderProtocolHtml(
      documentOf(domijn, 'nl', [{ siteName: '<script>alert(1)</script>', location: 'A & B', purposes: [] }]),
      { otherLanguage: '/protocol?lang=en', pdf: '/protocol.pdf' },
      '2026-03-02',
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('A &amp; B');
    expect(html).toMatch(/^<!doctype html>\n<html lang="nl">/);
  });
});

/** The seed texts (beside the repository, as REQUIREMENTS.md), or none where they are not at hand. */
function seedTexts(): string[] {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  const dir = [join(root, '..', 'shared', 'seeds'), join(root, 'shared', 'seeds')].find((path) => existsSync(path));
  return dir ? readdirSync(dir).map((file) => readFileSync(join(dir, file), 'utf8')) : [];
}

const normalise = (text: string) => text.toLowerCase().replace(/[\u2018\u2019']/g, "'").replace(/[^a-z0-9\u00e0-\u00ff']+/g, ' ').trim().split(' ').filter(Boolean);

function shingles(words: string[], size: number): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + size <= words.length; i++) out.add(words.slice(i, i + size).join(' '));
  return out;
}

describe('the public page is written in its own words', () => {
  const seeds = seedTexts();
  it.skipIf(seeds.length === 0).each(shippedProfiles.map((p) => [p.id, p] as const))('%s: no run of eight words is copied from a seed text', (_, profile) => {
    const seedShingles = new Set(seeds.flatMap((seed) => [...shingles(normalise(seed), 8)]));
    const copied = [...shingles(normalise(wordsOf(documentOf(profile))), 8)].filter((run) => seedShingles.has(run));
    expect(copied).toEqual([]);
  });
});
