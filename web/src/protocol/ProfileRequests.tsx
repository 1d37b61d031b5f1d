import { Card, List, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n';
import type { ProtocolProfile } from './api';
import { RuleTable } from './RuleTable';
import { RuleBadges } from './RuleBadges';
import { conditionWords, deadlineWords, outcomeWords, recipientLabels, requestKindLabels, requesterLabels, requestKinds, roleLabel, say } from './words';

/** Each request kind: whether it is allowed, who files it, who decides, the deadline and its rule. */
export function RequestsTable({ profile }: { profile: ProtocolProfile }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const deciders = (kind: string) => profile.grants.find((grant) => grant.permission === `decide:${kind}`)?.roles ?? [];
  return (
    <RuleTable
      caption={t('protocol.requestsCaption')}
      columns={[t('protocol.requestKind'), t('protocol.deadline'), t('protocol.filedBy'), t('protocol.decidedBy'), t('protocol.conditions'), t('protocol.rules')]}
    >
      {requestKinds.map((kind) => {
        const request = profile.requests[kind];
        const deadline = request.deadline;
        return (
          <Table.Tr key={kind}>
            <Table.Th scope="row"><Text size="sm" fw={500}>{say(requestKindLabels[kind], language)}</Text></Table.Th>
            <Table.Td>
              <Text size="sm">{request.allowed ? say(deadlineWords(deadline), language) : t('protocol.notAllowed')}</Text>
              {deadline && <RuleBadges rules={deadline.rules} source={deadline.source} />}
            </Table.Td>
            <Table.Td><Text size="sm">{request.filedBy.map((who) => say(requesterLabels[who], language)).join(', ') || '\u2014'}</Text></Table.Td>
            <Table.Td><Text size="sm">{deciders(kind).map((role) => roleLabel(profile, role, language)).join(', ') || '\u2014'}</Text></Table.Td>
            <Table.Td>
              <Text size="sm">{request.conditions.map((condition) => say(conditionWords[condition], language)).join('; ') || '\u2014'}</Text>
              {request.outcomes.length > 0 && <Text size="xs" c="dimmed">{t('protocol.outcomes', { outcomes: request.outcomes.map((o) => say(outcomeWords[o], language)).join('; ') })}</Text>}
            </Table.Td>
            <Table.Td><RuleBadges rules={request.rules} source={request.source} note={request.note} /></Table.Td>
          </Table.Tr>
        );
      })}
    </RuleTable>
  );
}

/** Who may receive footage, who is refused by name, and what holds for anyone else. */
export function ThirdPartyView({ profile }: { profile: ProtocolProfile }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const third = profile.thirdParty;
  return (
    <Stack gap="md">
      <RuleTable caption={t('protocol.recipientsCaption')} columns={[t('protocol.recipient'), t('protocol.conditions'), t('protocol.rules')]}>
        {third.recipients.map((entry) => (
          <Table.Tr key={entry.category}>
            <Table.Th scope="row"><Text size="sm" fw={500}>{say(recipientLabels[entry.category], language)}</Text></Table.Th>
            <Table.Td><Text size="sm">{entry.conditions.map((condition) => say(conditionWords[condition], language)).join('; ') || '\u2014'}</Text></Table.Td>
            <Table.Td><RuleBadges rules={entry.rules} source={entry.source} note={entry.note} /></Table.Td>
          </Table.Tr>
        ))}
      </RuleTable>
      <Card>
        <Stack gap="xs">
          <Text size="sm" fw={500}>{t('protocol.refusedRecipients')}</Text>
          {third.refused.length === 0 ? (
            <Text size="sm">{t('protocol.noneNamed')}</Text>
          ) : (
            <List size="sm">
              {third.refused.map((entry) => (
                <List.Item key={entry.category}>
                  {say(recipientLabels[entry.category], language)} <RuleBadges rules={entry.rules} source={entry.source} note={entry.note} />
                </List.Item>
              ))}
            </List>
          )}
          <Text size="sm">{third.others.allowed ? t(`protocol.othersAllowed.${third.others.scope}`) : t('protocol.othersRefused')}</Text>
          <RuleBadges rules={third.others.rules} source={third.others.source} note={third.others.note} />
          <Text size="sm">{third.fourEyes.required ? t('protocol.fourEyes') : t('protocol.noFourEyes')}</Text>
          <RuleBadges rules={third.fourEyes.rules} source={third.fourEyes.source} note={third.fourEyes.note} />
          <Text size="sm">{t(`protocol.carrier.${third.carrier.kind}`)}</Text>
          <RuleBadges rules={third.carrier.rules} source={third.carrier.source} note={third.carrier.note} />
        </Stack>
      </Card>
    </Stack>
  );
}
