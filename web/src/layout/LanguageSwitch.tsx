import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage, setLanguage, type Language } from '../i18n';

/** Nederlands / English, each named in its own language; the choice is kept in this browser. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('language.label')}
      value={currentLanguage()}
      onChange={(value) => setLanguage(value as Language)}
      data={[
        { value: 'nl', label: <Label lang="nl" long={t('language.nl')} short={t('language.nlShort')} /> },
        { value: 'en', label: <Label lang="en" long={t('language.en')} short={t('language.enShort')} /> },
      ]}
    />
  );
}

/** The full language name, shortened to its code on narrow screens (the full name stays the accessible name). */
function Label({ lang, long, short }: { lang: string; long: string; short: string }) {
  return (
    <span lang={lang}>
      <span className="lang-long">{long}</span>
      <span className="lang-short" aria-hidden="true">
        {short}
      </span>
    </span>
  );
}
