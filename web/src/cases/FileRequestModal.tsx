import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, MultiSelect, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { amsterdamToIso } from '../format';
import { useFieldErrors } from '../i18n/errors';
import { ErrorAlert } from '../layout/ErrorAlert';
import { navigate } from '../router';
import { useCameras, useFileRequest } from './api';
import { channels, recipientCategories, requestKinds, requesterCategories, type RecipientCategory, type RequesterCategory, type RequestKind } from './types';

const empty = {
  kind: 'access' as RequestKind, channel: 'letter', receivedAt: '', category: 'data_subject' as RequesterCategory, name: '', contact: '', organisation: '',
  recipient: '' as RecipientCategory | '', officer: '', unit: '', legalBasis: '', deliveryDeadline: '', personsConcerned: '', dataRequested: '', deliveryManner: '', location: '', date: '', start: '', end: '', cameraIds: [] as string[], description: '',
};
type Values = typeof empty;

/** Registers a request as it arrived: by letter, e-mail, phone, at the counter, or an urgent oral police request. */
export function FileRequestModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const fieldErrors = useFieldErrors();
  const cameras = useCameras();
  const file = useFileRequest();
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    const next: Record<string, string> = {};
    if (!values.name.trim()) next.name = t('validation.required');
    const from = values.date && values.start ? amsterdamToIso(`${values.date}T${values.start}`) : null;
    const to = values.date && values.end ? amsterdamToIso(`${values.date}T${values.end}`) : null;
    const anyWindow = values.date || values.start || values.end || values.location;
    if (anyWindow && (!from || !to || !values.location.trim())) next.date = t('cases.form.windowIncomplete');
    if (values.kind === 'third-party' && !values.recipient) next.recipient = t('validation.required');
    if (values.kind === 'police' && !values.officer.trim()) next.officer = t('validation.required');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    const text = (v: string) => v.trim() || undefined;
    file.mutate(
      {
        kind: values.kind,
        channel: values.channel,
        receivedAt: values.receivedAt ? (amsterdamToIso(values.receivedAt) ?? undefined) : undefined,
        requester: { category: values.category, name: values.name.trim(), contact: text(values.contact), organisation: text(values.organisation) },
        details: {
          ...(from && to ? { window: { location: values.location.trim(), from, to, cameraIds: values.cameraIds.length ? values.cameraIds : undefined } } : {}),
          description: text(values.description),
          ...(values.kind === 'third-party' ? { recipient: values.recipient || undefined, motivation: text(values.description) } : {}),
          ...(values.kind === 'police'
            ? { officer: text(values.officer), unit: text(values.unit), legalBasis: text(values.legalBasis), deliveryDeadline: values.deliveryDeadline || undefined, personsConcerned: text(values.personsConcerned), dataRequested: text(values.dataRequested), deliveryManner: text(values.deliveryManner) }
            : {}),
        },
      },
      {
        onSuccess: ({ request }) => {
          setValues(empty);
          onClose();
          navigate(`/cases/request?id=${encodeURIComponent(request.id)}`);
        },
        onError: (error) => setErrors(fieldErrors(error)),
      },
    );
  }

  return (
    <Modal opened={opened} onClose={onClose} title={t('cases.form.title')} size="xl" closeOnClickOutside={false}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {file.isError && Object.keys(errors).length === 0 && <ErrorAlert error={file.error} />}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select label={t('cases.fields.kind')} withAsterisk allowDeselect={false} data={requestKinds.map((k) => ({ value: k, label: t(`cases.kind.${k}`) }))} value={values.kind} onChange={(v) => set('kind', (v ?? 'access') as RequestKind)} />
            <Select label={t('cases.fields.channel')} withAsterisk allowDeselect={false} data={channels.filter((c) => c !== 'oral_urgent' || values.kind === 'police').map((c) => ({ value: c, label: t(`cases.channel.${c}`) }))} value={values.channel} onChange={(v) => set('channel', v ?? 'letter')} />
            <TextInput label={t('cases.fields.receivedAt')} description={t('cases.form.receivedNow')} type="datetime-local" value={values.receivedAt} onChange={(e) => set('receivedAt', e.currentTarget.value)} error={errors.receivedAt} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select label={t('cases.fields.requesterCategory')} allowDeselect={false} data={requesterCategories.map((c) => ({ value: c, label: t(`cases.requester.${c}`) }))} value={values.category} onChange={(v) => set('category', (v ?? 'data_subject') as RequesterCategory)} />
            <TextInput label={t('cases.fields.requesterName')} withAsterisk value={values.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name ?? errors['requester.name']} />
            <TextInput label={t('cases.fields.contact')} value={values.contact} onChange={(e) => set('contact', e.currentTarget.value)} />
            <TextInput label={t('cases.fields.organisation')} value={values.organisation} onChange={(e) => set('organisation', e.currentTarget.value)} />
          </SimpleGrid>
          {values.kind === 'third-party' && (
            <Select label={t('cases.fields.recipient')} withAsterisk data={recipientCategories.map((c) => ({ value: c, label: t(`cases.recipient.${c}`) }))} value={values.recipient || null} onChange={(v) => set('recipient', (v ?? '') as RecipientCategory | '')} error={errors.recipient ?? errors['details.recipient']} />
          )}
          {values.kind === 'police' && (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('cases.fields.officer')} withAsterisk value={values.officer} onChange={(e) => set('officer', e.currentTarget.value)} error={errors.officer ?? errors['details.officer']} />
              <TextInput label={t('cases.fields.unit')} value={values.unit} onChange={(e) => set('unit', e.currentTarget.value)} />
              <TextInput label={t('cases.fields.legalBasis')} placeholder="art. 126nda Sv" value={values.legalBasis} onChange={(e) => set('legalBasis', e.currentTarget.value)} />
              <TextInput label={t('cases.fields.deliveryDeadline')} type="date" value={values.deliveryDeadline} onChange={(e) => set('deliveryDeadline', e.currentTarget.value)} />
              <TextInput label={t('cases.fields.personsConcerned')} value={values.personsConcerned} onChange={(e) => set('personsConcerned', e.currentTarget.value)} />
              <TextInput label={t('cases.fields.dataRequested')} value={values.dataRequested} onChange={(e) => set('dataRequested', e.currentTarget.value)} />
              <TextInput label={t('cases.fields.deliveryManner')} placeholder={t('cases.form.deliveryMannerHint')} value={values.deliveryManner} onChange={(e) => set('deliveryManner', e.currentTarget.value)} />
            </SimpleGrid>
          )}
          <SimpleGrid cols={{ base: 1, sm: 4 }}>
            <TextInput label={t('cases.fields.location')} value={values.location} onChange={(e) => set('location', e.currentTarget.value)} />
            <TextInput label={t('cases.fields.date')} type="date" value={values.date} onChange={(e) => set('date', e.currentTarget.value)} error={errors.date} />
            <TextInput label={t('cases.fields.start')} type="time" value={values.start} onChange={(e) => set('start', e.currentTarget.value)} />
            <TextInput label={t('cases.fields.end')} type="time" value={values.end} onChange={(e) => set('end', e.currentTarget.value)} />
          </SimpleGrid>
          <MultiSelect label={t('cases.fields.cameras')} data={(cameras.data?.cameras ?? []).map((c) => ({ value: c.id, label: `${c.siteName} · ${c.name}` }))} value={values.cameraIds} onChange={(v) => set('cameraIds', v)} searchable comboboxProps={{ withinPortal: true }} error={errors['details.window.cameraIds']} />
          <Textarea label={t('cases.fields.description')} autosize minRows={2} value={values.description} onChange={(e) => set('description', e.currentTarget.value)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" loading={file.isPending}>{t('cases.form.submit')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
