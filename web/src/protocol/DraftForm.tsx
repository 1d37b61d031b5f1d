import { Card, Group, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n';
import type { ProtocolProfile } from './api';
import { permissionName, requestKindLabels, requestKinds, roleLabel, say, type RequestKind } from './words';

/** The deadline kinds the form edits in place; the others (AVG default, immediately, none) need the JSON view. */
const countedKinds = ['working_days', 'weeks', 'months'] as const;
type CountedKind = (typeof countedKinds)[number];

interface Props {
  profile: ProtocolProfile;
  onChange: (profile: ProtocolProfile) => void;
  /** Field errors from the server, by JSON path. */
  errors: Record<string, string>;
}

/** The fields a privacy officer changes most: the retention limit, the request deadlines and the role grants. */
export function DraftForm({ profile, onChange, errors }: Props) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const roleOptions = profile.roles.items.map((item) => ({ value: item.id, label: say(item.label, language) }));

  const setDeadline = (kind: RequestKind, patch: { kind?: CountedKind; n?: number }) => {
    const current = profile.requests[kind].deadline;
    if (!current || !(countedKinds as readonly string[]).includes(current.kind)) return;
    const deadline = { ...current, ...patch } as typeof current;
    onChange({ ...profile, requests: { ...profile.requests, [kind]: { ...profile.requests[kind], deadline } } });
  };

  const setGrant = (index: number, roles: string[]) => {
    const grants = profile.grants.map((grant, at) => (at === index ? { ...grant, roles: roles as typeof grant.roles } : grant));
    onChange({ ...profile, grants });
  };

  const errorAt = (prefix: string) => Object.entries(errors).find(([field]) => field === prefix || field.startsWith(`${prefix}.`))?.[1];

  return (
    <Stack gap="lg">
      <Card>
        <Title order={3} size="h4" mb="sm">{t('protocol.draft.retention')}</Title>
        <NumberInput
          label={t('protocol.draft.limitDays')}
          description={t('protocol.draft.limitDaysHint')}
          min={1}
          max={3650}
          w={240}
          value={profile.retention.limitDays}
          onChange={(value) => onChange({ ...profile, retention: { ...profile.retention, limitDays: typeof value === 'number' ? value : Number(value) } })}
          error={errorAt('retention.limitDays')}
        />
      </Card>

      <Card>
        <Title order={3} size="h4" mb="sm">{t('protocol.draft.deadlines')}</Title>
        <Stack gap="sm">
          {requestKinds.map((kind) => {
            const deadline = profile.requests[kind].deadline;
            const name = say(requestKindLabels[kind], language);
            if (!deadline || deadline.kind === 'avg_default' || deadline.kind === 'immediately' || deadline.kind === 'none') {
              return (
                <Text key={kind} size="sm">
                  {t('protocol.draft.deadlineFixed', { kind: name, deadline: deadline ? t(`protocol.deadlineKind.${deadline.kind}`) : t('protocol.notAllowed') })}
                </Text>
              );
            }
            const error = errorAt(`requests.${kind}.deadline`);
            return (
              <Group key={kind} gap="sm" align="flex-end" wrap="wrap">
                <NumberInput
                  label={t('protocol.draft.deadlineFor', { kind: name })}
                  min={1}
                  max={365}
                  w={200}
                  value={deadline.n}
                  onChange={(value) => setDeadline(kind, { n: typeof value === 'number' ? value : Number(value) })}
                  error={error}
                />
                <Select
                  label={t('protocol.draft.unit')}
                  aria-label={t('protocol.draft.unitFor', { kind: name })}
                  data={countedKinds.map((unit) => ({ value: unit, label: t(`protocol.deadlineKind.${unit}`) }))}
                  value={deadline.kind}
                  onChange={(value) => value && setDeadline(kind, { kind: value as CountedKind })}
                  allowDeselect={false}
                  w={200}
                />
              </Group>
            );
          })}
        </Stack>
      </Card>

      <Card>
        <Title order={3} size="h4" mb="sm">{t('protocol.draft.grants')}</Title>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          {profile.grants.map((grant, index) => (
            <MultiSelect
              key={grant.permission}
              label={permissionName(grant.permission, t, language)}
              description={grant.rules.join(', ')}
              data={roleOptions}
              value={[...grant.roles]}
              onChange={(roles) => setGrant(index, roles)}
              placeholder={grant.roles.length === 0 ? t('protocol.nobody') : undefined}
              error={errorAt(`grants.${index}`)}
            />
          ))}
        </SimpleGrid>
        <Text size="xs" c="dimmed" mt="sm">
          {t('protocol.draft.grantsHint', { roles: profile.roles.items.map((item) => roleLabel(profile, item.id, language)).join(', ') })}
        </Text>
      </Card>
    </Stack>
  );
}
