import { useState } from 'react';
import { Button, Card, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ErrorAlert } from '../layout/ErrorAlert';
import { useAssignees, useRequestStep } from './api';
import { requestFacts, type FootageSearch, type RequestDetail, type RequestEvent, type RequestFact } from './types';

/** The steps the request's state machine offers now; the server checks the profile again and names the rule when it refuses. */
export function RequestSteps({ request }: { request: RequestDetail }) {
  const { t } = useTranslation();
  const step = useRequestStep(request.id);
  const assignees = useAssignees();
  const [fact, setFact] = useState<RequestFact | null>(null);
  const [note, setNote] = useState('');
  const [assignee, setAssignee] = useState<string | null>(request.assignee?.id ?? null);
  const [reason, setReason] = useState('');
  const search = useMutation({ mutationFn: () => api<FootageSearch>(`/api/cases/requests/${request.id}/footage-search`, { method: 'POST' }) });
  const has = (name: RequestEvent) => request.possibleSteps.includes(name);
  const simple = (['confirm_in_writing', 'start_review', 'approve', 'carry_out', 'close'] as const satisfies readonly RequestEvent[]).filter(has);
  const needed = new Set([...request.pending.beforeDecision, ...request.pending.beforeCarryingOut].map((v) => v.code));

  if (request.possibleSteps.length === 0) return null;
  return (
    <Card>
      <Stack gap="md">
        <Title order={3} size="h4">{t('cases.steps.title')}</Title>
        <ErrorAlert error={step.error ?? search.error} />
        {simple.length > 0 && (
          <Group gap="sm">
            {simple.map((name) => (
              <Button key={name} variant={name === 'close' || name === 'approve' ? 'filled' : 'default'} loading={step.isPending && step.variables?.type === name} onClick={() => step.mutate({ type: name })}>
                {t(`cases.steps.${name}` as 'cases.steps.close')}
              </Button>
            ))}
          </Group>
        )}
        {request.details.window && (
          <Group gap="sm" align="center">
            <Button variant="default" onClick={() => search.mutate()} loading={search.isPending}>{t('cases.steps.searchFootage')}</Button>
            {search.data && (
              <Text size="sm" role="status">
                {search.data.available ? search.data.found.map((f) => t('cases.steps.footageFound', { camera: f.cameraName, seconds: f.coveredSeconds })).join('; ') || t('cases.steps.noCameras') : t('cases.steps.noRecorder')}
              </Text>
            )}
          </Group>
        )}
        {has('record_fact') && (
          <Group align="flex-end" gap="sm" wrap="wrap">
            <Select
              label={t('cases.steps.fact')}
              w={320}
              data={requestFacts.map((f) => ({ value: f, label: `${t(`cases.fact.${f}`)}${request.facts[f] ? ' ✓' : ''}` }))}
              value={fact}
              onChange={(v) => setFact(v as RequestFact | null)}
              searchable
              comboboxProps={{ withinPortal: true }}
            />
            <TextInput label={t('cases.steps.note')} w={320} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
            <Button variant="default" disabled={!fact} loading={step.isPending && step.variables?.type === 'record_fact'} onClick={() => fact && step.mutate({ type: 'record_fact', fact, note: note.trim() || undefined }, { onSuccess: () => { setFact(null); setNote(''); } })}>
              {t('cases.steps.record')}
            </Button>
          </Group>
        )}
        {needed.size > 0 && <Text size="xs" c="dimmed">{t('cases.steps.factsHint')}</Text>}
        {has('assign') && (
          <Group align="flex-end" gap="sm">
            <Select label={t('cases.fields.assignee')} w={320} data={(assignees.data?.users ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${t(`roles.${u.role}` as 'roles.admin')})` }))} value={assignee} onChange={setAssignee} comboboxProps={{ withinPortal: true }} />
            <Button variant="default" disabled={!assignee} onClick={() => assignee && step.mutate({ type: 'assign', assigneeId: assignee })}>{t('cases.steps.assign')}</Button>
          </Group>
        )}
        {(has('extend') || has('withdraw') || has('reject_proposal')) && (
          <Group align="flex-end" gap="sm">
            <TextInput label={t('cases.steps.reason')} w={420} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
            {has('extend') && <Button variant="default" disabled={!reason.trim()} onClick={() => step.mutate({ type: 'extend', reason: reason.trim() })}>{t('cases.steps.extend')}</Button>}
            {has('reject_proposal') && <Button variant="default" disabled={!reason.trim()} onClick={() => step.mutate({ type: 'reject_proposal', reasons: reason.trim() })}>{t('cases.steps.reject_proposal')}</Button>}
            {has('withdraw') && <Button variant="subtle" color="red" disabled={!reason.trim()} onClick={() => step.mutate({ type: 'withdraw', reason: reason.trim() })}>{t('cases.steps.withdraw')}</Button>}
          </Group>
        )}
      </Stack>
    </Card>
  );
}
