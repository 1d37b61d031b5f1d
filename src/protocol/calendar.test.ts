import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays, addMonths, addWorkingDays, algemeneTermijnenwetHolidays, amsterdamDate, dutchCalendar, easterSunday,
  holidayOn, isWorkingDay, isoDate, onOrNextWorkingDay, withExtraDays,
} from './calendar.js';

describe('Easter (computus)', () => {
  it.each([
    [2000, '2000-04-23'], [2008, '2008-03-23'], [2011, '2011-04-24'], [2019, '2019-04-21'], [2024, '2024-03-31'],
    [2025, '2025-04-20'], [2026, '2026-04-05'], [2027, '2027-03-28'], [2038, '2038-04-25'], [2285, '2285-03-22'],
  ])('Easter Sunday %i is %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });
});

describe('X-4: public holidays of the Algemene termijnenwet', () => {
  it('lists exactly the eight general holidays of 2026', () => {
    const dates = algemeneTermijnenwetHolidays.map((holiday) => [holiday.id, holiday.on(2026)]);
    expect(Object.fromEntries(dates)).toEqual({
      new_year: '2026-01-01',
      easter_monday: '2026-04-06',
      kings_day: '2026-04-27',
      liberation_day: '2026-05-05',
      ascension_day: '2026-05-14',
      whit_monday: '2026-05-25',
      christmas_day: '2026-12-25',
      boxing_day: '2026-12-26',
    });
  });

  it.each([
    ['2026-01-01', 'New Year\u2019s Day'],
    ['2026-04-06', 'Easter Monday'],
    ['2026-05-14', 'Ascension Day'],
    ['2026-05-25', 'Whit Monday'],
    ['2026-04-27', 'King\u2019s Day'],
    ['2025-04-26', 'King\u2019s Day'],
    ['2013-04-30', 'King\u2019s Day'],
    ['2026-05-05', '5 May (Liberation Day)'],
    ['2027-05-05', '5 May (Liberation Day)'],
    ['2025-12-25', 'Christmas Day'],
    ['2025-12-26', 'Boxing Day'],
  ])('%s is %s and not a working day', (date, name) => {
    expect(holidayOn(date)?.en).toBe(name);
    expect(isWorkingDay(date)).toBe(false);
  });

  it('King\u2019s Day moves to 26 April when the 27th is a Sunday', () => {
    expect(holidayOn('2025-04-27')).toBeNull(); // a Sunday: not a holiday, but no working day either
    expect(holidayOn('2025-04-26')?.nl).toBe('Koningsdag');
    expect(holidayOn('2031-04-26')?.nl).toBe('Koningsdag');
    expect(holidayOn('2031-04-27')).toBeNull();
  });

  it('Good Friday and 1 May are working days (not in the law\u2019s list)', () => {
    expect(isWorkingDay('2026-04-03')).toBe(true);
    expect(isWorkingDay('2025-04-18')).toBe(true);
    expect(isWorkingDay('2026-05-01')).toBe(true);
  });

  it('weekends are not working days; an ordinary weekday is', () => {
    expect(isWorkingDay('2026-01-10')).toBe(false);
    expect(isWorkingDay('2026-01-11')).toBe(false);
    expect(isWorkingDay('2026-01-12')).toBe(true);
  });

  it('extends with days equated by decree, kept as data', () => {
    const calendar = withExtraDays(dutchCalendar, [{ date: '2026-04-03', name: { nl: 'Goede Vrijdag (gelijkgesteld)', en: 'Good Friday (equated)' } }]);
    expect(isWorkingDay('2026-04-03', calendar)).toBe(false);
    expect(isWorkingDay('2026-04-03')).toBe(true);
  });
});

describe('working-day arithmetic', () => {
  it('does not count the day of receipt', () => {
    expect(addWorkingDays('2026-01-05', 1).date).toBe('2026-01-06');
  });

  it('skips weekends and holidays and says which', () => {
    const result = addWorkingDays('2026-04-02', 2);
    expect(result.date).toBe('2026-04-07');
    expect(result.skipped).toEqual([
      { date: '2026-04-04', reason: 'Saturday' },
      { date: '2026-04-05', reason: 'Sunday' },
      { date: '2026-04-06', reason: 'Easter Monday' },
    ]);
  });

  it('from a Saturday starts counting on Monday', () => {
    expect(addWorkingDays('2026-01-10', 1).date).toBe('2026-01-12');
  });

  it('always lands on a working day, with exactly n working days after the start', () => {
    const start = Date.UTC(2020, 0, 1);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4000 }), fc.integer({ min: 1, max: 30 }), (offset, n) => {
        const from = new Date(start + offset * 86_400_000).toISOString().slice(0, 10);
        const { date } = addWorkingDays(from, n);
        expect(isWorkingDay(date)).toBe(true);
        let count = 0;
        for (let day = addDays(from, 1); day <= date; day = addDays(day, 1)) if (isWorkingDay(day)) count += 1;
        expect(count).toBe(n);
      }),
    );
  });

  it('onOrNextWorkingDay keeps a working day and moves past a long weekend', () => {
    expect(onOrNextWorkingDay('2026-01-12')).toBe('2026-01-12');
    expect(onOrNextWorkingDay('2025-12-25')).toBe('2025-12-29');
  });
});

describe('months (Regulation 1182/71 art. 3(2)(c))', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28', true],
    ['2024-01-31', 1, '2024-02-29', true],
    ['2026-03-31', 1, '2026-04-30', true],
    ['2025-12-31', 2, '2026-02-28', true],
    ['2026-01-15', 1, '2026-02-15', false],
    ['2026-12-05', 1, '2027-01-05', false],
    ['2026-01-28', 1, '2026-02-28', false],
    ['2026-01-15', 0, '2026-01-15', false],
    ['2026-01-15', 12, '2027-01-15', false],
    ['2026-01-15', 13, '2027-02-15', false],
    // n months back (negative n): the year turns backwards, short months still clamp
    ['2026-01-15', -1, '2025-12-15', false],
    ['2026-03-31', -1, '2026-02-28', true],
    ['2024-03-31', -1, '2024-02-29', true],
    ['2026-02-10', -2, '2025-12-10', false],
    ['2026-01-31', -12, '2025-01-31', false],
    ['2026-01-31', -13, '2024-12-31', false],
    ['2026-05-31', -3, '2026-02-28', true],
    ['2026-01-10', -25, '2023-12-10', false],
  ])('%s + %i month(s) ends on %s', (from, n, date, clamped) => {
    expect(addMonths(from, n)).toEqual({ date, clamped });
  });
});

describe('Europe/Amsterdam calendar dates', () => {
  it.each([
    ['2026-01-30T23:30:00Z', '2026-01-31'], // CET: already the next day
    ['2026-01-30T22:59:59Z', '2026-01-30'],
    ['2026-06-30T22:30:00Z', '2026-07-01'], // CEST (+2)
    ['2026-06-30T21:59:59Z', '2026-06-30'],
    ['2026-03-28T23:30:00Z', '2026-03-29'], // the night summer time starts
    ['2026-10-24T22:30:00Z', '2026-10-25'], // the night summer time ends
  ])('%s is %s in Amsterdam', (instant, date) => {
    expect(amsterdamDate(new Date(instant))).toBe(date);
  });

  it('builds dates from parts', () => {
    expect(isoDate(2026, 2, 29)).toBe('2026-03-01');
  });
});
