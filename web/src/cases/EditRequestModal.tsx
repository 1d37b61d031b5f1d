import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, MultiSelect, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { amsterdamToIso } from '../format';
import { useFieldErrors } from '../i18n/errors';
import { ErrorAlert } from '../layout/ErrorAlert';
import { useCameras, useEditRequest } from './api';
import type { RequestDetail, RequestEditInput } from './types';

const undecided = ['awaiting_written_confirmation', 'received', 'in_review', 'awaiting_approval'];
const wall = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
/** An instant as the value of a datetime-local input, in Amsterdam. */
const toInput = (iso: string | undefined) => (iso ? wall.format(new Date(iso)).replace(' ', 'T') : '');

/**
 * Changes a request's details with a reason. Before the decision anything may be corrected; after
 * it only the cameras of the decided window and the contact address. The server records the diff
 * in the logboek and moves the deadline only where the law says (a corrected date of receipt, a
 * vordering's delivery date).
 */
export function EditRequestModal({ request, opened, onClose }: { request: RequestDetail; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const cameras = useCameras();
  const edit = useEditRequest(request.id);
  const fieldErrors = useFieldErrors();
  const open = undecided.includes(request.state);
  const window = request.details.window;
  const initial = {
    receivedAt: toInput(request.receivedAt), location: window?.location ?? '', from: toInput(window?.from), to: toInput(window?.to), cameraIds: window?.cameraIds ?? [],
    contact: request.requester.contact ?? '', description: request.details.description ?? '', deliveryDeadline: request.details.deliveryDeadline ?? '', reason: '',
  };
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = <K extends keyof typeof initial>(key: K, value: (typeof initial)[K]) => setValues((v) => ({ ...v, [key]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!values.reason.trim()) {
      setErrors({ reason: t('validation.required') });
      return;
    }
    const body: RequestEditInput = { reason: values.reason.trim() };
    const details: NonNullable<RequestEditInput['details']> = {};
    if (values.contact !== initial.contact) body.requester = { contact: values.contact.trim() || null };
    const windowChanged = values.location !== initial.location || values.from !== initial.from || values.to !== initial.to || values.cameraIds.join() !== initial.cameraIds.join();
    if (windowChanged) {
      const from = amsterdamToIso(values.from);
      const to = amsterdamToIso(values.to);
      if (!values.location.trim() || !from || !to) {
        setErrors({ 'details.window.from': t('validation.required') });
        return;
      }
      details.window = { location: values.location.trim(), from, to, ...(values.cameraIds.length ? { cameraIds: values.cameraIds } : {}) };
    }
    if (open) {
      if (values.receivedAt !== initial.receivedAt) {
        const receivedAt = amsterdamToIso(values.receivedAt);
        if (!receivedAt) {
          setErrors({ receivedAt: t('validation.required') });
          return;
        }
        body.receivedAt = receivedAt;
      }
      if (values.description !== initial.description) details.description = values.description.trim();
      if (values.deliveryDeadline !== initial.deliveryDeadline && values.deliveryDeadline) details.deliveryDeadline = values.deliveryDeadline;
    }
    if (Object.keys(details).length) body.details = details;
    edit.mutate(body, { onSuccess: () => { setValues((v) => ({ ...v, reason: '' })); onClose(); }, onError: (error) => setErrors(fieldErrors(error)) });
  }

  return (
    <Modal opened={opened} onClose={onClose} title={t('cases.edit.title')} size="xl" closeOnClickOutside={false}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">{open ? t('cases.edit.hintOpen') : t('cases.edit.hintDecided')}</Text>
          {edit.isError && Object.keys(errors).length === 0 && <ErrorAlert error={edit.error} />}
          {open && <TextInput label={t('cases.fields.receivedAt')} type="datetime-local" value={values.receivedAt} onChange={(e) => set('receivedAt', e.currentTarget.value)} error={errors.receivedAt} description={t('cases.edit.receivedHint')} />}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label={t('cases.fields.location')} disabled={!open} value={values.location} onChange={(e) => set('location', e.currentTarget.value)} error={errors['details.window.location']} />
            <TextInput label={t('cases.fields.start')} type="datetime-local" disabled={!open} value={values.from} onChange={(e) => set('from', e.currentTarget.value)} error={errors['details.window.from']} />
            <TextInput label={t('cases.fields.end')} type="datetime-local" disabled={!open} value={values.to} onChange={(e) => set('to', e.currentTarget.value)} error={errors['details.window.to']} />
          </SimpleGrid>
          <MultiSelect
            label={t('cases.fields.cameras')} searchable comboboxProps={{ withinPortal: true }} value={values.cameraIds} onChange={(v) => set('cameraIds', v)}
            data={(cameras.data?.cameras ?? []).map((c) => ({ value: c.id, label: `${c.siteName} · ${c.name}` }))} error={errors['details.window.cameraIds']}
          />
          <TextInput label={t('cases.fields.contact')} value={values.contact} onChange={(e) => set('contact', e.currentTarget.value)} error={errors['requester.contact']} />
          {open && <Textarea label={t('cases.fields.description')} autosize minRows={2} value={values.description} onChange={(e) => set('description', e.currentTarget.value)} />}
          {open && request.kind === 'police' && <TextInput label={t('cases.fields.deliveryDeadline')} type="date" value={values.deliveryDeadline} onChange={(e) => set('deliveryDeadline', e.currentTarget.value)} />}
          <Textarea label={t('cases.edit.reason')} withAsterisk autosize minRows={2} value={values.reason} onChange={(e) => set('reason', e.currentTarget.value)} error={errors.reason} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" loading={edit.isPending}>{t('cases.edit.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
