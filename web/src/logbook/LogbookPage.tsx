import { useState, type ChangeEvent, type FormEvent } from 'react';
import { Button, Card, Center, Code, Group, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, withQuery } from '../api/client';
import { can } from '../api/queries';
import { roles, type LogbookPage as LogbookPageData, type Me, type Role } from '../api/types';
import { currentLanguage } from '../i18n';
import { formatDateTime, summariseSubject } from '../format';
import { ErrorAlert } from '../layout/ErrorAlert';
import { Page } from '../layout/Page';
import { emptyFilters, toQuery, type LogbookFilterForm, type LogbookQuery } from './filters';
import { useVerifyChain, VerifyButton, VerifyChainResult } from './VerifyChain';

const pageSize = 50;

export function LogbookPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [form, setForm] = useState<LogbookFilterForm>(emptyFilters);
  const [query, setQuery] = useState<LogbookQuery>({});
  const [errors, setErrors] = useState<Partial<Record<'from' | 'to', string>>>({});
  const verify = useVerifyChain();

  const entries = useInfiniteQuery({
    queryKey: ['logbook', query],
    queryFn: ({ pageParam, signal }) =>
      api<LogbookPageData>(withQuery('/api/logbook', { ...query, limit: pageSize, before: pageParam }), { signal }),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const { query: next, problems } = toQuery(form);
    const fieldErrors: typeof errors = {};
    for (const p of problems) fieldErrors[p.field] = p.problem === 'order' ? t('logbook.filters.orderError') : t('validation.date');
    setErrors(fieldErrors);
    if (problems.length === 0) setQuery(next);
  }

  function clear() {
    setForm(emptyFilters);
    setErrors({});
    setQuery({});
  }

  const field = (key: keyof LogbookFilterForm) => ({
    value: form[key],
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      const value = event.currentTarget.value;
      setForm((f) => ({ ...f, [key]: value }));
    },
  });

  const roleName = (role: string | null) => (role && (roles as readonly string[]).includes(role) ? t(`roles.${role as Role}`) : (role ?? ''));
  const rows = (entries.data?.pages ?? []).flatMap((page) => page.entries);

  return (
    <Page
      title={t('logbook.title')}
      intro={t('logbook.intro')}
      actions={
        <>
          {can(me, 'logbook.export') && (
            <Button component="a" variant="default" href={withQuery('/api/logbook/export.csv', query)} download>
              {t('logbook.export')}
            </Button>
          )}
          {can(me, 'logbook.verify') && <VerifyButton verify={verify} />}
        </>
      }
    >
      <VerifyChainResult verify={verify} />

      <Card>
        <form onSubmit={submit} role="search" aria-label={t('logbook.filters.label')} noValidate>
          <Stack gap="md">
            <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md">
              <TextInput label={t('logbook.filters.actor')} description={t('logbook.filters.actorHint')} autoCapitalize="none" {...field('actor')} />
              <TextInput label={t('logbook.filters.action')} description={t('logbook.filters.actionHint')} autoCapitalize="none" {...field('action')} />
              <TextInput label={t('logbook.filters.camera')} description={t('logbook.filters.cameraHint')} {...field('camera')} />
              <TextInput label={t('logbook.filters.case')} description={t('logbook.filters.caseHint')} {...field('case')} />
              <TextInput label={t('logbook.filters.from')} description={t('logbook.filters.timeHint')} type="datetime-local" {...field('from')} error={errors.from} />
              <TextInput label={t('logbook.filters.to')} description={t('logbook.filters.timeHint')} type="datetime-local" {...field('to')} error={errors.to} />
            </SimpleGrid>
            <Group gap="sm">
              <Button type="submit">{t('common.search')}</Button>
              <Button variant="subtle" onClick={clear}>
                {t('logbook.filters.clear')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>

      <ErrorAlert error={entries.error} />

      <Card padding={0}>
        <Table.ScrollContainer minWidth={1000}>
          <Table aria-busy={entries.isFetching} verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('logbook.fields.seq')}</Table.Th>
                <Table.Th scope="col">{t('logbook.fields.at')}</Table.Th>
                <Table.Th scope="col">{t('logbook.fields.actor')}</Table.Th>
                <Table.Th scope="col">{t('logbook.fields.action')}</Table.Th>
                <Table.Th scope="col">{t('logbook.fields.subject')}</Table.Th>
                <Table.Th scope="col">{t('logbook.fields.reason')}</Table.Th>
                <Table.Th scope="col">{t('logbook.fields.case')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((entry) => (
                <Table.Tr key={entry.seq}>
                  <Table.Td><Text size="sm" ff="monospace">{entry.seq}</Text></Table.Td>
                  <Table.Td><Text size="sm" style={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.at, language)}</Text></Table.Td>
                  <Table.Td>
                    <Text size="sm">{entry.actorName ?? t('logbook.system')}</Text>
                    {entry.actorRole && <Text size="xs" c="dimmed">{roleName(entry.actorRole)}</Text>}
                  </Table.Td>
                  <Table.Td><Code>{entry.action}</Code></Table.Td>
                  <Table.Td><Text size="sm" style={{ wordBreak: 'break-word' }}>{summariseSubject(entry.subject)}</Text></Table.Td>
                  <Table.Td><Text size="sm">{entry.reason ?? ''}</Text></Table.Td>
                  <Table.Td><Text size="sm">{entry.caseRef ?? ''}</Text></Table.Td>
                </Table.Tr>
              ))}
              {entries.isSuccess && rows.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={7}><Text size="sm" c="dimmed">{t('logbook.empty')}</Text></Table.Td>
                </Table.Tr>
              )}
              {entries.isPending && (
                <Table.Tr>
                  <Table.Td colSpan={7}><Text size="sm" c="dimmed">{t('common.loading')}</Text></Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>

      <Center>
        {entries.hasNextPage ? (
          <Button variant="default" onClick={() => void entries.fetchNextPage()} loading={entries.isFetchingNextPage}>
            {t('logbook.loadMore')}
          </Button>
        ) : (
          rows.length > 0 && <Text size="sm" c="dimmed">{t('logbook.end')}</Text>
        )}
      </Center>
    </Page>
  );
}
