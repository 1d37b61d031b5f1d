import type { ReactNode } from 'react';
import { Badge, Group, Text, ThemeIcon } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n';
import type { CameraStatus, Requirement, Text as Bilingual } from './types';

/** A server text (nl/en) in the current language. */
export function useBilingual(): (text: Bilingual) => string {
  useTranslation(); // re-render on a language switch
  return (text) => text[currentLanguage()];
}

const statusColours: Record<CameraStatus, string> = {
  planned: 'gray',
  awaiting_approval: 'yellow',
  active: 'green',
  defect: 'red',
  retired: 'gray',
};

export function StatusBadge({ status }: { status: CameraStatus }) {
  const { t } = useTranslation();
  return (
    // The dot variant keeps the text in the text colour (WCAG AA); the colour is a cue, the word says it.
    <Badge color={statusColours[status]} variant="dot" className="badge-fit">
      {t(`register.status.${status}`)}
    </Badge>
  );
}

/** A label and its value, as one row of a definition list. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useTranslation();
  const empty = children === null || children === undefined || children === '';
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{empty ? <Text span c="dimmed">{t('register.notRecorded')}</Text> : children}</dd>
    </div>
  );
}

/** The label of one activation requirement (an approval kind, a register fact or a view limit). */
export function useRequirementLabel(): (requirement: Pick<Requirement, 'key' | 'rule'>) => string {
  const { t } = useTranslation();
  return ({ key, rule }) => {
    if (key.startsWith('view:')) return t(`register.placement.${key.slice(5)}` as 'register.placement.no_audio');
    // Without a rule (WEL-9) the connection needs only an address; with one, a password and a secure connection.
    if (key === 'connection' && !rule) return t('register.requirement.address');
    return t(`register.requirement.${key}` as 'register.requirement.purpose');
  };
}

/** A requirement with a mark that says (in words too) whether it is met. */
export function RequirementLine({ requirement }: { requirement: Requirement }) {
  const { t } = useTranslation();
  const label = useRequirementLabel();
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <ThemeIcon size="sm" radius="xl" color={requirement.met ? 'green' : 'orange'} variant="light" aria-hidden>
        {requirement.met ? '✓' : '!'}
      </ThemeIcon>
      <Text size="sm">
        <Text span fw={500}>{label(requirement)}</Text>
        {' — '}
        {requirement.met ? t('register.activation.met') : t('register.activation.missing')}
        {requirement.rule && (
          <Text span c="dimmed">
            {' '}({requirement.rule})
          </Text>
        )}
      </Text>
    </Group>
  );
}
