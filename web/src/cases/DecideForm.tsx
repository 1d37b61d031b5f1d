import { useState, type FormEvent } from 'react';
import { Button, Card, Group, Radio, Select, Stack, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../layout/ErrorAlert';
import { useRequestStep } from './api';
import { refusalGrounds, type Ground, type Outcome, type RequestDetail } from './types';

/** The decision: allow with an outcome the profile knows, or refuse on a ground it knows; always with reasons. */
export function DecideForm({ request }: { request: RequestDetail }) {
  const { t } = useTranslation();
  const step = useRequestStep(request.id);
  const permitted = request.assessment.allowed;
  const [decision, setDecision] = useState<'allow' | 'refuse'>(permitted ? 'allow' : 'refuse');
  const [outcome, setOutcome] = useState<Outcome | null>(request.outcomes[0] ?? null);
  const [ground, setGround] = useState<Ground | null>(permitted ? null : 'not_permitted_by_protocol');
  const [reasons, setReasons] = useState('');
  const [missing, setMissing] = useState<string | null>(null);

  // The profile's grounds with their rules; without a list, the AVG's grounds (and never "not permitted" when it is).
  const grounds: { value: Ground; label: string }[] = request.refusalGrounds.length
    ? request.refusalGrounds.map((g) => ({ value: g.ground, label: `${t(`cases.ground.${g.ground}`)} (${g.rule})` }))
    : refusalGrounds.filter((g) => g !== 'not_permitted_by_protocol').map((g) => ({ value: g, label: t(`cases.ground.${g}`) }));
  if (!permitted) grounds.unshift({ value: 'not_permitted_by_protocol', label: `${t('cases.ground.not_permitted_by_protocol')} (${request.assessment.rule})` });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!reasons.trim()) return setMissing('reasons');
    if (decision === 'allow') {
      if (!outcome) return setMissing('outcome');
      setMissing(null);
      return step.mutate({ type: 'decide', decision, reasons: reasons.trim(), outcome });
    }
    if (!ground) return setMissing('ground');
    setMissing(null);
    step.mutate({ type: 'decide', decision, reasons: reasons.trim(), ground });
  }

  return (
    <Card>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={3} size="h4">{t('cases.decide.title')}</Title>
          <ErrorAlert error={step.error} />
          <Radio.Group label={t('cases.decide.decision')} value={decision} onChange={(v) => setDecision(v as 'allow' | 'refuse')}>
            <Group mt="xs">
              <Radio value="allow" label={t('cases.decide.allow')} disabled={!permitted} />
              <Radio value="refuse" label={t('cases.decide.refuse')} />
            </Group>
          </Radio.Group>
          {decision === 'allow' ? (
            <Select label={t('cases.decide.outcome')} data={request.outcomes.map((o) => ({ value: o, label: t(`cases.outcome.${o}` as 'cases.outcome.viewing') }))} value={outcome} onChange={(v) => setOutcome(v as Outcome | null)} error={missing === 'outcome' ? t('validation.required') : undefined} allowDeselect={false} />
          ) : (
            <Select label={t('cases.decide.ground')} data={grounds} value={ground} onChange={(v) => setGround(v as Ground | null)} error={missing === 'ground' ? t('validation.required') : undefined} allowDeselect={false} />
          )}
          <Textarea label={t('cases.decide.reasons')} withAsterisk autosize minRows={3} value={reasons} onChange={(e) => setReasons(e.currentTarget.value)} error={missing === 'reasons' ? t('validation.required') : undefined} />
          <Group justify="flex-end">
            <Button type="submit" loading={step.isPending}>{request.fourEyes.required && decision === 'allow' ? t('cases.decide.propose') : t('cases.decide.submit')}</Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
