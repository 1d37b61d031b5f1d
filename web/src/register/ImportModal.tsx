import { useState } from 'react';
import { Button, FileInput, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../api/client';
import { ErrorAlert } from '../layout/ErrorAlert';
import { registerKey } from './api';

/** Imports sites and cameras from a CSV file: every row or none; each problem is listed with its line. */
export function ImportModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<{ sites: number; cameras: number } | null>(null);

  const run = useMutation({
    mutationFn: async () => api<{ sites: number; cameras: number }>('/api/register/import', { method: 'POST', body: { csv: await file!.text() } }),
    onSuccess: (imported) => {
      setResult(imported);
      void queryClient.invalidateQueries({ queryKey: registerKey });
    },
  });
  const problems = run.error instanceof ApiError ? (run.error.problem.errors ?? []) : [];
  const close = () => {
    setFile(null);
    setResult(null);
    run.reset();
    onClose();
  };

  return (
    <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={opened} onClose={close} title={t('register.import.title')} size="lg">
      <Stack gap="md">
        <Text size="sm">{t('register.import.intro')}</Text>
        <FileInput label={t('register.import.file')} accept=".csv,text/csv" value={file} onChange={(f) => { setFile(f); setResult(null); run.reset(); }} clearable />
        {result && <Text role="status" fw={500}>{t('register.import.done', result)}</Text>}
        {run.isError && problems.length === 0 && <ErrorAlert error={run.error} />}
        {problems.length > 0 && (
          <div role="alert">
            <Text fw={600} c="red.9">{t('register.import.refused')}</Text>
            <List size="sm">{problems.map((p, i) => <List.Item key={i}>{`${p.field}: ${p.message}`}</List.Item>)}</List>
          </div>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>{t('common.close')}</Button>
          <Button disabled={!file} loading={run.isPending} onClick={() => run.mutate()}>{t('register.import.submit')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
