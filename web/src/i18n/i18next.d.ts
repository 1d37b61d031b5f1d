import 'i18next';
import type nl from './nl.json';

// Type-checks every t('key') against the Dutch catalogue (the English one has the same keys; a
// unit test makes sure of that).
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof nl };
  }
}
