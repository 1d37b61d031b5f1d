import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Button, Center, CopyButton, Group, List, Loader, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Stage, TotpConfirmation, TotpEnrolment as Enrolment } from '../api/types';
import { ErrorAlert } from '../layout/ErrorAlert';
import { useErrorText } from '../i18n/errors';

/** Groups a base32 secret in fours, as most authenticator apps show it. */
const grouped = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim();

/**
 * Sets up the second factor: shows the QR code and the secret, asks one code to confirm, then
 * shows the recovery codes exactly once. `autoStart` begins at once (the login flow); otherwise
 * the user presses a button first (the account page).
 */
export function TotpEnrolment({ autoStart = false, onDone }: { autoStart?: boolean; onDone: (stage: Stage) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const started = useRef(false);

  const enrol = useMutation({
    mutationFn: () => api<Enrolment>('/api/auth/totp/enrol', { method: 'POST' }),
  });
  const confirm = useMutation({
    mutationFn: (value: string) => api<TotpConfirmation>('/api/auth/totp/confirm', { method: 'POST', body: { code: value } }),
    onError: (error) => setCodeError(errorText(error)),
  });

  const start = enrol.mutate;
  useEffect(() => {
    // The ref keeps React's development double-run of effects from asking for two secrets.
    if (autoStart && !started.current) {
      started.current = true;
      start();
    }
  }, [autoStart, start]);

  if (confirm.data) {
    const { recoveryCodes, stage } = confirm.data;
    return <RecoveryCodes codes={recoveryCodes} onSaved={() => onDone(stage)} />;
  }

  if (!enrol.data) {
    if (enrol.isError) {
      return (
        <Stack>
          <ErrorAlert error={enrol.error} />
          <Button variant="default" w="fit-content" onClick={() => enrol.mutate()}>
            {t('common.retry')}
          </Button>
        </Stack>
      );
    }
    if (autoStart || enrol.isPending) {
      return (
        <Center mih={120}>
          <Loader aria-label={t('common.loading')} />
        </Center>
      );
    }
    return (
      <Button w="fit-content" onClick={() => enrol.mutate()}>
        {t('totp.start')}
      </Button>
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const value = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(value)) {
      setCodeError(t('totp.codeFormat'));
      return;
    }
    setCodeError(null);
    confirm.mutate(value);
  }

  const { secret, qrDataUrl } = enrol.data;
  return (
    <Stack gap="md">
      <List type="ordered" spacing="xs">
        <List.Item>{t('totp.stepInstall')}</List.Item>
        <List.Item>{t('totp.stepScan')}</List.Item>
        <List.Item>{t('totp.stepConfirm')}</List.Item>
      </List>
      <Group align="flex-start" gap="lg">
        <img src={qrDataUrl} alt={t('totp.qrAlt')} className="qr" width={200} height={200} />
        <Stack gap={6} maw={260}>
          <Text size="sm" c="dimmed">
            {t('totp.secretLabel')}
          </Text>
          <Paper withBorder p="sm" bg="gray.0">
            <span className="secret">{grouped(secret)}</span>
          </Paper>
          <CopyButton value={secret}>
            {({ copied, copy }) => (
              <Button variant="default" size="xs" w="fit-content" onClick={copy}>
                {copied ? t('common.copied') : t('totp.copySecret')}
              </Button>
            )}
          </CopyButton>
        </Stack>
      </Group>
      <form onSubmit={submit} noValidate>
        <Group align="flex-end" gap="sm">
          <TextInput
            label={t('totp.codeLabel')}
            description={t('totp.codeDescription')}
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={7}
            withAsterisk
            value={code}
            onChange={(event) => {
              setCode(event.currentTarget.value);
              setCodeError(null);
            }}
            error={codeError}
            w={220}
          />
          <Button type="submit" loading={confirm.isPending}>
            {t('totp.confirm')}
          </Button>
        </Group>
      </form>
    </Stack>
  );
}

/** The recovery codes, shown once, with the request to store them safely. */
export function RecoveryCodes({ codes, onSaved }: { codes: string[]; onSaved: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Alert color="yellow" variant="light" title={t('recovery.title')}>
        {t('recovery.warning')}
      </Alert>
      <Paper withBorder p="md">
        <SimpleGrid cols={2} spacing="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('recovery.listLabel')}>
          {codes.map((code) => (
            <li key={code} className="secret">
              {code}
            </li>
          ))}
        </SimpleGrid>
      </Paper>
      <Group gap="sm">
        <CopyButton value={codes.join('\n')}>
          {({ copied, copy }) => (
            <Button variant="default" onClick={copy}>
              {copied ? t('common.copied') : t('recovery.copy')}
            </Button>
          )}
        </CopyButton>
        <Button onClick={onSaved}>{t('recovery.saved')}</Button>
      </Group>
    </Stack>
  );
}
