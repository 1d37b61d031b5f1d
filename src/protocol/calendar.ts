import type { Text } from './provenance.schema.js';

/**
 * The working-day calendar of the Algemene termijnenwet (X-4, INV-7), on plain calendar dates
 * ("YYYY-MM-DD") in Europe/Amsterdam. Arithmetic runs on UTC midnights, so daylight saving time
 * never shifts a day.
 */
export type IsoDate = string;

export interface HolidayRule {
  id: string;
  name: Text;
  /** The day this holiday falls on in the given year. */
  on(year: number): IsoDate;
}

export interface Calendar {
  holidays: readonly HolidayRule[];
  /** Days equated with holidays by a decree under art. 3(3) Algemene termijnenwet, if any. */
  extraDays: readonly { date: IsoDate; name: Text }[];
}

const DAY_MS = 86_400_000;

function toUtc(date: IsoDate): Date {
  return new Date(`${date}T00:00:00Z`);
}

function fromUtc(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

export function isoDate(year: number, month: number, day: number): IsoDate {
  return fromUtc(new Date(Date.UTC(year, month - 1, day)));
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromUtc(new Date(toUtc(date).getTime() + days * DAY_MS));
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  return toUtc(date).getUTCDay();
}

const weekdayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

export function weekdayName(date: IsoDate): string {
  return weekdayNames[weekday(date)] ?? '';
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Easter Sunday in the Gregorian calendar (the anonymous algorithm of Meeus, Jones and Butcher). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDate(year, month, day);
}

/** King's Day: 27 April, or 26 April when the 27th is a Sunday (from 2014; before, Queen's Day on 30 April or 29 April). */
function kingsDay(year: number): IsoDate {
  const [day, fallback] = year >= 2014 ? [27, 26] : [30, 29];
  const date = isoDate(year, 4, day);
  return weekday(date) === 0 ? isoDate(year, 4, fallback) : date;
}

/** The general holidays of art. 3(1) Algemene termijnenwet. Good Friday is not among them. */
export const algemeneTermijnenwetHolidays: readonly HolidayRule[] = [
  { id: 'new_year', name: { nl: 'Nieuwjaarsdag', en: 'New Year\u2019s Day' }, on: (year) => isoDate(year, 1, 1) },
  { id: 'easter_monday', name: { nl: 'Tweede Paasdag', en: 'Easter Monday' }, on: (year) => addDays(easterSunday(year), 1) },
  { id: 'kings_day', name: { nl: 'Koningsdag', en: 'King\u2019s Day' }, on: kingsDay },
  { id: 'liberation_day', name: { nl: '5 mei (Bevrijdingsdag)', en: '5 May (Liberation Day)' }, on: (year) => isoDate(year, 5, 5) },
  { id: 'ascension_day', name: { nl: 'Hemelvaartsdag', en: 'Ascension Day' }, on: (year) => addDays(easterSunday(year), 39) },
  { id: 'whit_monday', name: { nl: 'Tweede Pinksterdag', en: 'Whit Monday' }, on: (year) => addDays(easterSunday(year), 50) },
  { id: 'christmas_day', name: { nl: 'Eerste Kerstdag', en: 'Christmas Day' }, on: (year) => isoDate(year, 12, 25) },
  { id: 'boxing_day', name: { nl: 'Tweede Kerstdag', en: 'Boxing Day' }, on: (year) => isoDate(year, 12, 26) },
];

export const dutchCalendar: Calendar = { holidays: algemeneTermijnenwetHolidays, extraDays: [] };

/** A calendar with more days equated with holidays (data, not code). */
export function withExtraDays(calendar: Calendar, extraDays: Calendar['extraDays']): Calendar {
  return { holidays: calendar.holidays, extraDays: [...calendar.extraDays, ...extraDays] };
}

/** The holiday on this date, or null. */
export function holidayOn(date: IsoDate, calendar: Calendar = dutchCalendar): Text | null {
  const year = Number(date.slice(0, 4));
  const rule = calendar.holidays.find((holiday) => holiday.on(year) === date);
  if (rule) return rule.name;
  return calendar.extraDays.find((extra) => extra.date === date)?.name ?? null;
}

/** Why a date is not a working day (e.g. "Saturday", "Easter Monday"), or null when it is one. */
export function nonWorkingReason(date: IsoDate, calendar: Calendar = dutchCalendar): string | null {
  const day = weekday(date);
  if (day === 0 || day === 6) return weekdayName(date);
  return holidayOn(date, calendar)?.en ?? null;
}

export function isWorkingDay(date: IsoDate, calendar: Calendar = dutchCalendar): boolean {
  return nonWorkingReason(date, calendar) === null;
}

/** The date itself when it is a working day, else the next working day. */
export function onOrNextWorkingDay(date: IsoDate, calendar: Calendar = dutchCalendar): IsoDate {
  let current = date;
  while (!isWorkingDay(current, calendar)) current = addDays(current, 1);
  return current;
}

/** Counts n working days after `from` (which itself does not count); lists the days skipped. */
export function addWorkingDays(from: IsoDate, n: number, calendar: Calendar = dutchCalendar) {
  const skipped: { date: IsoDate; reason: string }[] = [];
  let current = from;
  let counted = 0;
  while (counted < n) {
    current = addDays(current, 1);
    const reason = nonWorkingReason(current, calendar);
    if (reason === null) counted += 1;
    else skipped.push({ date: current, reason });
  }
  return { date: current, skipped };
}

/**
 * Regulation 1182/71 art. 3(2)(c): the same-numbered day n months on, or the last day of a shorter month.
 * n may be negative (n months back, e.g. "received within the last month").
 */
export function addMonths(from: IsoDate, n: number): { date: IsoDate; clamped: boolean } {
  const [year, month, day] = from.split('-').map(Number) as [number, number, number];
  const index = month - 1 + n;
  const targetYear = year + Math.floor(index / 12);
  const targetMonth = (((index % 12) + 12) % 12) + 1; // JS % keeps the sign: -1 % 12 is -1
  const last = daysInMonth(targetYear, targetMonth);
  return { date: isoDate(targetYear, targetMonth, Math.min(day, last)), clamped: day > last };
}

const amsterdamFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in Europe/Amsterdam of an instant (23:30 UTC on 31 January is 1 February there). */
export function amsterdamDate(instant: Date): IsoDate {
  const parts = amsterdamFormat.formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
