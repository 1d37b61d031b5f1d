import { addWorkingDays, amsterdamDate, dutchCalendar, type Calendar, type IsoDate } from '../protocol/calendar.js';
import { effectiveDue, undecidedStates, type CaseRequest } from './request.js';

/**
 * Where a request stands against its deadline (pure; today comes from the injected clock).
 * `due_soon`: due within two working days (the dashboard's warning and the reminder's moment).
 */
export type DeadlineStatus = 'none' | 'on_track' | 'due_soon' | 'overdue';

export const reminderWorkingDays = 2;

/** Whether the deadline still runs: undecided, or (a vordering) allowed but not yet delivered. */
export function deadlineRuns(request: Pick<CaseRequest, 'kind' | 'state'>): boolean {
  return undecidedStates.includes(request.state) || (request.kind === 'police' && request.state === 'allowed');
}

export function deadlineStatus(due: IsoDate | null, today: IsoDate, calendar: Calendar = dutchCalendar): DeadlineStatus {
  if (due === null) return 'none';
  if (today > due) return 'overdue';
  const soon = addWorkingDays(today, reminderWorkingDays, calendar).date;
  return due <= soon ? 'due_soon' : 'on_track';
}

export function requestDeadlineStatus(request: Pick<CaseRequest, 'kind' | 'state' | 'deadline'>, now: Date): DeadlineStatus {
  if (!deadlineRuns(request)) return 'none';
  return deadlineStatus(effectiveDue(request), amsterdamDate(now));
}

/** Whether a decided request was decided on or before its (extended) due date; null without a deadline or a decision. */
export function decidedOnTime(request: Pick<CaseRequest, 'deadline' | 'decision'>): boolean | null {
  const due = effectiveDue(request);
  if (!due || !request.decision) return null;
  return amsterdamDate(new Date(request.decision.decidedAt)) <= due;
}

/** The month (YYYY-MM, Amsterdam) an instant falls in, for the requests-per-month chart. */
export const monthOf = (instant: string): string => amsterdamDate(new Date(instant)).slice(0, 7);
