import { useState } from 'react';
import { Anchor, Badge, Button, Card, Group, NumberInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { can } from '../api/queries';
import type { Me } from '../api/types';
import { formatDateTime } from '../format';
import { currentLanguage } from '../i18n';
import { ErrorAlert } from '../layout/ErrorAlert';
import { Page, Section } from '../layout/Page';
import { linkClick, useSearchParam } from '../router';
import { useCameras, useIncident, useIncidentStep, useReleaseHold, useSecureFootage } from './api';
import { CaseTimeline, Fact } from './parts';
import './cases.css';

/** One incident: its facts, its holds (secure more, release when the profile allows), and its steps. */
export function IncidentPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const id = useSearchParam('id');
  const query = useIncident(id);
  const cameras = useCameras();
  const secure = useSecureFootage(id);
  const step = useIncidentStep(id);
  const release = useReleaseHold();
  const [margins, setMargins] = useState({ pre: 15, post: 15 });
  const [text, setText] = useState('');
  const incident = query.data?.incident;
  const manage = can(me, 'incident.manage');
  if (!incident) return <Page title={t('cases.incidents.title')}><ErrorAlert error={query.error} /></Page>;
  const names = incident.cameraIds.map((cid) => cameras.data?.cameras.find((c) => c.id === cid)?.name ?? cid).join(', ');

  return (
    <Page title={`${t(`cases.incidentType.${incident.type}`)} · ${incident.ref}`} intro={<Anchor href="/cases/incidents" onClick={linkClick('/cases/incidents')}>{t('cases.incidents.back')}</Anchor>}>
      <Card>
        <dl className="case-facts">
          <Fact label={t('cases.fields.state')}><Badge variant="dot">{t(`cases.incidents.status.${incident.status}`)}</Badge></Fact>
          <Fact label={t('cases.incidents.when')}>{`${formatDateTime(incident.occurredFrom, language)} – ${formatDateTime(incident.occurredTo, language)}`}</Fact>
          <Fact label={t('cases.incidents.place')}>{incident.place}</Fact>
          <Fact label={t('cases.fields.cameras')}>{names}</Fact>
          <Fact label={t('cases.incidents.reporter')}>{incident.reporter}</Fact>
          <Fact label={t('cases.incidents.policeReport')}>{incident.policeReport.ref}</Fact>
          <Fact label={t('cases.incidents.consultation')}>{incident.consultation ? `${formatDateTime(incident.consultation.at, language)} · ${incident.consultation.notes ?? ''}` : null}</Fact>
          <Fact label={t('cases.incidents.judgment')}>{incident.judgment ? `${incident.judgment.ref} · ${formatDateTime(incident.judgment.at, language)}` : null}</Fact>
          {incident.aggressionReport && <Fact label={t('cases.incidents.aggressionReport')}>{incident.aggressionReport}</Fact>}
        </dl>
        <Text mt="sm">{incident.description}</Text>
      </Card>
      <ErrorAlert error={secure.error ?? step.error ?? release.error} />
      <Section title={t('cases.holds.title')}>
        <Card padding={0}>
          <Table>
            <Table.Tbody>
              {incident.holds.map((hold) => (
                <Table.Tr key={hold.id}>
                  <Table.Td>{t(`cases.holdKind.${hold.kind}` as 'cases.holdKind.incident')}</Table.Td>
                  <Table.Td><Text size="sm">{formatDateTime(hold.from, language)} – {formatDateTime(hold.to, language)}</Text></Table.Td>
                  <Table.Td><Text size="sm">{hold.releasedAt ? t('cases.holds.released', { date: formatDateTime(hold.releasedAt, language) }) : t('cases.holds.review', { date: formatDateTime(hold.reviewAt, language) })}</Text></Table.Td>
                  <Table.Td>
                    {!hold.releasedAt && can(me, 'hold.release') && (
                      <Button size="xs" variant="default" disabled={!text.trim()} onClick={() => release.mutate({ id: hold.id, reason: text.trim() })}>{t('cases.holds.release')}</Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
              {incident.holds.length === 0 && <Table.Tr><Table.Td><Text c="dimmed" size="sm">{t('cases.holds.none')}</Text></Table.Td></Table.Tr>}
            </Table.Tbody>
          </Table>
        </Card>
      </Section>
      {manage && (
        <Card>
          <Stack gap="sm">
            <Title order={3} size="h4">{t('cases.steps.title')}</Title>
            <Group align="flex-end">
              <NumberInput label={t('cases.incidents.preMargin')} w={180} min={0} max={1440} value={margins.pre} onChange={(v) => setMargins((m) => ({ ...m, pre: Number(v) || 0 }))} />
              <NumberInput label={t('cases.incidents.postMargin')} w={180} min={0} max={1440} value={margins.post} onChange={(v) => setMargins((m) => ({ ...m, post: Number(v) || 0 }))} />
              <Button onClick={() => secure.mutate({ preMarginMinutes: margins.pre, postMarginMinutes: margins.post })} loading={secure.isPending}>{t('cases.incidents.secure')}</Button>
            </Group>
            <TextInput label={t('cases.incidents.stepText')} description={t('cases.incidents.stepTextHint')} value={text} onChange={(e) => setText(e.currentTarget.value)} />
            <Group gap="sm">
              <Button variant="default" disabled={!text.trim()} onClick={() => step.mutate({ type: 'police_report', ref: text.trim() })}>{t('cases.incidents.recordPoliceReport')}</Button>
              <Button variant="default" onClick={() => step.mutate({ type: 'proceedings' })}>{t('cases.incidents.recordProceedings')}</Button>
              <Button variant="default" disabled={!text.trim()} onClick={() => step.mutate({ type: 'police_consultation', notes: text.trim() })}>{t('cases.incidents.recordConsultation')}</Button>
              <Button variant="default" disabled={!text.trim()} onClick={() => step.mutate({ type: 'judgment', ref: text.trim() })}>{t('cases.incidents.recordJudgment')}</Button>
              {incident.status === 'open' && <Button onClick={() => step.mutate({ type: 'handled', notes: text.trim() || undefined })}>{t('cases.incidents.markHandled')}</Button>}
            </Group>
          </Stack>
        </Card>
      )}
      <Section title={t('cases.request.timeline')}>
        <CaseTimeline events={incident.timeline} />
      </Section>
    </Page>
  );
}
