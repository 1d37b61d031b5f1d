import { useState } from 'react';
import { Button, Card, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../format';
import { currentLanguage } from '../i18n';
import { ErrorAlert } from '../layout/ErrorAlert';
import { Page } from '../layout/Page';
import { viewingApi } from './api';

/** "Who saw camera X between 21:00 and 21:05 on 3 March?" (SOE-7.2): view sessions whose watched footage overlaps the window. */
export function WhoSawPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [cameraId, setCameraId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [query, setQuery] = useState<{ cameraId: string; from: string; to: string } | null>(null);
  const cameras = useQuery({ queryKey: ['viewing-search-cameras'], queryFn: ({ signal }) => viewingApi.searchCameras(signal), staleTime: 60_000 });
  const result = useQuery({
    queryKey: ['viewing-search', query],
    queryFn: ({ signal }) => viewingApi.search(query!.cameraId, query!.from, query!.to, signal),
    enabled: !!query,
  });
  return (
    <Page title={t('viewing.search.title')} intro={t('viewing.search.intro')}>
      <Card>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!cameraId) return;
            setQuery({ cameraId: cameraId.trim(), from: new Date(from).toISOString(), to: new Date(to).toISOString() });
          }}
        >
          <Group align="flex-end">
            <Select
              label={t('viewing.search.camera')}
              placeholder={t('viewing.search.cameraPlaceholder')}
              data={(cameras.data?.cameras ?? []).map((c) => ({ value: c.id, label: c.inRegister ? `${c.siteName} · ${c.name}` : t('viewing.search.notInRegister', { id: c.id }) }))}
              value={cameraId || null}
              onChange={(v) => setCameraId(v ?? '')}
              searchable
              required
              miw={260}
              comboboxProps={{ withinPortal: true }}
            />
            <TextInput type="datetime-local" step={1} label={t('viewing.search.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} required />
            <TextInput type="datetime-local" step={1} label={t('viewing.search.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} required />
            <Button type="submit" disabled={!cameraId}>{t('viewing.search.submit')}</Button>
          </Group>
        </form>
      </Card>
      {result.error ? <ErrorAlert error={result.error} /> : null}
      {result.data ? (
        result.data.results.length === 0 ? (
          <Text>{t('viewing.search.none')}</Text>
        ) : (
          <Table striped data-testid="viewing-search-results">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('viewing.search.who')}</Table.Th>
                <Table.Th>{t('viewing.search.reason')}</Table.Th>
                <Table.Th>{t('viewing.search.watched')}</Table.Th>
                <Table.Th>{t('viewing.search.started')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.data.results.map(({ session, ranges }) => (
                <Table.Tr key={session.id}>
                  <Table.Td>
                    {session.user.displayName} ({session.user.username}, {session.user.role})
                    {session.identification ? <Text size="xs">{session.identification}</Text> : null}
                  </Table.Td>
                  <Table.Td>
                    {session.caseRef ?? session.reason} {session.reasonText ? `— ${session.reasonText}` : ''} ({session.rule})
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={0}>
                      {ranges.map((r) => (
                        <Text key={`${r.from}-${r.to}`} size="sm">
                          {formatDateTime(r.from, language)} – {formatDateTime(r.to, language)}
                        </Text>
                      ))}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    {formatDateTime(session.startedAt, language)} · {t('viewing.search.entry', { seq: session.logbookSeq })}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )
      ) : null}
    </Page>
  );
}
