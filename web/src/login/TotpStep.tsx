import { useState, type FormEvent } from 'react';
import { Button, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Stage, StageResponse } from '../api/types';
import { useErrorText } from '../i18n/errors';

/** The second factor: a 6-digit code from the authenticator app, or one of the recovery codes. */
export function TotpStep({ onDone }: { onDone: (stage: Stage) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);

  const verify = useMutation({
    mutationFn: (value: string) => api<StageResponse>('/api/auth/totp', { method: 'POST', body: { code: value } }),
    onSuccess: (response) => onDone(response.stage),
    onError: (err) => {
      setCode('');
      setError(errorText(err));
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const value = code.trim();
    if (!value) {
      setError(t('validation.required'));
      return;
    }
    setError(null);
    // A 6-digit code may be typed with a space in the middle; a recovery code is sent as typed.
    verify.mutate(/^\d{3}\s?\d{3}$/.test(value) ? value.replace(/\s/g, '') : value);
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text>{t('login.totpIntro')}</Text>
        <TextInput
          label={t('login.totpCode')}
          description={t('login.totpCodeDescription')}
          autoComplete="one-time-code"
          autoCapitalize="none"
          spellCheck={false}
          withAsterisk
          data-autofocus
          value={code}
          onChange={(event) => {
            setCode(event.currentTarget.value);
            setError(null);
          }}
          error={error}
        />
        <Button type="submit" loading={verify.isPending} fullWidth>
          {t('login.totpSubmit')}
        </Button>
      </Stack>
    </form>
  );
}
