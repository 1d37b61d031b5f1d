import { useState, type FormEvent } from 'react';
import { Button, Checkbox, Group, Modal, MultiSelect, NumberInput, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { amsterdamToIso } from '../format';
import { useFieldErrors } from '../i18n/errors';
import { ErrorAlert } from '../layout/ErrorAlert';
import { navigate } from '../router';
import { useCameras, useIncidentTypes, useReportIncident } from './api';
import { useBilingual } from './parts';

const empty = { type: '', place: '', from: '', to: '', cameraIds: [] as string[], description: '', reporter: '', policeReportRef: '', proceedings: false, aggressionReport: '', secure: true, pre: 15, post: 15 };

/** Reports an incident and, in the same step, secures the footage of the chosen cameras with margins. */
export function ReportIncidentModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const fieldErrors = useFieldErrors();
  const cameras = useCameras();
  const types = useIncidentTypes();
  const say = useBilingual();
  const report = useReportIncident();
  // The kinds of incident come from the protocol (DOM-3, WCP-1 …): the first one until the user chooses.
  const type = values.type || types.data?.types[0]?.type || '';
  const chosen = types.data?.types.find((option) => option.type === type);
  const set = <K extends keyof typeof empty>(key: K, value: (typeof empty)[K]) => setValues((v) => ({ ...v, [key]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    const from = amsterdamToIso(values.from);
    const to = amsterdamToIso(values.to);
    const next: Record<string, string> = {};
    if (!values.place.trim()) next.place = t('validation.required');
    if (!values.description.trim()) next.description = t('validation.required');
    if (!values.reporter.trim()) next.reporter = t('validation.required');
    if (!from) next.occurredFrom = t('validation.required');
    if (!to) next.occurredTo = t('validation.required');
    if (!chosen) next.type = t('validation.required');
    setErrors(next);
    if (Object.keys(next).length > 0 || !from || !to || !chosen) return;
    const siteId = cameras.data?.cameras.find((c) => values.cameraIds.includes(c.id))?.siteId ?? null;
    report.mutate(
      {
        type: chosen.type, siteId, place: values.place.trim(), occurredFrom: from, occurredTo: to, cameraIds: values.cameraIds, description: values.description.trim(), reporter: values.reporter.trim(),
        policeReportRef: values.policeReportRef.trim() || null, proceedings: values.proceedings, aggressionReport: values.aggressionReport.trim() || null,
        ...(values.secure && values.cameraIds.length ? { secure: { preMarginMinutes: values.pre, postMarginMinutes: values.post } } : {}),
      },
      { onSuccess: ({ incident }) => { setValues(empty); onClose(); navigate(`/cases/incident?id=${encodeURIComponent(incident.id)}`); }, onError: (error) => setErrors(fieldErrors(error)) },
    );
  }

  return (
    <Modal opened={opened} onClose={onClose} title={t('cases.incidents.report')} size="xl" closeOnClickOutside={false}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {report.isError && Object.keys(errors).length === 0 && <ErrorAlert error={report.error} />}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select label={t('cases.incidents.type')} allowDeselect={false} data={(types.data?.types ?? []).map((option) => ({ value: option.type, label: `${t(`cases.incidentType.${option.type}`)} (${option.rules.join(', ')})` }))} value={type || null} onChange={(v) => set('type', v ?? '')} error={errors.type} />
            <TextInput label={t('cases.incidents.place')} withAsterisk value={values.place} onChange={(e) => set('place', e.currentTarget.value)} error={errors.place} />
            <TextInput label={t('cases.incidents.from')} type="datetime-local" withAsterisk value={values.from} onChange={(e) => set('from', e.currentTarget.value)} error={errors.occurredFrom} />
            <TextInput label={t('cases.incidents.to')} type="datetime-local" withAsterisk value={values.to} onChange={(e) => set('to', e.currentTarget.value)} error={errors.occurredTo ?? errors.to} />
          </SimpleGrid>
          <MultiSelect label={t('cases.fields.cameras')} data={(cameras.data?.cameras ?? []).map((c) => ({ value: c.id, label: `${c.siteName} · ${c.name}` }))} value={values.cameraIds} onChange={(v) => set('cameraIds', v)} searchable comboboxProps={{ withinPortal: true }} error={errors.cameraIds} />
          <Textarea label={t('cases.fields.description')} withAsterisk autosize minRows={2} value={values.description} onChange={(e) => set('description', e.currentTarget.value)} error={errors.description} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('cases.incidents.reporter')} withAsterisk value={values.reporter} onChange={(e) => set('reporter', e.currentTarget.value)} error={errors.reporter} />
            <TextInput label={t('cases.incidents.policeReport')} value={values.policeReportRef} onChange={(e) => set('policeReportRef', e.currentTarget.value)} />
          </SimpleGrid>
          {chosen?.reportedUnder && (
            <TextInput
              label={t('cases.incidents.aggressionReport')}
              description={t('cases.incidents.reportedUnderHint', { protocol: say(chosen.reportedUnder.protocol), rule: chosen.reportedUnder.rule })}
              withAsterisk value={values.aggressionReport} onChange={(e) => set('aggressionReport', e.currentTarget.value)} error={errors.aggressionReport}
            />
          )}
          <Checkbox label={t('cases.incidents.proceedings')} checked={values.proceedings} onChange={(e) => set('proceedings', e.currentTarget.checked)} />
          <Checkbox label={t('cases.incidents.secureNow')} checked={values.secure} onChange={(e) => set('secure', e.currentTarget.checked)} />
          {values.secure && (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NumberInput label={t('cases.incidents.preMargin')} min={0} max={1440} value={values.pre} onChange={(v) => set('pre', Number(v) || 0)} />
              <NumberInput label={t('cases.incidents.postMargin')} min={0} max={1440} value={values.post} onChange={(v) => set('post', Number(v) || 0)} />
            </SimpleGrid>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" loading={report.isPending}>{t('cases.incidents.submit')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
