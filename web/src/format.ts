import type { Language } from './i18n';

/** All times are shown in Dutch local time, whatever the browser's own time zone. */
export const timeZone = 'Europe/Amsterdam';

const locales: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };

export function formatDateTime(iso: string | null | undefined, language: Language): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locales[language], { timeZone, dateStyle: 'medium', timeStyle: 'medium' }).format(date);
}

export function formatDate(iso: string | null | undefined, language: Language): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locales[language], { timeZone, dateStyle: 'medium' }).format(date);
}

export function formatNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(locales[language]).format(value);
}

const partsFormat = new Intl.DateTimeFormat('en-US', {
  timeZone,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Minutes Amsterdam is ahead of UTC at the given instant (60 in winter, 120 in summer). */
function amsterdamOffsetMinutes(instant: number): number {
  const parts = partsFormat.formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((wall - Math.floor(instant / 1000) * 1000) / 60_000);
}

/**
 * Reads a wall-clock time in Amsterdam ("2025-03-30", "2025-03-30T14:05" or with seconds, as
 * date and datetime-local inputs give) and returns the instant as ISO-8601 UTC; null when unreadable.
 */
export function amsterdamToIso(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(wall)) return null;
  // Two rounds settle the offset on either side of a daylight-saving change.
  let instant = wall - amsterdamOffsetMinutes(wall) * 60_000;
  instant = wall - amsterdamOffsetMinutes(instant) * 60_000;
  return new Date(instant).toISOString();
}

/** A one-line summary of a logboek subject object: `key: value` pairs, nested values as JSON. */
export function summariseSubject(subject: unknown, max = 160): string {
  if (subject === null || subject === undefined) return '';
  if (typeof subject !== 'object') return String(subject);
  const text = Object.entries(subject as Record<string, unknown>)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join(', ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
