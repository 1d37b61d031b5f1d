import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ErrorAlert } from '../layout/ErrorAlert';
import { Section } from '../layout/Page';
import type { Camera, ConnectionTestResult } from './types';

/**
 * "Test connection": the server grabs one frame from the camera with the stored credentials and
 * returns it as a thumbnail (not stored; the test is a logboek entry), or says in words why not.
 */
export function ConnectionTestSection({ camera }: { camera: Camera }) {
  const { t } = useTranslation();
  const test = useMutation({
    mutationFn: () => api<ConnectionTestResult>(`/api/register/cameras/${encodeURIComponent(camera.id)}/connection-test`, { method: 'POST' }),
  });
  const result = test.data;
  return (
    <Section title={t('register.connectionTest.title')}>
      <Card>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">{t('register.connectionTest.intro')}</Text>
          <Group>
            <Button variant="default" onClick={() => test.mutate()} loading={test.isPending}>{t('register.connectionTest.run')}</Button>
          </Group>
          <div aria-live="polite">
            {test.isPending && <Text size="sm">{t('register.connectionTest.running')}</Text>}
            {result && !test.isPending && (
              <Stack gap={4}>
                <img className="register-thumbnail" src={result.thumbnail} alt={t('register.connectionTest.thumbnailAlt', { camera: camera.name })} />
                <Text size="sm">
                  {t('register.connectionTest.ok', { width: result.width, height: result.height, codec: (result.codec ?? '?').toUpperCase(), seconds: (result.ms / 1000).toFixed(1) })}
                </Text>
              </Stack>
            )}
          </div>
          {!test.isPending && <ErrorAlert error={test.error} title={t('register.connectionTest.failedTitle')} />}
        </Stack>
      </Card>
    </Section>
  );
}
