import { useEffect, useState, type FormEvent } from 'react';
import {
  Button, Checkbox, Group, Modal, PasswordInput, Radio, Select, SimpleGrid, Stack, Switch, Text, Textarea, TextInput, Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useFieldErrors } from '../i18n/errors';
import { ErrorAlert } from '../layout/ErrorAlert';
import { registerKey, useProfiles } from './api';
import { DocumentInput, useDocumentUpload } from './DocumentInput';
import { OnvifPanel } from './OnvifPanel';
import { useBilingual } from './parts';
import { areaTypes, type AreaType, type Camera, type RecordingMode, type Site, type ViewAnswer } from './types';

interface Values {
  name: string; location: string; areaType: AreaType | ''; purposes: string[]; legalBasis: string; responsible: string; staffInView: boolean;
  systematicPublic: boolean; view: Record<string, boolean>; signageLocation: string; streamUrl: string; username: string; password: string;
  secureConnection: boolean; recordingMode: RecordingMode; dummy: boolean; hidden: boolean;
}

function initial(camera: Camera | null, defaultMode: RecordingMode): Values {
  return {
    name: camera?.name ?? '', location: camera?.location ?? '', areaType: camera?.areaType ?? '', purposes: camera?.purposes ?? [],
    legalBasis: camera?.legalBasis ?? '', responsible: camera?.responsible ?? '', staffInView: camera?.staffInView ?? false,
    systematicPublic: camera?.systematicPublic ?? false,
    view: Object.fromEntries(Object.entries(camera?.viewChecklist ?? {}).map(([limit, answer]) => [limit, answer.compliant])),
    signageLocation: camera?.signageLocation ?? '', streamUrl: camera?.streamUrl ?? '', username: '', password: '',
    secureConnection: camera?.secureConnection ?? false, recordingMode: camera?.recordingMode ?? defaultMode, dummy: camera?.dummy ?? false, hidden: camera?.hidden ?? false,
  };
}

