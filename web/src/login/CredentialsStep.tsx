import { useState, type FormEvent } from 'react';
import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { LoginResponse, Stage } from '../api/types';
import { ErrorAlert } from '../layout/ErrorAlert';

export function CredentialsStep({ onDone }: { onDone: (stage: Stage, password: string) => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ username?: boolean; password?: boolean }>({});

  const login = useMutation({
    mutationFn: (body: { username: string; password: string }) => api<LoginResponse>('/api/auth/login', { method: 'POST', body }),
    onSuccess: (response, body) => onDone(response.stage, body.password),
    onError: () => setPassword(''),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const next = { username: !username.trim(), password: !password };
    setMissing(next);
    if (next.username || next.password) return;
    login.mutate({ username: username.trim(), password });
  }

  // A refused login marks both fields: the message does not say which one was wrong.
  const refused = login.isError;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {refused && <ErrorAlert error={login.error} title={t('login.failedTitle')} />}
        <TextInput
          label={t('login.username')}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          withAsterisk
          value={username}
          onChange={(event) => {
            setUsername(event.currentTarget.value);
            setMissing((m) => ({ ...m, username: false }));
          }}
          error={missing.username ? t('validation.required') : refused}
        />
        <PasswordInput
          label={t('login.password')}
          autoComplete="current-password"
          withAsterisk
          value={password}
          onChange={(event) => {
            setPassword(event.currentTarget.value);
            setMissing((m) => ({ ...m, password: false }));
          }}
          error={missing.password ? t('validation.required') : refused}
        />
        <Button type="submit" loading={login.isPending} fullWidth mt="xs">
          {t('login.submit')}
        </Button>
      </Stack>
    </form>
  );
}
