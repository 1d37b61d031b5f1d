import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../i18n/errors';

/** An error from the API, in words, announced to screen readers (role="alert"). */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  if (!error) return null;
  return (
    <Alert color="red" variant="light" title={title ?? t('errors.title')} role="alert">
      {errorText(error)}
    </Alert>
  );
}
