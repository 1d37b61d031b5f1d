import { useState, type ChangeEvent, type FormEvent } from 'react';
import { Button, PasswordInput, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useFieldErrors } from '../i18n/errors';
import type { Stage, StageResponse } from '../api/types';
import { ErrorAlert } from '../layout/ErrorAlert';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblem } from './passwordRules';

type Field = 'currentPassword' | 'newPassword' | 'repeatPassword';

/**
 * Change the own password. In the login flow the one-time password just typed is passed in as
 * `currentPassword`, so it need not be typed twice.
 */
export function ChangePasswordForm({
  username,
  currentPassword: knownCurrent,
  submitLabel,
  onDone,
}: {
  username?: string;
  currentPassword?: string;
  submitLabel?: string;
  onDone: (stage: Stage) => void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState({ currentPassword: '', newPassword: '', repeatPassword: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const fieldErrors = useFieldErrors();

  const change = useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      api<StageResponse>('/api/auth/password', { method: 'POST', body }),
    onSuccess: (response) => {
      setValues({ currentPassword: '', newPassword: '', repeatPassword: '' });
      onDone(response.stage);
    },
    onError: (error) => {
      const fields = fieldErrors(error);
      setErrors({ currentPassword: fields.currentPassword, newPassword: fields.newPassword });
    },
  });

  const set = (field: Field) => (event: ChangeEvent<HTMLInputElement>) => {
    const value = event.currentTarget.value;
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    const current = knownCurrent ?? values.currentPassword;
    const next: Partial<Record<Field, string>> = {};
    if (!current) next.currentPassword = t('validation.required');
    const problem = passwordProblem(values.newPassword, username);
    if (!values.newPassword) next.newPassword = t('validation.required');
    else if (problem) next.newPassword = t(`password.problems.${problem}`, { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH });
    else if (values.newPassword === current) next.newPassword = t('password.sameAsCurrent');
    if (!next.newPassword && values.repeatPassword !== values.newPassword) next.repeatPassword = t('password.noMatch');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    change.mutate({ currentPassword: current, newPassword: values.newPassword });
  }

  const fieldError = Object.keys(fieldErrors(change.error)).length > 0;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {change.isError && !fieldError && <ErrorAlert error={change.error} />}
        {knownCurrent === undefined && (
          <PasswordInput
            label={t('password.current')}
            autoComplete="current-password"
            withAsterisk
            value={values.currentPassword}
            onChange={set('currentPassword')}
            error={errors.currentPassword}
          />
        )}
        <PasswordInput
          label={t('password.new')}
          description={t('password.rules', { min: PASSWORD_MIN_LENGTH })}
          autoComplete="new-password"
          withAsterisk
          value={values.newPassword}
          onChange={set('newPassword')}
          error={errors.newPassword}
        />
        <PasswordInput
          label={t('password.repeat')}
          autoComplete="new-password"
          withAsterisk
          value={values.repeatPassword}
          onChange={set('repeatPassword')}
          error={errors.repeatPassword}
        />
        <Button type="submit" loading={change.isPending} w="fit-content">
          {submitLabel ?? t('password.submit')}
        </Button>
      </Stack>
    </form>
  );
}
