import { useState, type FormEvent } from 'react';
import { Alert, Button, Card, Group, SimpleGrid, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Me } from '../api/types';
import { amsterdamToIso, formatDate } from '../format';
import { useFieldErrors } from '../i18n/errors';
import { currentLanguage } from '../i18n';
import { ErrorAlert } from '../layout/ErrorAlert';
import { Page, Section } from '../layout/Page';
import { useFilePoliceRequest, useOwnPoliceRequests } from './api';
import { StateBadge } from './parts';
import './cases.css';

const empty = {
  officer: '', serviceNumber: '', unit: '', legalBasis: 'art. 126nda Sv', personsConcerned: '', dataRequested: '', deliveryDeadline: '', deliveryManner: '',
  description: '', location: '', from: '', to: '',
};

/**
 * A police officer or prosecutor files their own vordering (art. 126nd/126nda Sv) and follows it.
 * Their account identifies them (with its second factor); staff decide and hand over, checking
 * identity again in person where the protocol asks.
 */
export function PoliceRequestsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const own = useOwnPoliceRequests();
  const file = useFilePoliceRequest();
  const fieldErrors = useFieldErrors();
  const [values, setValues] = useState({ ...empty, officer: me.user.displayName });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [filed, setFiled] = useState<{ ref: string; due: string | null; rule: string } | null>(null);
  const set = <K extends keyof typeof empty>(key: K, value: string) => setValues((v) => ({ ...v, [key]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    const from = amsterdamToIso(values.from);
    const to = amsterdamToIso(values.to);
    const next: Record<string, string> = {};
    for (const key of ['officer', 'serviceNumber', 'unit', 'legalBasis', 'dataRequested', 'location'] as const) if (!values[key].trim()) next[key] = t('validation.required');
    if (!from) next['window.from'] = t('validation.required');
    if (!to) next['window.to'] = t('validation.required');
    setErrors(next);
    if (Object.keys(next).length || !from || !to) return;
    const optional = (value: string) => value.trim() || undefined;
    file.mutate(
      {
        officer: values.officer.trim(), serviceNumber: values.serviceNumber.trim(), unit: values.unit.trim(), legalBasis: values.legalBasis.trim(), dataRequested: values.dataRequested.trim(),
        personsConcerned: optional(values.personsConcerned), deliveryDeadline: optional(values.deliveryDeadline), deliveryManner: optional(values.deliveryManner), description: optional(values.description),
        window: { location: values.location.trim(), from, to },
      },
      {
        onSuccess: ({ request }) => { setFiled({ ref: request.ref, due: request.deadline.due, rule: request.deadline.rule }); setValues({ ...empty, officer: me.user.displayName }); },
        onError: (error) => setErrors(fieldErrors(error)),
      },
    );
  }

  return (
    <Page title={t('cases.police.title')} intro={t('cases.police.intro')}>
      {filed && (
        <Alert color="green" variant="light" title={t('cases.police.filed', { ref: filed.ref })}>
          {filed.due ? t('cases.police.due', { date: formatDate(filed.due, language), rule: filed.rule }) : filed.rule}
        </Alert>
      )}
      <Card>
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            {file.isError && Object.keys(errors).length === 0 && <ErrorAlert error={file.error} />}
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput label={t('cases.fields.officer')} withAsterisk value={values.officer} onChange={(e) => set('officer', e.currentTarget.value)} error={errors.officer} />
              <TextInput label={t('cases.police.serviceNumber')} withAsterisk value={values.serviceNumber} onChange={(e) => set('serviceNumber', e.currentTarget.value)} error={errors.serviceNumber} />
              <TextInput label={t('cases.fields.unit')} withAsterisk value={values.unit} onChange={(e) => set('unit', e.currentTarget.value)} error={errors.unit} />
            </SimpleGrid>
            <TextInput label={t('cases.fields.legalBasis')} withAsterisk value={values.legalBasis} onChange={(e) => set('legalBasis', e.currentTarget.value)} error={errors.legalBasis} />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput label={t('cases.fields.location')} withAsterisk value={values.location} onChange={(e) => set('location', e.currentTarget.value)} error={errors.location ?? errors['window.location']} />
              <TextInput label={t('cases.fields.start')} type="datetime-local" withAsterisk value={values.from} onChange={(e) => set('from', e.currentTarget.value)} error={errors['window.from']} />
              <TextInput label={t('cases.fields.end')} type="datetime-local" withAsterisk value={values.to} onChange={(e) => set('to', e.currentTarget.value)} error={errors['window.to']} />
            </SimpleGrid>
            <Textarea label={t('cases.fields.dataRequested')} withAsterisk autosize minRows={2} value={values.dataRequested} onChange={(e) => set('dataRequested', e.currentTarget.value)} error={errors.dataRequested} />
            <Textarea label={t('cases.fields.personsConcerned')} autosize minRows={1} value={values.personsConcerned} onChange={(e) => set('personsConcerned', e.currentTarget.value)} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('cases.fields.deliveryDeadline')} type="date" value={values.deliveryDeadline} onChange={(e) => set('deliveryDeadline', e.currentTarget.value)} error={errors.deliveryDeadline} />
              <TextInput label={t('cases.fields.deliveryManner')} value={values.deliveryManner} onChange={(e) => set('deliveryManner', e.currentTarget.value)} />
            </SimpleGrid>
            <Textarea label={t('cases.fields.description')} autosize minRows={2} value={values.description} onChange={(e) => set('description', e.currentTarget.value)} />
            <Text size="xs" c="dimmed">{t('cases.police.identification')}</Text>
            <Group justify="flex-end">
              <Button type="submit" loading={file.isPending}>{t('cases.police.submit')}</Button>
            </Group>
          </Stack>
        </form>
      </Card>
      <Section title={t('cases.police.mine')}>
        <ErrorAlert error={own.error} />
        {own.data && own.data.requests.length === 0 && <Text c="dimmed">{t('cases.police.none')}</Text>}
        {own.data && own.data.requests.length > 0 && (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('cases.fields.reference')}</Table.Th>
                <Table.Th>{t('cases.fields.received')}</Table.Th>
                <Table.Th>{t('cases.fields.deadline')}</Table.Th>
                <Table.Th>{t('cases.fields.state')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {own.data.requests.map((request) => (
                <Table.Tr key={request.id}>
                  <Table.Td>{request.ref}</Table.Td>
                  <Table.Td>{formatDate(request.receivedAt, language)}</Table.Td>
                  <Table.Td>{formatDate(request.deadline.due, language)}</Table.Td>
                  <Table.Td><StateBadge state={request.state} /></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>
    </Page>
  );
}
