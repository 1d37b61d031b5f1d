import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import nl from './nl.json';
import en from './en.json';

export const languages = ['nl', 'en'] as const;
export type Language = (typeof languages)[number];

const storageKey = 'toezicht.language';

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(storageKey);
    return value === 'en' ? 'en' : 'nl';
  } catch {
    return 'nl';
  }
}

export function currentLanguage(): Language {
  return i18n.resolvedLanguage === 'en' ? 'en' : 'nl';
}

/** Switches the UI language, remembers it in this browser and tells assistive technology via <html lang>. */
export function setLanguage(language: Language): void {
  void i18n.changeLanguage(language);
}

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
  try {
    window.localStorage.setItem(storageKey, language);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
});

void i18n.use(initReactI18next).init({
  resources: { nl: { translation: nl }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'nl',
  supportedLngs: languages,
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
  showSupportNotice: false,
  initAsync: false, // the catalogues are bundled: ready before the first render
});
document.documentElement.lang = i18n.language;

export default i18n;
