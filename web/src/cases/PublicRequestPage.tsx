import { useState, type FormEvent } from 'react';
import { Alert, Button, Card, Group, List, Radio, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useMe } from '../api/queries';
import { useFieldErrors } from '../i18n/errors';
import { ErrorAlert } from '../layout/ErrorAlert';
import { Page } from '../layout/Page';
import { filePublicRequest, usePublicForm } from './api';
import { useBilingual } from './parts';
import type { PublicReceipt, PublicRequestInput } from './types';

const empty = { kind: 'access' as PublicRequestInput['kind'], name: '', contact: '', location: '', date: '', startTime: '', endTime: '', description: '' };
type Field = keyof typeof empty;

/** Today in Amsterdam (YYYY-MM-DD): the latest date the form accepts. */
const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(new Date());

/**
 * The public request page (no account): a resident asks to see footage of themselves, to have it
 * erased, or objects. No identity documents: identity is checked in person, when it matters.
 */
export function PublicRequestPage() {
  const { t } = useTranslation();
  const say = useBilingual();
  const info = usePublicForm();
  const me = useMe();
  const fieldErrors = useFieldErrors();
  const [values, setValues] = useState(empty);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [receipt, setReceipt] = useState<PublicReceipt | null>(null);
  const file = useMutation({
    mutationFn: () => filePublicRequest(values, info.data?.formToken ?? '', me.data?.stage ? me.data.csrfToken : undefined),
    onSuccess: (result) => setReceipt(result),
    onError: (error) => setErrors(fieldErrors(error) as Partial<Record<Field, string>>),
  });
  const set = (field: Field, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    const next: Partial<Record<Field, string>> = {};
    for (const field of ['name', 'contact', 'location', 'date', 'startTime', 'endTime', 'description'] as const) if (!values[field].trim()) next[field] = t('validation.required');
    if (values.contact.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.contact.trim()) && !/^\+?[0-9 ()-]{8,20}$/.test(values.contact.trim())) next.contact = t('cases.public.contactFormat');
    if (values.startTime && values.endTime && values.endTime <= values.startTime) next.endTime = t('cases.public.endAfterStart');
    setErrors(next);
    if (Object.keys(next).length === 0) file.mutate();
  }

  if (receipt) {
    return (
      <Page title={t('cases.public.receivedTitle')}>
        <Alert color="green" variant="light" title={t('cases.public.reference', { reference: receipt.reference })} role="status">
          {t('cases.public.keepReference')}
        </Alert>
        <Card>
          <Stack gap="xs">
            <Text fw={600}>{t('cases.public.whatNext')}</Text>
            <List spacing="xs">{receipt.whatNext.map((line, i) => <List.Item key={i}>{say(line)}</List.Item>)}</List>
          </Stack>
        </Card>
      </Page>
    );
  }

  const kinds = info.data?.kinds ?? [];
  return (
    <Page title={t('cases.public.title')} intro={info.data ? t('cases.public.intro', { organisation: info.data.organisation }) : undefined}>
      <ErrorAlert error={info.error} />
      <Card maw={820}>
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            {file.isError && Object.keys(errors).length === 0 && <ErrorAlert error={file.error} />}
            <Radio.Group label={t('cases.public.what')} value={values.kind} onChange={(v) => set('kind', v as PublicRequestInput['kind'])} withAsterisk>
              <Stack mt="xs" gap="xs">
                {kinds.map((k) => <Radio key={k.kind} value={k.kind} label={`${t(`cases.public.kind.${k.kind}`)} — ${say(k.term)}`} />)}
              </Stack>
            </Radio.Group>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('cases.public.name')} withAsterisk autoComplete="name" value={values.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name} />
              <TextInput label={t('cases.public.contact')} description={t('cases.public.contactHint')} withAsterisk autoComplete="email" value={values.contact} onChange={(e) => set('contact', e.currentTarget.value)} error={errors.contact} />
            </SimpleGrid>
            <TextInput label={t('cases.public.location')} description={t('cases.public.locationHint')} withAsterisk value={values.location} onChange={(e) => set('location', e.currentTarget.value)} error={errors.location} />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput label={t('cases.public.date')} type="date" max={today()} withAsterisk value={values.date} onChange={(e) => set('date', e.currentTarget.value)} error={errors.date} />
              <TextInput label={t('cases.public.start')} type="time" withAsterisk value={values.startTime} onChange={(e) => set('startTime', e.currentTarget.value)} error={errors.startTime} />
              <TextInput label={t('cases.public.end')} type="time" withAsterisk value={values.endTime} onChange={(e) => set('endTime', e.currentTarget.value)} error={errors.endTime} />
            </SimpleGrid>
            <Text size="xs" c="dimmed">{t('cases.public.windowHint', { days: info.data?.retentionDays ?? 28 })}</Text>
            <Textarea label={t('cases.public.description')} description={t('cases.public.descriptionHint')} withAsterisk autosize minRows={3} maxLength={2000} value={values.description} onChange={(e) => set('description', e.currentTarget.value)} error={errors.description} />
            <Alert color="blue" variant="light">{t('cases.public.noIdentity')}</Alert>
            <Group justify="flex-end">
              <Button type="submit" loading={file.isPending} disabled={!info.data}>{t('cases.public.submit')}</Button>
            </Group>
          </Stack>
        </form>
      </Card>
    </Page>
  );
}
