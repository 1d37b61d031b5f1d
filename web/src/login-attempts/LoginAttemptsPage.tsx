import { useState, type FormEvent } from 'react';
import { Badge, Button, Card, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, withQuery } from '../api/client';
import type { LoginAttempt, LoginOutcome } from '../api/types';
import { currentLanguage } from '../i18n';
import { formatDateTime } from '../format';
import { ErrorAlert } from '../layout/ErrorAlert';
import { Page } from '../layout/Page';

const outcomeColour: Record<LoginOutcome, string> = {
  success: 'green',
  wrong_password: 'orange',
  unknown_user: 'orange',
  wrong_totp: 'orange',
  locked: 'red',
  disabled: 'gray',
  expired: 'gray',
};

const limits = ['50', '100', '250', '500'];

export function LoginAttemptsPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [draft, setDraft] = useState({ username: '', limit: '100' });
  const [filters, setFilters] = useState(draft);

  const attempts = useQuery({
    queryKey: ['login-attempts', filters],
    queryFn: ({ signal }) =>
      api<{ attempts: LoginAttempt[] }>(withQuery('/api/login-attempts', { username: filters.username.trim(), limit: filters.limit }), { signal }),
    placeholderData: keepPreviousData,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setFilters(draft);
  }

  const rows = (attempts.data?.attempts ?? []).map((attempt) => (
    <Table.Tr key={attempt.id}>
      <Table.Td><Text size="sm" style={{ whiteSpace: 'nowrap' }}>{formatDateTime(attempt.at, language)}</Text></Table.Td>
      <Table.Td><Text size="sm">{attempt.usernameTried}</Text></Table.Td>
      <Table.Td>
        <Badge variant="light" color={outcomeColour[attempt.outcome] ?? 'gray'} className="badge-fit">
          {t(`loginAttempts.outcome.${attempt.outcome}`, { defaultValue: attempt.outcome })}
        </Badge>
      </Table.Td>
      <Table.Td><Text size="sm" ff="monospace">{attempt.ip ?? ''}</Text></Table.Td>
      <Table.Td><Text size="xs" c="dimmed" lineClamp={2} title={attempt.userAgent ?? undefined}>{attempt.userAgent ?? ''}</Text></Table.Td>
    </Table.Tr>
  ));

  return (
    <Page title={t('loginAttempts.title')} intro={t('loginAttempts.intro')}>
      <Card>
        <form onSubmit={submit} role="search" aria-label={t('loginAttempts.filterLabel')}>
          <Group align="flex-end" gap="md">
            <TextInput
              label={t('loginAttempts.fields.username')}
              autoCapitalize="none"
              spellCheck={false}
              value={draft.username}
              onChange={(e) => {
                const username = e.currentTarget.value;
                setDraft((d) => ({ ...d, username }));
              }}
            />
            <Select
              label={t('loginAttempts.limit')}
              data={limits}
              value={draft.limit}
              onChange={(value) => setDraft((d) => ({ ...d, limit: value ?? '100' }))}
              allowDeselect={false}
              w={120}
            />
            <Button type="submit">{t('common.search')}</Button>
          </Group>
        </form>
      </Card>
      <ErrorAlert error={attempts.error} />
      <Card padding={0}>
        <Table.ScrollContainer minWidth={800}>
          <Table aria-busy={attempts.isFetching}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('loginAttempts.fields.at')}</Table.Th>
                <Table.Th scope="col">{t('loginAttempts.fields.username')}</Table.Th>
                <Table.Th scope="col">{t('loginAttempts.fields.outcome')}</Table.Th>
                <Table.Th scope="col">{t('loginAttempts.fields.ip')}</Table.Th>
                <Table.Th scope="col">{t('loginAttempts.fields.userAgent')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows}
              {attempts.isSuccess && rows.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={5}><Text size="sm" c="dimmed">{t('loginAttempts.empty')}</Text></Table.Td>
                </Table.Tr>
              )}
              {attempts.isPending && (
                <Table.Tr>
                  <Table.Td colSpan={5}><Text size="sm" c="dimmed">{t('common.loading')}</Text></Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
    </Page>
  );
}
