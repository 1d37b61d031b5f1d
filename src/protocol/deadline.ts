import {
  addDays, addMonths, addWorkingDays, amsterdamDate, dutchCalendar, nonWorkingReason, onOrNextWorkingDay, weekdayName,
  type Calendar, type IsoDate,
} from './calendar.js';
import type { ProtocolProfile } from './profile.schema.js';
import type { Deadline } from './provenance.schema.js';
import type { RequestKind } from './vocabulary.js';

/**
 * The decision deadline of a request under a profile (X-4, INV-7). Periods follow Regulation
 * (EEC, Euratom) No 1182/71: the day of receipt does not count, a month ends on the same-numbered
 * day or the last day of a shorter month, and a period in weeks or months that ends on a Saturday,
 * Sunday or holiday ends on the next working day. `due` is null where no deadline is set (a police
 * order names its own date); `steps` explain the calculation.
 */
export type DeadlineResult =
  | { allowed: true; due: IsoDate | null; rule: string; received: IsoDate; steps: string[] }
  | { allowed: false; rule: string };

export function computeDeadline(
  profile: ProtocolProfile,
  kind: RequestKind,
  receivedAt: Date,
  calendar: Calendar = dutchCalendar,
): DeadlineResult {
  const request = profile.requests[kind];
  if (!request.allowed || request.deadline === null) return { allowed: false, rule: request.rules[0] ?? 'silent' };
  const received = amsterdamDate(receivedAt);
  const steps = [`received ${receivedAt.toISOString()}: ${received} (${weekdayName(received)}) in Europe/Amsterdam`];
  const { due, steps: more } = dueDate(request.deadline, received, calendar);
  // A silent deadline cites no rule of its own: name the rule of the request instead.
  const rule = request.deadline.rules[0] ?? request.rules[0] ?? 'silent';
  return { allowed: true, due, rule, received, steps: [...steps, ...more] };
}

function ruleOf(deadline: Deadline): string {
  return deadline.rules[0] ?? 'silent';
}

/** The due date of a deadline for a request received on an Amsterdam calendar date. */
export function dueDate(deadline: Deadline, received: IsoDate, calendar: Calendar = dutchCalendar): { due: IsoDate | null; steps: string[] } {
  const rule = ruleOf(deadline);
  const notCounted = 'the day of receipt does not count (Regulation 1182/71 art. 3(1))';
  switch (deadline.kind) {
    case 'working_days': {
      const { date, skipped } = addWorkingDays(received, deadline.n, calendar);
      const skips = skipped.map((day) => `${day.date} (${day.reason})`);
      return {
        due: date,
        steps: [
          notCounted,
          `${deadline.n} working day${deadline.n === 1 ? '' : 's'} (${rule}), skipping weekends and public holidays of the Algemene termijnenwet`,
          ...(skips.length > 0 ? [`skipped: ${skips.join(', ')}`] : []),
          `due ${date} (${weekdayName(date)})`,
        ],
      };
    }
    case 'weeks': {
      const end = addDays(received, 7 * deadline.n);
      return extend(end, [notCounted, `${deadline.n} week${deadline.n === 1 ? '' : 's'} (${rule}): ends on the same weekday, ${end}`], calendar);
    }
    case 'months':
    case 'avg_default': {
      const n = deadline.kind === 'months' ? deadline.n : 1;
      const { date, clamped } = addMonths(received, n);
      const what = `${n} month${n === 1 ? '' : 's'} (${rule}${deadline.kind === 'avg_default' ? ': the AVG default' : ''})`;
      const how = clamped ? `the same-numbered day does not exist, so the last day of the month, ${date} (art. 3(2)(c))` : `the same-numbered day, ${date}`;
      return extend(date, [notCounted, `${what}: ${how}`], calendar);
    }
    case 'immediately':
      return { due: received, steps: [`immediately (${rule}): due the day of receipt, ${received}`] };
    case 'none':
      return {
        due: null,
        steps: [
          deadline.setBy === 'requester'
            ? `no deadline in the protocol (${rule}): the request (vordering) states its own delivery date`
            : `no deadline set (${deadline.rules[0] ?? 'the seed is silent'})${deadline.note ? `: ${deadline.note}` : ''}`,
        ],
      };
  }
}

/** Art. 3(4): a period ending on a Saturday, Sunday or public holiday ends on the next working day. */
function extend(end: IsoDate, steps: string[], calendar: Calendar): { due: IsoDate; steps: string[] } {
  const reason = nonWorkingReason(end, calendar);
  if (reason === null) return { due: end, steps: [...steps, `due ${end} (${weekdayName(end)})`] };
  const due = onOrNextWorkingDay(end, calendar);
  return { due, steps: [...steps, `${end} is not a working day (${reason}): the period ends on the next working day, ${due} (art. 3(4))`] };
}
