import { useQuery } from '@tanstack/react-query';
import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../format';
import { currentLanguage } from '../i18n';
import { viewingApi, type TimelineBand } from './api';

export const bandColour: Record<TimelineBand['kind'] | 'gap' | 'expired', string> = {
  recorded: '#2f9e44',
  motion: '#f08c00',
  held: '#1c7ed6',
  gap: '#dee2e6',
  expired: '#868e96',
};

/** The camera's timeline around an instant from the segment index: recorded / motion / held, gaps in grey; a click plays from there. */
export function Timeline({ cameraId, from, to, onPick, cursor, compact }: {
  cameraId: string;
  from: Date;
  to: Date;
  onPick: (at: Date) => void;
  /** Where playback is now (synchronised playback); else the centre is marked. */
  cursor?: Date;
  /** One row of several (synchronised playback): thinner, no legend. */
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const span = to.getTime() - from.getTime();
  const timeline = useQuery({
    queryKey: ['viewing-timeline', cameraId, from.toISOString(), to.toISOString()],
    queryFn: ({ signal }) => viewingApi.timeline(cameraId, from.toISOString(), to.toISOString(), signal),
  });
  const pct = (iso: string) => Math.min(100, Math.max(0, ((new Date(iso).getTime() - from.getTime()) / span) * 100));
  const retained = timeline.data ? pct(timeline.data.retainedFrom) : 0;
  return (
    <div>
      <div
        role="slider"
        tabIndex={0}
        aria-label={t('viewing.timeline.label')}
        aria-valuemin={from.getTime()}
        aria-valuemax={to.getTime()}
        aria-valuenow={cursor ? cursor.getTime() : from.getTime() + span / 2}
        data-testid="viewing-timeline"
        onClick={(e) => {
          const box = e.currentTarget.getBoundingClientRect();
          onPick(new Date(from.getTime() + ((e.clientX - box.left) / box.width) * span));
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowRight') onPick(new Date(from.getTime() + span / 2 + 60_000));
          if (e.key === 'ArrowLeft') onPick(new Date(from.getTime() + span / 2 - 60_000));
        }}
        style={{ position: 'relative', height: compact ? 16 : 28, background: bandColour.gap, cursor: 'pointer', borderRadius: 4, overflow: 'hidden', maxWidth: 960 }}
      >
        {retained > 0 ? <div style={{ position: 'absolute', left: 0, width: `${retained}%`, top: 0, bottom: 0, background: bandColour.expired }} title={t('viewing.timeline.expired')} /> : null}
        {(timeline.data?.bands ?? []).map((b) => (
          <div
            key={`${b.start}-${b.kind}`}
            data-kind={b.kind}
            title={`${t(`viewing.timeline.${b.kind}`)}: ${formatDateTime(b.start, language)} – ${formatDateTime(b.end, language)}`}
            style={{ position: 'absolute', left: `${pct(b.start)}%`, width: `${Math.max(0.3, pct(b.end) - pct(b.start))}%`, top: 0, bottom: 0, background: bandColour[b.kind] }}
          />
        ))}
        <div data-testid="viewing-timeline-cursor" style={{ position: 'absolute', left: cursor ? `${pct(cursor.toISOString())}%` : '50%', top: 0, bottom: 0, width: 2, background: '#000' }} />
      </div>
      {compact ? null : (
        <Group justify="space-between" maw={960}>
          <Text size="xs">{formatDateTime(from.toISOString(), language)}</Text>
          <Group gap="sm">
            {(['recorded', 'motion', 'held', 'gap', 'expired'] as const).map((kind) => (
              <Text key={kind} size="xs">
                <span style={{ display: 'inline-block', width: 10, height: 10, background: bandColour[kind], marginRight: 4 }} />
                {t(`viewing.timeline.${kind}`)}
              </Text>
            ))}
          </Group>
          <Text size="xs">{formatDateTime(to.toISOString(), language)}</Text>
        </Group>
      )}
    </div>
  );
}
