import { describe, expect, it } from 'vitest';
import { deadlineStatus, decidedOnTime, requestDeadlineStatus } from './deadline-status.js';
import { monthsBefore } from './overview.service.js';
import type { CaseRequest } from './request.js';

describe('deadline status (due within two working days, overdue after)', () => {
  it.each([
    // [due, today, status]
    ['2026-03-20', '2026-03-02', 'on_track'],
    ['2026-03-04', '2026-03-02', 'due_soon'], // Monday → Wednesday: two working days
    ['2026-03-05', '2026-03-02', 'on_track'],
    ['2026-03-02', '2026-03-02', 'due_soon'], // due today
    ['2026-03-09', '2026-03-05', 'due_soon'], // Thursday → Monday spans a weekend
    ['2026-04-07', '2026-04-02', 'due_soon'], // Thursday before Easter: Good Friday is no holiday here, Easter Monday is
    ['2026-03-01', '2026-03-02', 'overdue'],
  ])('due %s, today %s: %s', (due, today, expected) => {
    expect(deadlineStatus(due, today)).toBe(expected);
  });

  it('without a deadline there is no status', () => {
    expect(deadlineStatus(null, '2026-03-02')).toBe('none');
  });

  const request = (state: CaseRequest['state'], kind: CaseRequest['kind'] = 'access', extendedDue: string | null = null) =>
    ({ kind, state, deadline: { due: '2026-03-04', rule: 'MOZ-4.4', steps: [], extendedDue, extensionReason: null } }) as Pick<CaseRequest, 'kind' | 'state' | 'deadline'>;

  it('runs only until the decision (a vordering until its delivery)', () => {
    const now = new Date('2026-03-10T09:00:00Z');
    expect(requestDeadlineStatus(request('in_review'), now)).toBe('overdue');
    expect(requestDeadlineStatus(request('allowed'), now)).toBe('none');
    expect(requestDeadlineStatus(request('allowed', 'police'), now)).toBe('overdue');
    expect(requestDeadlineStatus(request('closed'), now)).toBe('none');
  });

  it('the extended due date counts once given', () => {
    expect(requestDeadlineStatus(request('in_review', 'access', '2026-06-04'), new Date('2026-03-10T09:00:00Z'))).toBe('on_track');
  });

  it('decided on time compares the Amsterdam date of the decision with the due date', () => {
    const decided = (at: string) => ({ deadline: request('closed').deadline, decision: { decidedAt: at } as CaseRequest['decision'] });
    expect(decidedOnTime(decided('2026-03-04T22:30:00Z'))).toBe(true); // 23:30 in Amsterdam, still the 4th
    expect(decidedOnTime(decided('2026-03-04T23:30:00Z'))).toBe(false); // 00:30 on the 5th
    expect(decidedOnTime({ deadline: request('closed').deadline, decision: null })).toBeNull();
  });

  it('counts months back across a year for the chart', () => {
    expect(monthsBefore('2026-11', 0)).toBe('2026-11');
    expect(monthsBefore('2026-11', 11)).toBe('2025-12');
    expect(monthsBefore('2026-01', 1)).toBe('2025-12');
    expect(monthsBefore('2026-03', 26)).toBe('2024-01');
  });
});
