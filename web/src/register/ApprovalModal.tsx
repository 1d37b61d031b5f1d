import { useEffect, useState, type FormEvent } from 'react';
import { Button, Group, Modal, Radio, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useFieldErrors } from '../i18n/errors';
import { ErrorAlert } from '../layout/ErrorAlert';
import { registerKey } from './api';
import { DocumentInput, useDocumentUpload } from './DocumentInput';
import { useBilingual } from './parts';
import { approvalKinds, type ApprovalKind, type RegisterProfile } from './types';

const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(new Date());

/**
 * Records an assessment or approval: decider, date, validity, the profile's questions (WEL-2 a–d),
 * the suspicion and end date of a hidden camera (WEL-8), and the document that proves it.
 */
export function ApprovalModal({ opened, onClose, cameraId, profile, suggested }: {
  opened: boolean;
  onClose: () => void;
  cameraId: string;
  profile: RegisterProfile | undefined;
  suggested: ApprovalKind | null;
}) {
  const { t } = useTranslation();
  const bilingual = useBilingual();
  const queryClient = useQueryClient();
  const fieldErrors = useFieldErrors();
  const upload = useDocumentUpload();
  const blank = { kind: suggested ?? ('' as ApprovalKind | ''), outcome: 'approved', decider: '', decidedOn: today(), validUntil: '', notes: '', answers: [] as string[] };
  const [values, setValues] = useState(blank);
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    if (opened) {
      setValues({ ...blank, kind: suggested ?? '' });
      setFile(null);
      setErrors({});
    }
  }, [opened, suggested]);

  const questions = values.kind === 'proportionality_assessment' ? (profile?.proportionalityQuestions ?? []) : [];
  const hidden = values.kind === 'hidden_camera_suspicion';

  const save = useMutation({
    mutationFn: async () => {
      const uploaded = await upload(file);
      if (uploaded.error) throw Object.assign(new Error(uploaded.error), { field: 'documentId' });
      return api(`/api/register/cameras/${encodeURIComponent(cameraId)}/approvals`, {
        method: 'POST',
        body: {
          kind: values.kind, outcome: values.outcome, decider: values.decider.trim(), decidedOn: values.decidedOn, validUntil: values.validUntil || null,
          notes: values.notes.trim() || null, documentId: uploaded.id, ...(questions.length > 0 ? { answers: questions.map((_, i) => values.answers[i] ?? '') } : {}),
        },
      });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: registerKey });
      onClose();
    },
    onError: (error) => {
      const field = (error as { field?: string }).field;
      setErrors(field ? { [field]: error.message } : fieldErrors(error));
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const next: Record<string, string> = {};
    if (!values.kind) next.kind = t('validation.required');
    if (!values.decider.trim()) next.decider = t('validation.required');
    if (!values.decidedOn) next.decidedOn = t('validation.required');
    else if (values.decidedOn > today()) next.decidedOn = t('register.validation.future');
    if (values.validUntil && values.validUntil < values.decidedOn) next.validUntil = t('register.validation.dateOrder');
    questions.forEach((_, i) => {
      if (!values.answers[i]?.trim()) next[`answers.${i}`] = t('validation.required');
    });
    if (hidden && values.outcome === 'approved') {
      if (!values.notes.trim()) next.notes = t('register.approval.suspicionRequired');
      if (!values.validUntil) next.validUntil = t('register.approval.endDateRequired');
    }
    setErrors(next);
    if (Object.keys(next).length === 0) save.mutate();
  }

  const set = (field: keyof typeof blank, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: '' }));
  };
  const refused = save.isError && Object.values(errors).every((e) => !e);

  return (
    <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={opened} onClose={onClose} title={t('register.approval.title')} size="lg" closeOnClickOutside={false}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {refused && <ErrorAlert error={save.error} />}
          <Select
            label={t('register.approval.kind')}
            withAsterisk
            data={approvalKinds.map((k) => ({ value: k, label: t(`register.requirement.${k}`) }))}
            value={values.kind || null}
            onChange={(v) => set('kind', v ?? '')}
            error={errors.kind}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
          <Radio.Group label={t('register.approval.outcome')} value={values.outcome} onChange={(v) => set('outcome', v)}>
            <Group mt="xs">
              <Radio value="approved" label={t('register.approval.approved')} />
              <Radio value="rejected" label={t('register.approval.rejected')} />
            </Group>
          </Radio.Group>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label={t('register.approval.decider')} withAsterisk value={values.decider} onChange={(e) => set('decider', e.currentTarget.value)} error={errors.decider} />
            <TextInput type="date" label={t('register.approval.decidedOn')} withAsterisk max={today()} value={values.decidedOn} onChange={(e) => set('decidedOn', e.currentTarget.value)} error={errors.decidedOn} />
            <TextInput
              type="date"
              label={hidden ? t('register.approval.endDate') : t('register.approval.validUntil')}
              description={hidden ? undefined : t('register.approval.validUntilHint')}
              withAsterisk={hidden}
              value={values.validUntil}
              onChange={(e) => set('validUntil', e.currentTarget.value)}
              error={errors.validUntil}
            />
          </SimpleGrid>
          {questions.map((question, i) => (
            <Textarea
              key={i}
              label={bilingual(question)}
              withAsterisk
              autosize
              minRows={2}
              value={values.answers[i] ?? ''}
              onChange={(e) => {
                const answers = [...values.answers];
                answers[i] = e.currentTarget.value;
                setValues((v) => ({ ...v, answers }));
                setErrors((er) => ({ ...er, [`answers.${i}`]: '' }));
              }}
              error={errors[`answers.${i}`]}
            />
          ))}
          <Textarea
            label={hidden ? t('register.approval.suspicion') : t('register.approval.notes')}
            description={hidden ? t('register.approval.suspicionHint') : undefined}
            withAsterisk={hidden}
            autosize
            minRows={2}
            value={values.notes}
            onChange={(e) => set('notes', e.currentTarget.value)}
            error={errors.notes}
          />
          <DocumentInput label={t('register.approval.document')} value={file} onChange={setFile} error={errors.documentId} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" loading={save.isPending}>{t('register.approval.submit')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
