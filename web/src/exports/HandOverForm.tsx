import { useState, type FormEvent } from 'react';
import { Button, Group, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../layout/ErrorAlert';
import { useHandOver } from './api';

/** Chain of custody: to whom the downloaded package was handed, and how that person was identified. */
export function HandOverForm({ exportId }: { exportId: string }) {
  const { t } = useTranslation();
  const [to, setTo] = useState('');
  const [identification, setIdentification] = useState('');
  const handOver = useHandOver(exportId);
  function submit(event: FormEvent) {
    event.preventDefault();
    if (to.trim() && identification.trim()) handOver.mutate({ to: to.trim(), identification: identification.trim() });
  }
  return (
    <form onSubmit={submit}>
      <Group gap="xs" align="flex-end">
        <TextInput size="xs" label={t('exports.handOver.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} required />
        <TextInput size="xs" label={t('exports.handOver.identification')} placeholder={t('exports.handOver.identificationHint')} value={identification} onChange={(e) => setIdentification(e.currentTarget.value)} required />
        <Button size="xs" type="submit" loading={handOver.isPending}>
          {t('exports.handOver.submit')}
        </Button>
      </Group>
      {handOver.error && <ErrorAlert error={handOver.error} />}
    </form>
  );
}
