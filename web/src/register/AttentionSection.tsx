import { Anchor, Card, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n';
import { formatDate } from '../format';
import { linkClick } from '../router';
import { useCameras, useOpenDefects, useOverdueChecks } from './api';

const cameraLink = (id: string) => `/register/camera?id=${encodeURIComponent(id)}`;

/** What needs doing: periodic checks that are due (MOZ-2.3, WCP-3) and defects not yet repaired. */
export function AttentionSection() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const overdue = useOverdueChecks();
  const defects = useOpenDefects();
  const cameras = useCameras();
  const nameOf = (id: string) => cameras.data?.cameras.find((c) => c.id === id)?.name ?? '…';

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <Card>
        <Stack gap="xs">
          <Title order={2} size="h4">{t('register.attention.overdueTitle')}</Title>
          {overdue.data?.overdue.length === 0 && <Text size="sm" c="dimmed">{t('register.attention.noneOverdue')}</Text>}
          <List size="sm" spacing={4}>
            {overdue.data?.overdue.map((o) => (
              <List.Item key={o.cameraId}>
                <Anchor href={cameraLink(o.cameraId)} onClick={linkClick(cameraLink(o.cameraId))}>{`${o.siteName} — ${o.cameraName}`}</Anchor>
                {' '}
                <Text span size="sm" c="dimmed">{t('register.attention.dueSince', { date: formatDate(o.dueAt, language) })}</Text>
              </List.Item>
            ))}
          </List>
        </Stack>
      </Card>
      <Card>
        <Stack gap="xs">
          <Title order={2} size="h4">{t('register.attention.defectsTitle')}</Title>
          {defects.data?.defects.length === 0 && <Text size="sm" c="dimmed">{t('register.attention.noDefects')}</Text>}
          <List size="sm" spacing={4}>
            {defects.data?.defects.map((d) => (
              <List.Item key={d.id}>
                <Anchor href={cameraLink(d.cameraId)} onClick={linkClick(cameraLink(d.cameraId))}>{nameOf(d.cameraId)}</Anchor>
                {`: ${d.description}`}
              </List.Item>
            ))}
          </List>
        </Stack>
      </Card>
    </SimpleGrid>
  );
}
