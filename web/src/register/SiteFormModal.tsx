import { useEffect, useState, type FormEvent } from 'react';
import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Switch, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useFieldErrors } from '../i18n/errors';
import { ErrorAlert } from '../layout/ErrorAlert';
import { registerKey, useProfiles } from './api';
import { DocumentInput, useDocumentUpload } from './DocumentInput';
import type { Site } from './types';

type Values = {
  name: string; address: string; organisation: string; profileId: string; contactName: string; contactTeam: string; vveApplies: boolean;
  maintenancePartner: string; processorAgreementFrom: string; processorAgreementUntil: string; recorderLocation: string; recorderSecurity: string;
  viewingLocation: string; viewingSecurity: string; checkIntervalDays: number | ''; retentionLimitDays: number | '';
};

function initial(site: Site | null, defaultProfile: string): Values {
  const limit = (site?.siteOverride?.retention as { limitDays?: number } | undefined)?.limitDays;
  return {
    name: site?.name ?? '', address: site?.address ?? '', organisation: site?.organisation ?? '', profileId: site?.profileId ?? defaultProfile,
    contactName: site?.contactName ?? '', contactTeam: site?.contactTeam ?? '', vveApplies: site?.vveApplies ?? false,
    maintenancePartner: site?.maintenancePartner ?? '', processorAgreementFrom: site?.processorAgreementFrom ?? '', processorAgreementUntil: site?.processorAgreementUntil ?? '',
    recorderLocation: site?.recorderLocation ?? '', recorderSecurity: site?.recorderSecurity ?? '', viewingLocation: site?.viewingLocation ?? '',
    viewingSecurity: site?.viewingSecurity ?? '', checkIntervalDays: site?.checkIntervalDays ?? '', retentionLimitDays: limit ?? '',
  };
}

