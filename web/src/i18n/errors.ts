import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { formatDateTime } from '../format';
import { currentLanguage } from './index';

/** The ISO time an account is locked until: the problem's own field, else the first ISO time in its detail or title. */
function lockedUntilOf(error: ApiError): string | null {
  if (error.problem.lockedUntil) return error.problem.lockedUntil;
  const match = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/.exec(`${error.problem.detail ?? ''} ${error.problem.title}`);
  return match ? match[0] : null;
}

/**
 * The field errors of a refused form, by field: our own text where the UI knows the problem's
 * code, else the server's message for that field.
 */
export function useFieldErrors(): (error: unknown) => Record<string, string> {
  const { t, i18n } = useTranslation();
  return useCallback(
    (error: unknown) => {
      if (!(error instanceof ApiError)) return {};
      const fields = error.fieldErrors();
      const key = `errors.codes.${error.code}`;
      if (error.problem.field && i18n.exists(key)) fields[error.problem.field] = t(key as 'errors.codes.invalid_credentials');
      return fields;
    },
    [t, i18n],
  );
}

/**
 * Turns any error into a sentence in the current language: our own text for the codes the UI
 * knows, else the server's bilingual message, else a generic text naming the status.
 */
export function useErrorText(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (error: unknown) => {
      const language = currentLanguage();
      if (!(error instanceof ApiError)) return t('errors.unexpected');
      const { code, message, rule } = error.problem;
      if (code === 'locked') {
        const until = lockedUntilOf(error);
        return until ? t('errors.lockedUntil', { time: formatDateTime(until, language) }) : t('errors.locked');
      }
      const key = `errors.codes.${code}`;
      if (i18n.exists(key)) return t(key as 'errors.codes.invalid_credentials');
      if (message) return message[language];
      if (error.status === 403) return rule ? t('errors.forbiddenRule', { rule }) : t('errors.forbidden');
      if (error.status === 0) return t('errors.network');
      if (error.status >= 500) return t('errors.server');
      return t('errors.generic', { status: error.status, title: error.problem.title });
    },
    [t, i18n],
  );
}
