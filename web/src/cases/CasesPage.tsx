import { useState } from 'react';
import { Anchor, Button, Card, Group, SegmentedControl, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { can } from '../api/queries';
import type { Me } from '../api/types';
import { formatDate } from '../format';
import { currentLanguage } from '../i18n';
import { ErrorAlert } from '../layout/ErrorAlert';
import { Page } from '../layout/Page';
import { linkClick } from '../router';
import { useRequests } from './api';
import { CasesNav } from './CasesNav';
import { FileRequestModal } from './FileRequestModal';
import { DeadlineBadge, StateBadge } from './parts';
import './cases.css';

/** Requests, the one whose deadline runs out first on top (overdue, due within two working days, then by date). */
export function CasesPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [view, setView] = useState<'open' | 'all'>('open');
  const [filing, setFiling] = useState(false);
  const requests = useRequests(view);

  const rows = (requests.data?.requests ?? []).map((request) => {
    const to = `/cases/request?id=${encodeURIComponent(request.id)}`;
    return (
      <Table.Tr key={request.id}>
        <Table.Td>
          <Anchor href={to} onClick={linkClick(to)} fw={600}>
            {request.ref}
          </Anchor>
          <Text size="xs" c="dimmed">{t(`cases.kind.${request.kind}`)}</Text>
        </Table.Td>
        <Table.Td>
          <Text size="sm">{request.requester.name}</Text>
          {request.publicFiling && <Text size="xs" c="dimmed">{t('cases.requests.viaPublicForm')}</Text>}
        </Table.Td>
        <Table.Td>
          <Text size="sm">{formatDate(request.receivedAt, language)}</Text>
        </Table.Td>
        <Table.Td>
          <DeadlineBadge status={request.deadlineStatus} due={request.deadline.extendedDue ?? request.deadline.due} />
          <Text size="xs" c="dimmed">{request.deadline.rule}</Text>
        </Table.Td>
        <Table.Td>
          <StateBadge state={request.state} />
        </Table.Td>
        <Table.Td>
          <Text size="sm">{request.assignee?.name ?? '—'}</Text>
        </Table.Td>
      </Table.Tr>
    );
  });

  return (
    <Page
      title={t('cases.requests.title')}
      intro={t('cases.requests.intro')}
      actions={can(me, 'cases.handle') ? <Button onClick={() => setFiling(true)}>{t('cases.requests.file')}</Button> : undefined}
    >
      <CasesNav me={me} />
      <ErrorAlert error={requests.error} />
      <Group>
        <SegmentedControl
          aria-label={t('cases.requests.view')}
          value={view}
          onChange={(value) => setView(value as 'open' | 'all')}
          data={[
            { value: 'open', label: t('cases.requests.open') },
            { value: 'all', label: t('cases.requests.all') },
          ]}
        />
      </Group>
      <Card padding={0}>
        <Table.ScrollContainer minWidth={760}>
          <Table aria-busy={requests.isPending}>
            <Table.Caption>{t('cases.requests.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('cases.fields.reference')}</Table.Th>
                <Table.Th>{t('cases.fields.requester')}</Table.Th>
                <Table.Th>{t('cases.fields.received')}</Table.Th>
                <Table.Th>{t('cases.fields.deadline')}</Table.Th>
                <Table.Th>{t('cases.fields.state')}</Table.Th>
                <Table.Th>{t('cases.fields.assignee')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.length > 0 ? rows : (
                <Table.Tr>
                  <Table.Td colSpan={6}>
                    <Text c="dimmed">{requests.isPending ? t('common.loading') : t('cases.requests.none')}</Text>
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      <FileRequestModal opened={filing} onClose={() => setFiling(false)} />
    </Page>
  );
}
