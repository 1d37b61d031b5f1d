import { Alert, Badge, Card, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n';
import { formatDateTime, formatNumber } from '../format';
import { ErrorAlert } from '../layout/ErrorAlert';
import { Page } from '../layout/Page';
import { alertTitleKey, useRecorderStatus, type CameraStatus } from './recorder-status';

const stateColour: Record<CameraStatus['state'], string> = {
  starting: 'blue',
  recording: 'green',
  offline: 'red',
  failed: 'red',
  stopped: 'gray',
  paused: 'orange',
};

function megabytes(bytes: number | null, language: 'nl' | 'en'): string {
  return bytes === null ? '–' : `${formatNumber(Math.round(bytes / 1048576), language)} MB`;
}

/** The recorder's health (issue 5 item 8): per camera recording or offline since, storage, oldest footage, retention; alerts. */
export function RecorderPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const status = useRecorderStatus();
  const data = status.data;
  const names = new Map((data?.cameras ?? []).map((c) => [c.cameraId, c.name]));

  return (
    <Page title={t('recorder.title')} intro={t('recorder.intro')}>
      {status.error ? <ErrorAlert error={status.error} /> : null}
      {data ? (
        <Stack gap="md">
          {data.alerts.map((alert) => (
            <Alert key={`${alert.kind}-${alert.cameraId ?? ''}`} color={alert.kind === 'camera_offline' ? 'orange' : 'red'} title={t(alertTitleKey(alert), { camera: alert.cameraId ? names.get(alert.cameraId) ?? alert.cameraId : '' })}>
              <Text size="sm">
                {t('recorder.since', { at: formatDateTime(alert.since, language) })} — {alert.message}
              </Text>
            </Alert>
          ))}
          <Card>
            <Group gap="xl">
              <Text size="sm">{t('recorder.running', { state: data.recorderRunning ? t('recorder.yes') : t('recorder.no') })}</Text>
              <Text size="sm">{t('recorder.store', { kind: data.store.kind, free: megabytes(data.store.freeBytes, language), floor: megabytes(data.store.floorBytes, language) })}</Text>
            </Group>
          </Card>
          <Card>
            {data.cameras.length === 0 ? (
              <Text>{t('recorder.none')}</Text>
            ) : (
              <Table.ScrollContainer minWidth={900}>
                <Table striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('recorder.col.camera')}</Table.Th>
                      <Table.Th>{t('recorder.col.state')}</Table.Th>
                      <Table.Th>{t('recorder.col.storage')}</Table.Th>
                      <Table.Th>{t('recorder.col.oldest')}</Table.Th>
                      <Table.Th>{t('recorder.col.limit')}</Table.Th>
                      <Table.Th>{t('recorder.col.mode')}</Table.Th>
                      <Table.Th>{t('recorder.col.holds')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.cameras.map((c) => (
                      <Table.Tr key={c.cameraId}>
                        <Table.Td><Text size="sm">{c.name}</Text></Table.Td>
                        <Table.Td>
                          <Badge variant="light" color={stateColour[c.state]} className="badge-fit">{t(`recorder.state.${c.state}`)}</Badge>
                          {c.offlineSince ? <Text size="xs" c="dimmed">{t('recorder.since', { at: formatDateTime(c.offlineSince, language) })}</Text> : null}
                          {c.lastError && c.state !== 'recording' ? <Text size="xs" c="dimmed" lineClamp={2} title={c.lastError}>{c.lastError}</Text> : null}
                        </Table.Td>
                        <Table.Td><Text size="sm">{megabytes(c.storedBytes, language)} · {formatNumber(c.segmentCount, language)}</Text></Table.Td>
                        <Table.Td><Text size="sm">{formatDateTime(c.oldestFootage, language) || '–'}</Text></Table.Td>
                        <Table.Td><Text size="sm">{t('recorder.days', { count: c.retentionDays })}</Text></Table.Td>
                        <Table.Td><Text size="sm">{c.mode === 'motion' ? t('recorder.mode.motion') : t('recorder.mode.continuous')}</Text></Table.Td>
                        <Table.Td><Text size="sm">{formatNumber(c.activeHolds, language)}</Text></Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Card>
        </Stack>
      ) : null}
    </Page>
  );
}
