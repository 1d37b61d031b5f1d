import { useState } from 'react';
import { Alert, Anchor, Button, Card, Group, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { can } from '../api/queries';
import type { Me } from '../api/types';
import { formatDate, formatDateTime } from '../format';
import { currentLanguage } from '../i18n';
import { ErrorAlert } from '../layout/ErrorAlert';
import { Page, Section } from '../layout/Page';
import { linkClick, useSearchParam } from '../router';
import { useCameras, useRequest } from './api';
import { DecideForm } from './DecideForm';
import { DocumentsSection } from './DocumentsSection';
import { EditRequestModal } from './EditRequestModal';
import { ExportsSection } from '../exports/ExportsSection';
import { CaseTimeline, DeadlineBadge, Fact, StateBadge, useBilingual } from './parts';
import { RequestSteps } from './RequestSteps';
import './cases.css';

/** One request: its facts, the protocol's view of it, the steps left, the decision, its documents and its timeline. */
export function RequestPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const say = useBilingual();
  const id = useSearchParam('id');
  const query = useRequest(id);
  const cameras = useCameras();
  const request = query.data?.request;
  const handle = can(me, 'cases.handle');
  const [editing, setEditing] = useState(false);

  if (!request) {
    return (
      <Page title={t('cases.request.title')}>
        <ErrorAlert error={query.error} />
        {query.isPending && <Text c="dimmed">{t('common.loading')}</Text>}
      </Page>
    );
  }
  const window = request.details.window;
  const cameraNames = (window?.cameraIds ?? []).map((cid) => cameras.data?.cameras.find((c) => c.id === cid)?.name ?? cid);
  const pending = [...request.pending.beforeDecision, ...request.pending.beforeCarryingOut];
  const deciding = request.possibleSteps.includes('allow') || request.possibleSteps.includes('refuse') || request.possibleSteps.includes('propose_allow');

  return (
    <Page title={`${t(`cases.kind.${request.kind}`)} · ${request.ref}`} intro={<Anchor href="/cases" onClick={linkClick('/cases')}>{t('cases.request.back')}</Anchor>}>
      <Card>
        <dl className="case-facts">
          <Fact label={t('cases.fields.state')}><StateBadge state={request.state} /></Fact>
          <Fact label={t('cases.fields.deadline')}>
            <DeadlineBadge status={request.deadlineStatus} due={request.deadline.extendedDue ?? request.deadline.due} />
            <Text size="xs" c="dimmed">{request.deadline.rule}{request.deadline.extendedDue ? ` · ${t('cases.request.extended', { date: formatDate(request.deadline.extendedDue, language) })}` : ''}</Text>
          </Fact>
          <Fact label={t('cases.fields.received')}>{`${formatDateTime(request.receivedAt, language)} · ${t(`cases.channel.${request.channel}`)}`}</Fact>
          <Fact label={t('cases.fields.requester')}>{[request.requester.name, request.requester.organisation].filter(Boolean).join(', ')}</Fact>
          <Fact label={t('cases.fields.contact')}>{request.requester.contact}</Fact>
          <Fact label={t('cases.fields.assignee')}>{request.assignee?.name}</Fact>
          <Fact label={t('cases.fields.window')}>{window ? `${window.location} · ${formatDateTime(window.from, language)} – ${formatDateTime(window.to, language)}` : null}</Fact>
          <Fact label={t('cases.fields.cameras')}>{cameraNames.join(', ')}</Fact>
          {request.details.officer && <Fact label={t('cases.fields.officer')}>{[request.details.officer, request.details.unit].filter(Boolean).join(', ')}</Fact>}
          {request.details.legalBasis && <Fact label={t('cases.fields.legalBasis')}>{request.details.legalBasis}</Fact>}
          {request.details.recipient && <Fact label={t('cases.fields.recipient')}>{t(`cases.recipient.${request.details.recipient}` as 'cases.recipient.police')}</Fact>}
          {request.writtenConfirmationDue && <Fact label={t('cases.fields.writtenConfirmationDue')}>{formatDate(request.writtenConfirmationDue, language)}</Fact>}
        </dl>
        {(request.details.description || request.details.motivation) && <Text mt="sm">{request.details.description ?? request.details.motivation}</Text>}
        {request.details.identification && (
          <Text size="xs" c="dimmed" mt="xs">{t('cases.police.identifiedAs', { account: request.details.identification.username, number: request.details.identification.serviceNumber })}</Text>
        )}
        {handle && !['carried_out', 'closed', 'withdrawn'].includes(request.state) && (
          <Group justify="flex-end" mt="sm">
            <Button variant="light" size="xs" onClick={() => setEditing(true)}>{t('cases.edit.open')}</Button>
          </Group>
        )}
      </Card>
      {editing && <EditRequestModal request={request} opened={editing} onClose={() => setEditing(false)} />}

      <Alert color={request.assessment.allowed ? 'blue' : 'red'} variant="light" title={request.assessment.allowed ? t('cases.request.permitted', { rule: request.assessment.rule }) : t('cases.request.notPermitted', { rule: request.assessment.rule })}>
        {say(request.assessment.message)}
      </Alert>

      {request.decision && (
        <Alert color={request.decision.decision === 'allow' ? 'green' : 'orange'} variant="light" title={t(`cases.request.decided.${request.decision.decision}`, { rule: request.decision.rule })}>
          {request.decision.outcome && request.decision.decision === 'allow' && <Text size="sm">{t(`cases.outcome.${request.decision.outcome}` as 'cases.outcome.viewing')}</Text>}
          {request.decision.ground && <Text size="sm">{t(`cases.ground.${request.decision.ground}` as 'cases.ground.rights_of_others')}</Text>}
          <Text size="sm">{request.decision.reasons}</Text>
          <Text size="xs" c="dimmed">{formatDateTime(request.decision.decidedAt, language)} · {request.decision.decidedBy}</Text>
        </Alert>
      )}

      {pending.length > 0 && (
        <Section title={t('cases.request.pending')}>
          <List size="sm">
            {pending.map((v) => <List.Item key={v.code}>{say(v.message)}</List.Item>)}
          </List>
        </Section>
      )}

      {handle && (
        <Stack gap="md">
          <RequestSteps request={request} />
          {deciding && <DecideForm request={request} />}
        </Stack>
      )}

      <DocumentsSection request={request} canHandle={handle} />
      <ExportsSection me={me} request={request} />
      {can(me, 'redaction.manage') && ['access', 'third-party', 'police'].includes(request.kind) && (
        <Anchor href={`/cases/redaction?request=${encodeURIComponent(request.id)}`} onClick={linkClick(`/cases/redaction?request=${encodeURIComponent(request.id)}`)}>{t('redaction.open')}</Anchor>
      )}

      {request.holds.length > 0 && (
        <Section title={t('cases.holds.title')}>
          <List size="sm">
            {request.holds.map((hold) => (
              <List.Item key={hold.id}>
                {t(`cases.holdKind.${hold.kind}` as 'cases.holdKind.incident')} · {formatDateTime(hold.from, language)} – {formatDateTime(hold.to, language)} · {hold.releasedAt ? t('cases.holds.released', { date: formatDateTime(hold.releasedAt, language) }) : t('cases.holds.active')}
              </List.Item>
            ))}
          </List>
        </Section>
      )}

      <Section title={t('cases.request.timeline')}>
        <CaseTimeline events={request.timeline} />
      </Section>
    </Page>
  );
}
