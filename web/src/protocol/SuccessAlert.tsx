import type { ReactNode } from 'react';
import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A success message, announced politely; its title in the text colour (Mantine's green titles are below 4.5:1 on the light fill). */
export function SuccessAlert({ title, onClose, children }: { title?: string; onClose?: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Alert
      color="green"
      variant="light"
      role="status"
      title={title}
      withCloseButton={!!onClose}
      closeButtonLabel={t('common.close')}
      onClose={onClose}
      styles={{ label: { color: 'var(--mantine-color-text)' } }}
    >
      {children}
    </Alert>
  );
}
