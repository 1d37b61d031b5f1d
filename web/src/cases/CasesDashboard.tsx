import { Anchor, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDate, formatNumber } from '../format';
import { currentLanguage } from '../i18n';
import { linkClick } from '../router';
import { useOverview } from './api';
import type { RequestLine } from './types';

/** The dashboard's case cards: overdue, nearly due, open incidents, holds to review; and requests per month. */
export function CasesDashboard() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const overview = useOverview().data?.overview;
  if (!overview) return null;
  const share = overview.onTimeShare === null ? '—' : `${Math.round(overview.onTimeShare * 100)}%`;
  const lines = (items: RequestLine[]) => (
    <List size="sm" spacing={2}>
      {items.slice(0, 5).map((r) => {
        const to = `/cases/request?id=${encodeURIComponent(r.id)}`;
        return (
          <List.Item key={r.id}>
            <Anchor href={to} onClick={linkClick(to)} size="sm">{r.ref}</Anchor> · {t(`cases.kind.${r.kind}`)} · {formatDate(r.due, language)}
          </List.Item>
        );
      })}
    </List>
  );
  const cards = [
    { key: 'overdue', label: t('cases.dashboard.overdue'), value: overview.overdue.length, extra: lines(overview.overdue), alert: overview.overdue.length > 0 },
    { key: 'dueSoon', label: t('cases.dashboard.dueSoon'), value: overview.dueSoon.length, extra: lines(overview.dueSoon), alert: false },
    { key: 'incidents', label: t('cases.dashboard.openIncidents'), value: overview.openIncidents, extra: null, alert: false },
    { key: 'holds', label: t('cases.dashboard.holds', { count: overview.activeHolds }), value: overview.holdsToReview.length, extra: null, alert: overview.holdsToReview.length > 0 },
  ];
  const data = overview.perMonth.map((m) => ({ month: m.month, [t('cases.dashboard.received')]: m.received, [t('cases.dashboard.onTime')]: m.decidedOnTime, [t('cases.dashboard.late')]: m.decided - m.decidedOnTime }));
  return (
    <Stack gap="md">
      <Group justify="space-between" align="baseline">
        <Title order={2} size="h3">{t('cases.dashboard.title')}</Title>
        <Anchor href="/cases" onClick={linkClick('/cases')}>{t('cases.dashboard.open')}</Anchor>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="lg">
        {cards.map((card) => (
          <Card key={card.key} style={card.alert ? { borderColor: 'var(--mantine-color-red-7)' } : undefined}>
            <Stack gap={6}>
              <Text size="sm" c="dimmed" fw={500}>{card.label}</Text>
              <Text fz={32} fw={650} lh={1.1}>{formatNumber(card.value, language)}</Text>
              {card.extra}
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
      <Card>
        <Stack gap="xs">
          <Text fw={600}>{t('cases.dashboard.chart')}</Text>
          <Text size="sm" c="dimmed">{t('cases.dashboard.share', { share })}</Text>
          <div style={{ width: '100%', height: 260 }} role="img" aria-label={t('cases.dashboard.chartLabel', { share })}>
            <ResponsiveContainer>
              <BarChart data={data}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="month" fontSize={12} />
                <YAxis allowDecimals={false} fontSize={12} />
                <Tooltip />
                <Legend />
                <Bar dataKey={t('cases.dashboard.received')} fill="#1864ab" />
                <Bar dataKey={t('cases.dashboard.onTime')} stackId="decided" fill="#2b8a3e" />
                <Bar dataKey={t('cases.dashboard.late')} stackId="decided" fill="#c92a2a" />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </Stack>
      </Card>
    </Stack>
  );
}
