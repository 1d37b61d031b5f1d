import type { ReactNode } from 'react';
import { Badge, Text, Timeline as MantineTimeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n';
import { formatDate, formatDateTime } from '../format';
import type { CaseEvent, DeadlineStatus, RequestState, Text as Bilingual } from './types';

/** A server text (nl/en) in the current language. */
export function useBilingual(): (text: Bilingual) => string {
  useTranslation(); // re-render on a language switch
  return (text) => text[currentLanguage()];
}

const deadlineColours: Record<DeadlineStatus, string> = { overdue: 'red', due_soon: 'orange', on_track: 'green', none: 'gray' };

/** Where a request stands against its deadline: the colour is a cue, the words say it. */
export function DeadlineBadge({ status, due }: { status: DeadlineStatus; due: string | null }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  // A decided request keeps showing its date, in grey: the deadline no longer runs.
  const shown: Exclude<DeadlineStatus, 'none'> = status === 'none' ? 'on_track' : status;
  return (
    <Badge color={deadlineColours[status]} variant={status === 'overdue' ? 'filled' : 'light'}>
      {due === null ? t('cases.deadline.none') : t(`cases.deadline.${shown}`, { date: formatDate(due, language) })}
    </Badge>
  );
}

export function StateBadge({ state }: { state: RequestState }) {
  const { t } = useTranslation();
  const colour = state === 'refused' ? 'red' : state === 'closed' || state === 'withdrawn' ? 'gray' : state === 'allowed' || state === 'carried_out' ? 'green' : 'blue';
  return (
    <Badge color={colour} variant="dot">
      {t(`cases.state.${state}`)}
    </Badge>
  );
}

/** A label and its value, as one row of a definition list. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useTranslation();
  const empty = children === null || children === undefined || children === '';
  return (
    <div className="case-fact">
      <dt>{label}</dt>
      <dd>{empty ? <Text span c="dimmed">{t('cases.notRecorded')}</Text> : children}</dd>
    </div>
  );
}

/** The case's steps, oldest first, as the timeline and the logboek record them. */
export function CaseTimeline({ events }: { events: CaseEvent[] }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage();
  return (
    <MantineTimeline bulletSize={14} lineWidth={2} active={events.length - 1}>
      {events.map((event) => {
        const key = `cases.action.${event.action.replace('.', '_')}`;
        const rule = typeof event.detail.rule === 'string' ? event.detail.rule : typeof event.detail.deadlineRule === 'string' ? event.detail.deadlineRule : null;
        return (
          <MantineTimeline.Item key={event.id} title={i18n.exists(key) ? t(key as 'cases.action.request_received') : event.action}>
            <Text size="sm" c="dimmed">
              {formatDateTime(event.at, language)} · {event.actorName}
              {rule ? ` · ${rule}` : ''}
            </Text>
          </MantineTimeline.Item>
        );
      })}
    </MantineTimeline>
  );
}
