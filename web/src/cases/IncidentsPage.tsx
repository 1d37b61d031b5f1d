import { useState } from 'react';
import { Anchor, Badge, Button, Card, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { can } from '../api/queries';
import type { Me } from '../api/types';
import { formatDateTime } from '../format';
import { currentLanguage } from '../i18n';
import { ErrorAlert } from '../layout/ErrorAlert';
import { Page } from '../layout/Page';
import { linkClick } from '../router';
import { useIncidents } from './api';
import { CasesNav } from './CasesNav';
import { ReportIncidentModal } from './ReportIncidentModal';
import './cases.css';

export function IncidentsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const incidents = useIncidents();
  const [reporting, setReporting] = useState(false);
  return (
    <Page title={t('cases.incidents.title')} intro={t('cases.incidents.intro')} actions={can(me, 'incident.manage') ? <Button onClick={() => setReporting(true)}>{t('cases.incidents.report')}</Button> : undefined}>
      <CasesNav me={me} />
      <ErrorAlert error={incidents.error} />
      <Card padding={0}>
        <Table.ScrollContainer minWidth={640}>
          <Table aria-busy={incidents.isPending}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('cases.fields.reference')}</Table.Th>
                <Table.Th>{t('cases.incidents.type')}</Table.Th>
                <Table.Th>{t('cases.incidents.when')}</Table.Th>
                <Table.Th>{t('cases.incidents.place')}</Table.Th>
                <Table.Th>{t('cases.fields.state')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(incidents.data?.incidents ?? []).map((incident) => {
                const to = `/cases/incident?id=${encodeURIComponent(incident.id)}`;
                return (
                  <Table.Tr key={incident.id}>
                    <Table.Td><Anchor href={to} onClick={linkClick(to)} fw={600}>{incident.ref}</Anchor></Table.Td>
                    <Table.Td>{t(`cases.incidentType.${incident.type}`)}</Table.Td>
                    <Table.Td><Text size="sm">{formatDateTime(incident.occurredFrom, language)}</Text></Table.Td>
                    <Table.Td><Text size="sm">{incident.place}</Text></Table.Td>
                    <Table.Td><Badge variant="dot" color={incident.status === 'open' ? 'blue' : 'gray'}>{t(`cases.incidents.status.${incident.status}`)}</Badge></Table.Td>
                  </Table.Tr>
                );
              })}
              {incidents.data?.incidents.length === 0 && (
                <Table.Tr><Table.Td colSpan={5}><Text c="dimmed">{t('cases.incidents.none')}</Text></Table.Td></Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      <ReportIncidentModal opened={reporting} onClose={() => setReporting(false)} />
    </Page>
  );
}
