import { useState } from 'react';
import { Badge, Card, Code, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../format';
import { currentLanguage } from '../i18n';
import { ErrorAlert } from '../layout/ErrorAlert';
import { Section } from '../layout/Page';
import { useDiff, type ProfileChange, type VersionState, type Versions } from './api';
import { RuleTable } from './RuleTable';

const stateColour: Record<VersionState, string> = { draft: 'yellow', scheduled: 'blue', in_force: 'green', superseded: 'gray', retired: 'red' };

export function StateBadge({ state }: { state: VersionState }) {
  const { t } = useTranslation();
  return (
    <Badge color={stateColour[state]} c="dark.9" variant="light" tt="none">
      {t(`protocol.state.${state}`)}
    </Badge>
  );
}

const shown = (value: unknown) => (value === undefined ? '\u2014' : JSON.stringify(value));

/** The changed JSON paths between two versions, with the value before and after. */
export function ChangesTable({ changes, caption }: { changes: ProfileChange[]; caption: string }) {
  const { t } = useTranslation();
  if (changes.length === 0) return <Text size="sm">{t('protocol.diff.none')}</Text>;
  return (
    <RuleTable caption={caption} columns={[t('protocol.diff.path'), t('protocol.diff.before'), t('protocol.diff.after')]}>
      {changes.map((change) => (
        <Table.Tr key={change.path}>
          <Table.Th scope="row"><Code>{change.path}</Code></Table.Th>
          <Table.Td><Text size="sm" ff="monospace" style={{ wordBreak: 'break-word' }}>{shown(change.before)}</Text></Table.Td>
          <Table.Td><Text size="sm" ff="monospace" style={{ wordBreak: 'break-word' }}>{shown(change.after)}</Text></Table.Td>
        </Table.Tr>
      ))}
    </RuleTable>
  );
}

/** Every version with its state and dates, and the differences between any two of them. */
export function VersionsPanel({ versions }: { versions: Versions }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const list = versions.versions;
  const newest = list.at(-1)?.id ?? null;
  const [from, setFrom] = useState<string | null>(versions.inForce);
  const [to, setTo] = useState<string | null>(newest !== versions.inForce ? newest : (list.at(-2)?.id ?? null));
  const diff = useDiff(from, to);
  const options = list.map((v) => ({ value: v.id, label: t('protocol.versionOption', { number: v.version, version: v.profileVersion, state: t(`protocol.state.${v.state}`) }) }));

  return (
    <Stack gap="xl">
      <Section title={t('protocol.versions.title')}>
        <RuleTable
          caption={t('protocol.versions.caption')}
          columns={[t('protocol.versions.number'), t('protocol.versions.version'), t('protocol.versions.state'), t('protocol.versions.effectiveFrom'), t('protocol.versions.created'), t('protocol.versions.activated')]}
        >
          {[...list].reverse().map((v) => (
            <Table.Tr key={v.id}>
              <Table.Th scope="row"><Text size="sm" ff="monospace">{v.version}</Text></Table.Th>
              <Table.Td><Text size="sm">{v.profileVersion}</Text></Table.Td>
              <Table.Td><StateBadge state={v.state} /></Table.Td>
              <Table.Td><Text size="sm">{v.effectiveFrom ? formatDate(`${v.effectiveFrom}T12:00:00Z`, language) : '\u2014'}</Text></Table.Td>
              <Table.Td><Text size="sm">{v.createdBy}</Text><Text size="xs" c="dimmed">{formatDateTime(v.createdAt, language)}</Text></Table.Td>
              <Table.Td>
                {v.activatedBy ? (
                  <>
                    <Text size="sm">{v.activatedBy}</Text>
                    <Text size="xs" c="dimmed">{formatDateTime(v.activatedAt, language)}</Text>
                  </>
                ) : (
                  '\u2014'
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </RuleTable>
      </Section>

      <Section title={t('protocol.diff.title')}>
        <Card>
          <Group gap="md" align="flex-end" wrap="wrap">
            <Select label={t('protocol.diff.from')} data={options} value={from} onChange={setFrom} allowDeselect={false} w={320} />
            <Select label={t('protocol.diff.to')} data={options} value={to} onChange={setTo} allowDeselect={false} w={320} />
          </Group>
        </Card>
        <ErrorAlert error={diff.error} />
        {from && to && from === to && <Text size="sm">{t('protocol.diff.same')}</Text>}
        {diff.data && <ChangesTable changes={diff.data} caption={t('protocol.diff.caption')} />}
      </Section>
    </Stack>
  );
}
