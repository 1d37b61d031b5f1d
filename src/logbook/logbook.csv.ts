import { canonicalJson } from './logbook.js';
import type { LogbookEntry } from './logbook.entry.js';

/** Column order of the logboek export; the chain fields come last so an auditor can re-check hashes. */
const columns = ['seq', 'at', 'actor_id', 'actor_name', 'actor_role', 'action', 'subject', 'reason', 'case_ref', 'ip', 'prev_hash', 'hash'] as const;

function cellsOf(e: LogbookEntry): (string | number | null)[] {
  return [e.seq, e.at, e.actorId, e.actorName, e.actorRole, e.action, canonicalJson(e.subject), e.reason, e.caseRef, e.ip, e.prevHash, e.hash];
}

/**
 * One CSV cell. Text that a spreadsheet would run as a formula (starting with = + - @, or a
 * tab / carriage return) gets a leading apostrophe (OWASP "CSV injection"); then RFC 4180
 * quoting when the text holds a quote, comma or line break.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 CSV: a header row, CRLF line ends, one row per entry. */
export function entriesToCsv(entries: readonly LogbookEntry[]): string {
  const lines = [columns.join(',')];
  for (const entry of entries) lines.push(cellsOf(entry).map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
