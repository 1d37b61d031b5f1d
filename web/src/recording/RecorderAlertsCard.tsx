import { Alert, Anchor, Card, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n';
import { formatDateTime } from '../format';
import { linkClick } from '../router';
import { alertTitleKey, useRecorderStatus } from './recorder-status';

/**
 * The dashboard's recorder alerts (issue 5 item 8): cameras offline or failing, and recording
 * stopped because the footage store holds only held footage. Nothing is shown while all is well.
 */
export function RecorderAlertsCard() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const status = useRecorderStatus();
  const data = status.data;
  if (!data || data.alerts.length === 0) return null;
  const names = new Map(data.cameras.map((c) => [c.cameraId, c.name]));
  return (
    <Card withBorder aria-labelledby="recorder-alerts-title" data-testid="recorder-alerts">
      <Stack gap="sm">
        <Title order={2} size="h4" id="recorder-alerts-title">
          {t('recorder.dashboard.title')}
        </Title>
        {data.alerts.map((alert) => (
          <Alert
            key={`${alert.kind}-${alert.cameraId ?? ''}`}
            color={alert.kind === 'camera_offline' ? 'orange' : 'red'}
            title={t(alertTitleKey(alert), { camera: alert.cameraId ? (names.get(alert.cameraId) ?? alert.cameraId) : '' })}
          >
            <Text size="sm">
              {t('recorder.since', { at: formatDateTime(alert.since, language) })} — {alert.message}
            </Text>
          </Alert>
        ))}
        <Anchor href="/recorder" onClick={linkClick('/recorder')} size="sm">
          {t('recorder.dashboard.open')}
        </Anchor>
      </Stack>
    </Card>
  );
}
