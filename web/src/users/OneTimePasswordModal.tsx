import { Alert, Button, CopyButton, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * Shows a new one-time password exactly once. It is not kept anywhere after this modal closes:
 * the server stores only its hash.
 */
export function OneTimePasswordModal({ shown, onClose }: { shown: { username: string; password: string } | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={shown !== null}
      onClose={onClose}
      title={t('users.otp.title')}
      closeOnClickOutside={false}
      size="md"
      centered
    >
      {shown && (
        <Stack gap="md">
          <Alert color="yellow" variant="light" title={t('users.otp.warningTitle')}>
            {t('users.otp.warning')}
          </Alert>
          <Text>{t('users.otp.for', { username: shown.username })}</Text>
          <Paper withBorder p="md" bg="gray.0">
            <Text className="secret" ta="center" aria-label={t('users.otp.passwordLabel')}>
              {shown.password}
            </Text>
          </Paper>
          <Group justify="space-between">
            <CopyButton value={shown.password}>
              {({ copied, copy }) => (
                <Button variant="default" onClick={copy}>
                  {copied ? t('common.copied') : t('users.otp.copy')}
                </Button>
              )}
            </CopyButton>
            <Button onClick={onClose}>{t('users.otp.done')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
