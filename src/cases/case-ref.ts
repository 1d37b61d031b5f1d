import crypto from 'node:crypto';
import { amsterdamDate } from '../protocol/calendar.js';

/**
 * Case references: a prefix, the year of receipt and six random characters (VZ-2026-7K3QX9).
 * Random rather than sequential, so a reference says nothing about how many cases there are,
 * and cannot be guessed from another; it grants nothing by itself.
 */
export const refPrefixes = { request: 'VZ', incident: 'IN', complaint: 'KL' } as const;
export type CaseType = keyof typeof refPrefixes;

// No 0/O, 1/I/L: read aloud over the phone without confusion.
const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export function newCaseRef(type: CaseType, at: Date, random: (n: number) => Buffer = crypto.randomBytes): string {
  const bytes = random(6);
  const code = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  return `${refPrefixes[type]}-${amsterdamDate(at).slice(0, 4)}-${code}`;
}

export const caseRefPattern = /^(VZ|IN|KL)-\d{4}-[2-9A-HJKMNP-Z]{6}$/;
