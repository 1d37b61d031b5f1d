import { useState } from 'react';
import { Alert, Badge, Button, Card, Group, Stack, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { meKey } from '../api/queries';
import type { Me } from '../api/types';
import { Page, Section } from '../layout/Page';
import { ChangePasswordForm } from './ChangePasswordForm';
import { TotpEnrolment } from './TotpEnrolment';

export function AccountPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [passwordChanged, setPasswordChanged] = useState(false);
  const [enrolling, setEnrolling] = useState(false);
  const [enrolled, setEnrolled] = useState(false);
  const { user } = me;

  return (
    <Page title={t('account.title')}>
      <Card>
        <Section title={t('account.details')}>
          <Table variant="vertical" layout="fixed" withRowBorders={false} highlightOnHover={false} maw={560}>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th scope="row" w={180}>{t('users.fields.username')}</Table.Th>
                <Table.Td>{user.username}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">{t('users.fields.displayName')}</Table.Th>
                <Table.Td>{user.displayName}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">{t('users.fields.role')}</Table.Th>
                <Table.Td>{t(`roles.${user.role}`)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">{t('users.fields.kind')}</Table.Th>
                <Table.Td>{t(`users.kind.${user.kind}`)}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Section>
      </Card>

      <Card>
        <Section title={t('account.passwordTitle')}>
          {passwordChanged && (
            <Alert color="green" variant="light" role="status" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setPasswordChanged(false)}>
              {t('account.passwordChanged')}
            </Alert>
          )}
          <Stack maw={420}>
            <ChangePasswordForm
              username={user.username}
              onDone={() => {
                setPasswordChanged(true);
                void queryClient.invalidateQueries({ queryKey: meKey });
              }}
            />
          </Stack>
        </Section>
      </Card>

      <Card>
        <Section title={t('account.totpTitle')}>
          <Group gap="sm">
            <Text>{t('account.totpStatus')}</Text>
            {user.totpEnabled ? (
              <Badge color="green" variant="light">{t('account.totpOn')}</Badge>
            ) : (
              <Badge color="gray" variant="light">{t('account.totpOff')}</Badge>
            )}
          </Group>
          {enrolled && (
            <Alert color="green" variant="light" role="status">
              {t('account.totpEnrolled')}
            </Alert>
          )}
          {!user.totpEnabled && !enrolled && (
            <>
              <Text size="sm" c="dimmed">{t('account.totpExplain')}</Text>
              {enrolling ? (
                <TotpEnrolment
                  autoStart
                  onDone={() => {
                    setEnrolling(false);
                    setEnrolled(true);
                    void queryClient.invalidateQueries({ queryKey: meKey });
                  }}
                />
              ) : (
                <Button w="fit-content" onClick={() => setEnrolling(true)}>
                  {t('totp.start')}
                </Button>
              )}
            </>
          )}
          {user.totpEnabled && <Text size="sm" c="dimmed">{t('account.totpReset')}</Text>}
        </Section>
      </Card>
    </Page>
  );
}
