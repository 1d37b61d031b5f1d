import { Badge, Card, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Me } from '../api/types';
import { formatDateTime } from '../format';
import { currentLanguage } from '../i18n';
import { ErrorAlert } from '../layout/ErrorAlert';
import { Page } from '../layout/Page';
import { useViewingLog } from './api';
import { CasesNav } from './CasesNav';

/** Every request to see or receive footage, its decision (refusals too) and the signed declarations (SOE-10.6). Confidential. */
export function ViewingLogPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const log = useViewingLog();
  const data = log.data?.log;
  const title = data?.rule ? data.title : t('cases.viewingLog.title');
  return (
    <Page title={title} intro={data?.rule ? t('cases.viewingLog.introRule', { rule: data.rule }) : t('cases.viewingLog.intro')}>
      <CasesNav me={me} />
      <ErrorAlert error={log.error} />
      <Card padding={0}>
        <Table.ScrollContainer minWidth={900}>
          <Table aria-busy={log.isPending}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('cases.fields.reference')}</Table.Th>
                <Table.Th>{t('cases.viewingLog.who')}</Table.Th>
                <Table.Th>{t('cases.viewingLog.why')}</Table.Th>
                <Table.Th>{t('cases.viewingLog.decision')}</Table.Th>
                <Table.Th>{t('cases.viewingLog.declarations')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(data?.entries ?? []).map((entry) => (
                <Table.Tr key={entry.ref}>
                  <Table.Td><Text fw={600}>{entry.ref}</Text><Text size="xs" c="dimmed">{t(`cases.kind.${entry.kind}`)} · {formatDateTime(entry.receivedAt, language)}</Text></Table.Td>
                  <Table.Td><Text size="sm">{entry.requester}</Text></Table.Td>
                  <Table.Td><Text size="sm">{entry.why ?? '—'}</Text></Table.Td>
                  <Table.Td>
                    {entry.decision ? (
                      <>
                        <Badge color={entry.decision.decision === 'allow' ? 'green' : 'orange'} variant="light">{t(`cases.viewingLog.${entry.decision.decision}`, { rule: entry.decision.rule })}</Badge>
                        <Text size="xs" c="dimmed">{entry.decision.by} · {formatDateTime(entry.decision.at, language)}</Text>
                      </>
                    ) : <Text size="sm" c="dimmed">{t(`cases.state.${entry.state}`)}</Text>}
                  </Table.Td>
                  <Table.Td>
                    {entry.declarations.map((d) => <Text key={d.sha256} size="xs">{t(`cases.document.${d.kind}`)} · {d.signer ?? '—'} · {formatDateTime(d.signedAt, language)}</Text>)}
                  </Table.Td>
                </Table.Tr>
              ))}
              {data?.entries.length === 0 && <Table.Tr><Table.Td colSpan={5}><Text c="dimmed">{t('cases.viewingLog.none')}</Text></Table.Td></Table.Tr>}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
    </Page>
  );
}
