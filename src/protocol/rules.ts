/**
 * Rule references. Every field of a protocol profile names the rule(s) it implements:
 *
 * - protocol rules from ../shared/spec/REQUIREMENTS.md (`DOM-5`, `MOZ-4.4`, `SOE-2/3`, …),
 * - cross-cutting requirements that apply to every protocol (`X-1` … `X-6`),
 * - articles of law, used where a seed is silent and the law fills the gap (`AVG-12.3`).
 *
 * Law references are a closed catalogue: a profile cannot cite an article that is not listed
 * here, so nothing is "invented" by a typo.
 */
export const protocolPrefixes = ['DOM', 'WEL', 'MOZ', 'SOE', 'WCP'] as const;
export type ProtocolPrefix = (typeof protocolPrefixes)[number];

export type LawText = { nl: string; en: string };

/** The articles of law a profile may fall back on, with a short description in both languages. */
export const lawReferences = {
  'AVG-5.1c': { nl: 'AVG art. 5 lid 1 sub c: dataminimalisatie', en: 'GDPR art. 5(1)(c): data minimisation' },
  'AVG-5.2': { nl: 'AVG art. 5 lid 2: verantwoordingsplicht', en: 'GDPR art. 5(2): accountability' },
  'AVG-6.1b': { nl: 'AVG art. 6 lid 1 sub b: uitvoering van een overeenkomst', en: 'GDPR art. 6(1)(b): performance of a contract' },
  'AVG-6.1e': { nl: 'AVG art. 6 lid 1 sub e: taak van algemeen belang', en: 'GDPR art. 6(1)(e): public task' },
  'AVG-6.1f': { nl: 'AVG art. 6 lid 1 sub f: gerechtvaardigd belang', en: 'GDPR art. 6(1)(f): legitimate interest' },
  'AVG-12.3': { nl: 'AVG art. 12 lid 3: besluit binnen één maand na ontvangst', en: 'GDPR art. 12(3): decision within one month of receipt' },
  'AVG-13': { nl: 'AVG art. 13: informatieplicht', en: 'GDPR art. 13: information to be provided' },
  'AVG-15': { nl: 'AVG art. 15: recht van inzage', en: 'GDPR art. 15: right of access' },
  'AVG-17': { nl: 'AVG art. 17: recht op gegevenswissing', en: 'GDPR art. 17: right to erasure' },
  'AVG-17.3': { nl: 'AVG art. 17 lid 3: geen wissing waar een wettelijke plicht of een rechtsvordering de gegevens nodig heeft', en: 'GDPR art. 17(3): no erasure where a legal obligation or legal claims need the data' },
  'AVG-18': { nl: 'AVG art. 18: recht op beperking van de verwerking', en: 'GDPR art. 18: right to restriction of processing' },
  'AVG-21': { nl: 'AVG art. 21: recht van bezwaar', en: 'GDPR art. 21: right to object' },
  'AVG-23': { nl: 'AVG art. 23: beperkingen van rechten', en: 'GDPR art. 23: restrictions of rights' },
  'AVG-24': { nl: 'AVG art. 24: verantwoordelijkheid van de verwerkingsverantwoordelijke', en: 'GDPR art. 24: responsibility of the controller' },
  'AVG-32': { nl: 'AVG art. 32: beveiliging van de verwerking', en: 'GDPR art. 32: security of processing' },
  'AVG-35': { nl: 'AVG art. 35: gegevensbeschermingseffectbeoordeling (DPIA)', en: 'GDPR art. 35: data protection impact assessment (DPIA)' },
  'AVG-77': { nl: 'AVG art. 77: klacht bij de toezichthoudende autoriteit', en: 'GDPR art. 77: complaint to the supervisory authority' },
  'SV-126nd': { nl: 'Wetboek van Strafvordering art. 126nd: vordering door de officier van justitie', en: 'Code of Criminal Procedure art. 126nd: order by the public prosecutor' },
  'SV-126nda': { nl: 'Wetboek van Strafvordering art. 126nda: vordering door de opsporingsambtenaar', en: 'Code of Criminal Procedure art. 126nda: order by an investigating officer' },
  'WOR-27': { nl: 'Wet op de ondernemingsraden art. 27: instemmingsrecht', en: 'Works Councils Act art. 27: right of consent' },
} as const satisfies Record<string, LawText>;

export type LawReference = keyof typeof lawReferences;

const protocolRulePattern = /^(DOM|WEL|MOZ|SOE|WCP)-\d+(?:\.\d+)?(?:\/\d+)?$/;
const requirementPattern = /^X-\d+$/;

export type RuleFamily = 'protocol' | 'requirement' | 'law';

/** The family of a rule ID, or null when it is not a rule ID at all. */
export function ruleFamily(id: string): RuleFamily | null {
  if (protocolRulePattern.test(id)) return 'protocol';
  if (requirementPattern.test(id)) return 'requirement';
  if (Object.hasOwn(lawReferences, id)) return 'law';
  return null;
}

/** The protocol prefix of a rule ID (`DOM` for `DOM-5`), or null for requirements and law. */
export function rulePrefix(id: string): ProtocolPrefix | null {
  const match = protocolRulePattern.exec(id);
  return match ? (match[1] as ProtocolPrefix) : null;
}

/**
 * Where a field's value comes from:
 * - `protocol`: the seed text says so (the first rule is one of the seed's own IDs);
 * - `requirement`: a cross-cutting requirement that applies to all protocols (first rule `X-n`);
 * - `law`: the seed is silent and the law fills the gap (first rule an article, e.g. `AVG-12.3`);
 * - `silent`: the seed says nothing and no statute fills the gap; the value is then the
 *   restrictive default (nothing is permitted that the seed does not permit) and `rules` is empty.
 */
export const ruleSources = ['protocol', 'requirement', 'law', 'silent'] as const;
export type RuleSource = (typeof ruleSources)[number];
