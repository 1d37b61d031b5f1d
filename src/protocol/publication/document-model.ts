import type { Text } from '../provenance.schema.js';
import { ruleFamily } from '../rules.js';

/**
 * The public protocol (issue 3 item 9; MOZ-7, WCP-12, X-6) as a document: sections of
 * paragraphs, lists and tables, composed from the profile in force. The HTML page and the PDF
 * both render this one structure, so they cannot say different things.
 */
export type Language = 'nl' | 'en';

export type Block =
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  /** The first cell of each row heads that row. */
  | { kind: 'table'; caption: string; columns: string[]; rows: string[][] };

export interface DocumentSection {
  id: string;
  title: string;
  /** The protocol rules the section is drawn from (shown, so that a reader can trace them). */
  rules: string[];
  blocks: Block[];
}

export interface ProtocolDocument {
  language: Language;
  organisation: string;
  title: string;
  /** The profile's version string and the date it took effect. */
  version: string;
  effectiveFrom: string | null;
  /** The site this page is for, where it is a site's protocol (DOM-12). */
  siteName: string | null;
  summary: string;
  sections: DocumentSection[];
}

/** Picks the words of the page's language. */
export type Say = (text: Text) => string;
export const sayIn = (language: Language): Say => (text) => text[language];
export const both = (nl: string, en: string): Text => ({ nl, en });

/** The protocol and requirement rules of fields, without the law articles (named in the text where they matter). */
export function protocolRules(...lists: readonly (readonly string[])[]): string[] {
  return [...new Set(lists.flat().filter((id) => ruleFamily(id) !== 'law'))];
}