/** Adds a camera to a site, or changes one. Credentials are write-only: they are sealed on the server and never shown again. */
export function CameraFormModal({ opened, onClose, site, camera = null, onSaved }: { opened: boolean; onClose: () => void; site: Site; camera?: Camera | null; onSaved?: (camera: Camera) => void }) {
  const { t } = useTranslation();
  const bilingual = useBilingual();
  const queryClient = useQueryClient();
  const fieldErrors = useFieldErrors();
  const upload = useDocumentUpload();
  const profile = useProfiles().data?.profiles.find((p) => p.id === site.profileId);
  const defaultMode: RecordingMode = profile?.recordingMode === 'motion' ? 'motion' : 'continuous';
  const [values, setValues] = useState<Values>(() => initial(camera, defaultMode));
  const [photos, setPhotos] = useState<Record<string, File | null>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [searching, setSearching] = useState(false);

  useEffect(() => {
    if (opened) {
      setValues(initial(camera, defaultMode));
      setPhotos({});
      setErrors({});
      setSearching(false);
    }
  }, [opened, camera, defaultMode]);

  const set = <K extends keyof Values>(field: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: '' }));
  };

  const save = useMutation({
    mutationFn: async () => {
      const uploaded: Record<string, string> = {};
      for (const [key, file] of Object.entries(photos)) {
        const result = await upload(file);
        if (result.error) throw Object.assign(new Error(result.error), { field: key });
        if (result.id) uploaded[key] = result.id;
      }
      const viewChecklist: Record<string, ViewAnswer> = {};
      for (const { limit } of profile?.placement ?? []) {
        if (values.view[limit] === undefined && !camera?.viewChecklist[limit]) continue;
        viewChecklist[limit] = { compliant: values.view[limit] ?? false, photoDocumentId: uploaded[`view.${limit}`] ?? camera?.viewChecklist[limit]?.photoDocumentId ?? null };
      }
      const full: Record<string, unknown> = {
        name: values.name.trim(), location: values.location.trim(), areaType: values.areaType, purposes: values.purposes, legalBasis: values.legalBasis || null,
        responsible: values.responsible.trim() || null, staffInView: values.staffInView, systematicPublic: values.systematicPublic, viewChecklist,
        signageLocation: values.signageLocation.trim() || null, streamUrl: values.dummy ? null : values.streamUrl.trim() || null,
        secureConnection: values.secureConnection, recordingMode: values.recordingMode, dummy: values.dummy, hidden: values.hidden,
        ...(uploaded.signage ? { signagePhotoDocumentId: uploaded.signage } : {}),
        ...(values.username || values.password ? { username: values.username, password: values.password } : {}),
      };
      if (!camera) return (await api<{ camera: Camera }>('/api/register/cameras', { method: 'POST', body: { siteId: site.id, ...full } })).camera;
      // Only what changed, so that the logboek says what changed.
      const changes = Object.fromEntries(Object.entries(full).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify((camera as unknown as Record<string, unknown>)[key])));
      if (Object.keys(changes).length === 0) return camera;
      return (await api<{ camera: Camera }>(`/api/register/cameras/${encodeURIComponent(camera.id)}`, { method: 'PATCH', body: changes })).camera;
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
    if (!values.name.trim()) next.name = t('validation.required');
    if (!values.location.trim()) next.location = t('validation.required');
    if (!values.areaType) next.areaType = t('validation.required');
    const url = values.streamUrl.trim();
    if (url && !/^rtsps?:\/\/[^\s/]+/i.test(url)) next.streamUrl = t('register.validation.streamUrl');
    if (values.password && !values.username) next.username = t('validation.required');
    setErrors(next);
    if (Object.keys(next).length === 0) save.mutate();
  }

  const refused = save.isError && Object.values(errors).every((e) => !e);
  return (
    <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={opened} onClose={onClose} title={camera ? t('register.camera.editTitle') : t('register.camera.addTitle')} size="xl" closeOnClickOutside={false}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {refused && <ErrorAlert error={save.error} />}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('register.camera.name')} withAsterisk data-autofocus value={values.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name} />
            <Select
              label={t('register.camera.areaType')}
              withAsterisk
              data={areaTypes.map((a) => ({ value: a, label: t(`register.areaType.${a}`) }))}
              value={values.areaType || null}
              onChange={(v) => set('areaType', (v ?? '') as AreaType | '')}
              error={errors.areaType}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
            />
          </SimpleGrid>
          <TextInput label={t('register.camera.location')} description={t('register.camera.locationHint')} withAsterisk value={values.location} onChange={(e) => set('location', e.currentTarget.value)} error={errors.location} />
          <Checkbox.Group label={t('register.camera.purposes')} description={t('register.camera.purposesHint')} value={values.purposes} onChange={(v) => set('purposes', v)} error={errors.purposes}>
            <Stack gap={6} mt="xs">
              {(profile?.purposes ?? []).map((p) => <Checkbox key={p.id} value={p.id} label={bilingual(p.label)} />)}
            </Stack>
          </Checkbox.Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('register.camera.legalBasis')}
              data={(profile?.legalBases ?? []).map((b) => ({ value: b.basis, label: bilingual(b.label) }))}
              value={values.legalBasis || null}
              onChange={(v) => set('legalBasis', v ?? '')}
              error={errors.legalBasis}
              clearable
              comboboxProps={{ withinPortal: true }}
            />
            <TextInput label={t('register.camera.responsible')} description={t('register.camera.responsibleHint')} value={values.responsible} onChange={(e) => set('responsible', e.currentTarget.value)} error={errors.responsible} />
          </SimpleGrid>
          <Switch label={t('register.camera.staffInView')} description={t('register.camera.staffInViewHint')} checked={values.staffInView} onChange={(e) => set('staffInView', e.currentTarget.checked)} />
          <Switch label={t('register.camera.systematicPublic')} description={t('register.camera.systematicPublicHint')} checked={values.systematicPublic} onChange={(e) => set('systematicPublic', e.currentTarget.checked)} />

          <Title order={3} size="h5">{t('register.camera.viewSection')}</Title>
          <Text size="sm" c="dimmed">{t('register.camera.viewIntro')}</Text>
          {(profile?.placement ?? []).map(({ limit, rule }) => (
            <SimpleGrid key={limit} cols={{ base: 1, sm: 2 }} spacing="sm">
              <Checkbox
                label={`${t(`register.placement.${limit}` as 'register.placement.no_audio')} (${rule})`}
                checked={values.view[limit] ?? false}
                onChange={(e) => set('view', { ...values.view, [limit]: e.currentTarget.checked })}
                error={errors[`viewChecklist.${limit}`]}
              />
              <DocumentInput photo label={t('register.camera.viewPhoto')} ariaLabel={`${t('register.camera.viewPhoto')}: ${t(`register.placement.${limit}` as 'register.placement.no_audio')}`} value={photos[`view.${limit}`] ?? null} onChange={(file) => setPhotos((p) => ({ ...p, [`view.${limit}`]: file }))} error={errors[`view.${limit}`] ?? errors[`viewChecklist.${limit}.photoDocumentId`]} />
            </SimpleGrid>
          ))}

          {!values.hidden && (
            <>
              <Title order={3} size="h5">{t('register.camera.signageSection')}</Title>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Textarea label={t('register.camera.signageLocation')} description={t('register.camera.signageHint')} autosize minRows={2} value={values.signageLocation} onChange={(e) => set('signageLocation', e.currentTarget.value)} error={errors.signageLocation} />
                <DocumentInput photo label={t('register.camera.signagePhoto')} value={photos.signage ?? null} onChange={(file) => setPhotos((p) => ({ ...p, signage: file }))} error={errors.signage ?? errors.signagePhotoDocumentId} />
              </SimpleGrid>
            </>
          )}

          <Title order={3} size="h5">{t('register.camera.connectionSection')}</Title>
          {!values.dummy && (
            <>
              <Group>
                <Button type="button" variant="default" size="xs" onClick={() => setSearching((s) => !s)} aria-expanded={searching}>
                  {t('register.onvif.open')}
                </Button>
              </Group>
              {searching && (
                <OnvifPanel
                  onChoose={(choice) => {
                    set('streamUrl', choice.streamUrl);
                    if (/^rtsps:\/\//i.test(choice.streamUrl)) set('secureConnection', true);
                    if (choice.username) {
                      set('username', choice.username);
                      set('password', choice.password);
                    }
                    setSearching(false);
                  }}
                />
              )}
              <TextInput label={t('register.camera.streamUrl')} description={t('register.camera.streamUrlHint')} placeholder="rtsps://192.0.2.10:322/stream1" autoComplete="off" spellCheck={false} value={values.streamUrl} onChange={(e) => {
                  const url = e.currentTarget.value;
                  set('streamUrl', url);
                  if (/^rtsps:\/\//i.test(url.trim())) set('secureConnection', true);
                }} error={errors.streamUrl} />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput label={t('register.camera.username')} autoComplete="off" value={values.username} onChange={(e) => set('username', e.currentTarget.value)} error={errors.username} placeholder={camera?.hasCredentials ? t('register.camera.credentialsKept') : undefined} />
                <PasswordInput label={t('register.camera.password')} autoComplete="new-password" value={values.password} onChange={(e) => set('password', e.currentTarget.value)} error={errors.password} placeholder={camera?.hasCredentials ? t('register.camera.credentialsKept') : undefined} />
              </SimpleGrid>
              <Text size="xs" c="dimmed">{t('register.camera.credentialsHint')}</Text>
              <Switch label={t('register.camera.secureConnection')} checked={values.secureConnection} onChange={(e) => set('secureConnection', e.currentTarget.checked)} />
            </>
          )}
          <Radio.Group label={t('register.camera.recordingMode')} value={values.recordingMode} onChange={(v) => set('recordingMode', v as RecordingMode)} error={errors.recordingMode}>
            <Group mt="xs">
              <Radio value="continuous" label={t('register.recordingMode.continuous')} disabled={profile?.recordingMode === 'motion'} />
              <Radio value="motion" label={t('register.recordingMode.motion')} />
            </Group>
          </Radio.Group>
          {(profile?.dummiesAllowed || values.dummy) && (
            <Switch label={t('register.camera.dummy')} description={t('register.camera.dummyHint')} checked={values.dummy} onChange={(e) => set('dummy', e.currentTarget.checked)} error={errors.dummy} />
          )}
          {(profile?.hiddenAllowed || values.hidden) && (
            <Switch label={t('register.camera.hidden')} description={t('register.camera.hiddenHint')} checked={values.hidden} onChange={(e) => set('hidden', e.currentTarget.checked)} error={errors.hidden} />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" loading={save.isPending}>{t('register.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
