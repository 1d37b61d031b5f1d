import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Protocol rules blue, cross-cutting requirements purple, articles of law grey (text at shade 9: WCAG AA on the light fill). */
const colourOf = (rule: string) => (rule.startsWith('X-') ? 'grape' : /^(AVG|SV|WOR)-/.test(rule) ? 'gray' : 'blue');

/** The rule IDs a profile field implements; a field where the seed is silent says so. */
export function RuleBadges({ rules, source, note }: { rules: readonly string[]; source?: string; note?: string }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="wrap">
      {rules.map((rule) => (
        <Badge key={rule} variant="light" color={colourOf(rule)} c={`${colourOf(rule)}.9`} radius="sm" tt="none">
          {rule}
        </Badge>
      ))}
      {source === 'silent' && (
        <Badge variant="light" color="orange" c="dark.9" radius="sm" tt="none">
          {t('protocol.silent')}
        </Badge>
      )}
      {note && (
        <Text size="xs" c="dimmed" w="100%">
          {note}
        </Text>
      )}
    </Group>
  );
}