/** Adds a site, or changes one: address, profile, contact, maintenance partner and where recorder and viewing station stand. */
export function SiteFormModal({ opened, onClose, onSaved, site = null }: { opened: boolean; onClose: () => void; onSaved?: (site: Site) => void; site?: Site | null }) {
  const { t } = useTranslation();
  const profiles = useProfiles();
  const queryClient = useQueryClient();
  const fieldErrors = useFieldErrors();
  const upload = useDocumentUpload();
  const defaultProfile = profiles.data?.profiles.find((p) => p.active)?.id ?? '';
  const [values, setValues] = useState<Values>(() => initial(site, defaultProfile));
  const [agreement, setAgreement] = useState<File | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    if (opened) {
      setValues(initial(site, defaultProfile));
      setErrors({});
      setAgreement(null);
    }
  }, [opened, site, defaultProfile]);

  const save = useMutation({
    mutationFn: async () => {
      const uploaded = await upload(agreement);
      if (uploaded.error) throw Object.assign(new Error(uploaded.error), { field: 'processorAgreementDocumentId' });
      const text = (v: string) => v.trim() || null;
      const body = {
        name: values.name.trim(), address: values.address.trim(), organisation: values.organisation.trim(), profileId: values.profileId || undefined,
        contactName: text(values.contactName), contactTeam: text(values.contactTeam), vveApplies: values.vveApplies, maintenancePartner: text(values.maintenancePartner),
        processorAgreementFrom: values.processorAgreementFrom || null, processorAgreementUntil: values.processorAgreementUntil || null,
        recorderLocation: text(values.recorderLocation), recorderSecurity: text(values.recorderSecurity), viewingLocation: text(values.viewingLocation),
        viewingSecurity: text(values.viewingSecurity), checkIntervalDays: values.checkIntervalDays === '' ? null : values.checkIntervalDays,
        siteOverride: values.retentionLimitDays === '' ? null : { retention: { limitDays: values.retentionLimitDays } },
        ...(uploaded.id ? { processorAgreementDocumentId: uploaded.id } : {}),
      };
      const path = site ? `/api/register/sites/${encodeURIComponent(site.id)}` : '/api/register/sites';
      return (await api<{ site: Site }>(path, { method: site ? 'PATCH' : 'POST', body })).site;
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: registerKey });
      onClose();
      onSaved?.(saved);
    },
    onError: (error) => {
      const field = (error as { field?: string }).field;
      setErrors(field ? { [field]: error.message } : fieldErrors(error));
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const next: Record<string, string> = {};
    for (const field of ['name', 'address', 'organisation'] as const) if (!values[field].trim()) next[field] = t('validation.required');
    if (values.processorAgreementFrom && values.processorAgreementUntil && values.processorAgreementUntil < values.processorAgreementFrom) {
      next.processorAgreementUntil = t('register.validation.dateOrder');
    }
    setErrors(next);
    if (Object.keys(next).length === 0) save.mutate();
  }

  const set = <K extends keyof Values>(field: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: '' }));
  };
  const input = (field: 'name' | 'address' | 'organisation' | 'contactName' | 'contactTeam' | 'maintenancePartner' | 'recorderLocation' | 'viewingLocation', required = false) => (
    <TextInput label={t(`register.site.${field}`)} withAsterisk={required} value={values[field]} onChange={(e) => set(field, e.currentTarget.value)} error={errors[field]} />
  );
  const refused = save.isError && Object.keys(errors).filter((k) => errors[k]).length === 0;

  return (
    <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={opened} onClose={onClose} title={site ? t('register.site.editTitle') : t('register.site.addTitle')} size="xl" closeOnClickOutside={false}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {refused && <ErrorAlert error={save.error} />}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {input('name', true)}
            {input('organisation', true)}
          </SimpleGrid>
          {input('address', true)}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('register.site.profileId')}
              description={t('register.site.profileHint')}
              data={(profiles.data?.profiles ?? []).map((p) => ({ value: p.id, label: p.organisation }))}
              value={values.profileId || null}
              onChange={(value) => set('profileId', value ?? '')}
              error={errors.profileId}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
            />
            <NumberInput
              label={t('register.site.retentionLimitDays')}
              description={t('register.site.retentionHint')}
              min={1}
              value={values.retentionLimitDays}
              onChange={(v) => set('retentionLimitDays', typeof v === 'number' ? v : '')}
              error={errors['siteOverride.retention.limitDays'] ?? errors.siteOverride}
            />
          </SimpleGrid>
          <Title order={3} size="h5">{t('register.site.contactSection')}</Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {input('contactName')}
            {input('contactTeam')}
          </SimpleGrid>
          <Switch label={t('register.site.vveApplies')} description={t('register.site.vveHint')} checked={values.vveApplies} onChange={(e) => set('vveApplies', e.currentTarget.checked)} />
          <Title order={3} size="h5">{t('register.site.maintenanceSection')}</Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {input('maintenancePartner')}
            <TextInput type="date" label={t('register.site.processorAgreementFrom')} value={values.processorAgreementFrom} onChange={(e) => set('processorAgreementFrom', e.currentTarget.value)} error={errors.processorAgreementFrom} />
            <TextInput type="date" label={t('register.site.processorAgreementUntil')} value={values.processorAgreementUntil} onChange={(e) => set('processorAgreementUntil', e.currentTarget.value)} error={errors.processorAgreementUntil} />
          </SimpleGrid>
          <DocumentInput label={t('register.site.processorAgreement')} value={agreement} onChange={setAgreement} error={errors.processorAgreementDocumentId} />
          <NumberInput
            label={t('register.site.checkIntervalDays')}
            description={t('register.site.checkIntervalHint')}
            min={1}
            max={3650}
            value={values.checkIntervalDays}
            onChange={(v) => set('checkIntervalDays', typeof v === 'number' ? v : '')}
            error={errors.checkIntervalDays}
          />
          <Title order={3} size="h5">{t('register.site.securitySection')}</Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {input('recorderLocation')}
            {input('viewingLocation')}
            <Textarea label={t('register.site.recorderSecurity')} autosize minRows={2} value={values.recorderSecurity} onChange={(e) => set('recorderSecurity', e.currentTarget.value)} error={errors.recorderSecurity} />
            <Textarea label={t('register.site.viewingSecurity')} autosize minRows={2} value={values.viewingSecurity} onChange={(e) => set('viewingSecurity', e.currentTarget.value)} error={errors.viewingSecurity} />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" loading={save.isPending}>{t('register.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
