import { FileInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useMe } from '../api/queries';
import { useErrorText } from '../i18n/errors';
import { uploadDocument } from './api';

export const documentAccept = 'application/pdf,image/jpeg,image/png';
const maxBytes = 10 * 1024 * 1024;

/** A file field for evidence (PDF, JPEG, PNG, at most 10 MiB); the form uploads the file when it is saved. */
export function DocumentInput({ label, ariaLabel, description, value, onChange, error, photo = false }: {
  label: string;
  /** A fuller name for assistive technology where several fields share a visible label. */
  ariaLabel?: string;
  description?: string;
  value: File | null;
  onChange: (file: File | null) => void;
  error?: string;
  photo?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <FileInput
      label={label}
      aria-label={ariaLabel}
      description={description ?? (photo ? t('register.documents.photoHint') : t('register.documents.hint'))}
      accept={photo ? 'image/jpeg,image/png' : documentAccept}
      clearable
      value={value}
      onChange={onChange}
      error={error}
    />
  );
}

/**
 * Checks a chosen file before it goes anywhere and uploads it; returns its id, null when no file
 * was chosen, or a message for the field. The server checks type (by content) and size again.
 */
export function useDocumentUpload(): (file: File | null) => Promise<{ id: string | null; error?: string }> {
  const { t } = useTranslation();
  const me = useMe();
  const errorText = useErrorText();
  return async (file) => {
    if (!file) return { id: null };
    if (file.size > maxBytes) return { id: null, error: t('register.documents.tooLarge') };
    if (file.type && !documentAccept.split(',').includes(file.type)) return { id: null, error: t('register.documents.wrongType') };
    try {
      return { id: (await uploadDocument(file, me.data?.csrfToken ?? '')).id };
    } catch (err) {
      return { id: null, error: err instanceof ApiError ? errorText(err) : t('errors.unexpected') };
    }
  };
}
