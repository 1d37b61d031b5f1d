import type { TFunction } from 'i18next';
import { recipientLabels, requestKindLabels, requesterLabels, viewReasonLabels } from '../../../src/protocol/labels';
import type { Text } from '../../../src/protocol/provenance.schema';
import {
  conditionWords, deadlineWords, documentWords, holdEndWords, holdTriggerWords, outcomeWords, placementWords, refusalWords,
} from '../../../src/protocol/publication/wording';
import type { Language } from '../i18n';
import type { ProtocolProfile } from './api';

/**
 * The protocol's vocabulary in words: the same Dutch and English words the public protocol page
 * uses (src/protocol/labels.ts, src/protocol/publication/wording.ts), so the privacy officer reads
 * what the public reads. The UI's own texts stay in the i18n catalogues.
 */
export { conditionWords, deadlineWords, documentWords, holdEndWords, holdTriggerWords, outcomeWords, placementWords, recipientLabels, refusalWords, requestKindLabels, requesterLabels, viewReasonLabels };

export const say = (text: Text, language: Language) => text[language];

export type Grant = ProtocolProfile['grants'][number];
export type RequestKind = keyof ProtocolProfile['requests'];

export const requestKinds: RequestKind[] = ['access', 'erasure', 'restriction', 'objection', 'retention-extension', 'police', 'third-party'];

/** A permission in words: `decide:access` is "Decide on access requests". */
export function permissionName(permission: string, t: TFunction, language: Language): string {
  const [verb, kind] = permission.split(':') as [string, RequestKind | undefined];
  if (kind && (verb === 'decide' || verb === 'file')) {
    const words = say(requestKindLabels[kind], language);
    return verb === 'decide' ? t('protocol.permissions.decide', { kind: words }) : t('protocol.permissions.file', { kind: words });
  }
  const key = `protocol.permissions.${permission}` as 'protocol.permissions.view_live';
  return t(key);
}

/** The roles the profile declares, with its own label for each. */
export function roleLabel(profile: ProtocolProfile, role: string, language: Language): string {
  const item = profile.roles.items.find((entry) => entry.id === role);
  return item ? say(item.label, language) : role;
}
