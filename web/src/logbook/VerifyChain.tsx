import { Alert, Button, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { LogbookVerification } from '../api/types';
import { currentLanguage } from '../i18n';
import { formatNumber } from '../format';
import { ErrorAlert } from '../layout/ErrorAlert';

/** Recomputes the whole hash chain on the server and says whether it is intact (INV-4). */
export function useVerifyChain() {
  return useMutation({
    mutationFn: () => api<LogbookVerification>('/api/logbook/verify'),
  });
}

export function VerifyChainResult({ verify }: { verify: ReturnType<typeof useVerifyChain> }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  if (verify.isError) return <ErrorAlert error={verify.error} />;
  const result = verify.data;
  if (!result) return null;
  if (result.ok) {
    return (
      <Alert color="green" variant="light" title={t('logbook.verify.okTitle')} role="status">
        {t('logbook.verify.ok', { entries: formatNumber(result.entries, language), headSeq: result.headSeq ?? 0 })}
      </Alert>
    );
  }
  return (
    <Alert color="red" variant="light" title={t('logbook.verify.brokenTitle')} role="alert">
      <Stack gap={4}>
        <span>{result.problem ? t('logbook.verify.brokenAt', { seq: result.problem.seq }) : t('logbook.verify.broken')}</span>
        {result.problem?.message && <span>{result.problem.message}</span>}
      </Stack>
    </Alert>
  );
}

export function VerifyButton({ verify }: { verify: ReturnType<typeof useVerifyChain> }) {
  const { t } = useTranslation();
  return (
    <Button variant="default" onClick={() => verify.mutate()} loading={verify.isPending}>
      {t('logbook.verify.button')}
    </Button>
  );
}
