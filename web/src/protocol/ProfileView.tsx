import { Card, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n';
import { Section } from '../layout/Page';
import type { ProtocolProfile } from './api';
import { RequestsTable, ThirdPartyView } from './ProfileRequests';
import { RuleBadges } from './RuleBadges';
import { RuleTable } from './RuleTable';
import { holdEndWords, holdTriggerWords, permissionName, placementWords, roleLabel, say } from './words';

/**
 * The profile by article: what it says in each part, with the rule IDs each field implements
 * (issue 3 item 10). Read-only; the draft editor changes a copy.
 */
export function ProfileView({ profile }: { profile: ProtocolProfile }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const yesNo = (value: boolean) => (value ? t('common.yes') : t('common.no'));
  const roles = (list: readonly string[]) => (list.length > 0 ? list.map((role) => roleLabel(profile, role, language)).join(', ') : t('protocol.nobody'));
  const cameras = profile.cameras;
  const requirements: [string, string, { rules: string[]; source: string; note?: string }][] = [
    [t('protocol.cameras.proportionality'), cameras.proportionality.required ? `${t('common.yes')}${cameras.proportionality.assessedBy ? ` (${roleLabel(profile, cameras.proportionality.assessedBy, language)})` : ''}` : t('common.no'), cameras.proportionality],
    [t('protocol.cameras.dpia'), t(`protocol.cameras.dpiaWhen.${cameras.dpia.when}`), cameras.dpia],
    [t('protocol.cameras.vve'), t(`protocol.cameras.vveWhen.${cameras.vveConsent.when}`), cameras.vveConsent],
    [t('protocol.cameras.worksCouncil'), t('protocol.cameras.staffInView'), cameras.worksCouncil],
    [t('protocol.cameras.signage'), cameras.signage.required ? t(`protocol.cameras.signageAt.${cameras.signage.at}`) : t('common.no'), cameras.signage],
    [t('protocol.cameras.hidden'), t(`protocol.cameras.hiddenAllowed.${cameras.hidden.allowed}`), cameras.hidden],
    [t('protocol.cameras.dummies'), cameras.dummies.allowed ? (cameras.dummies.disclosed ? t('protocol.cameras.dummiesDisclosed') : t('protocol.cameras.dummiesUndisclosed')) : t('common.no'), cameras.dummies],
    [t('protocol.cameras.purposeRecorded'), yesNo(cameras.purposeRecorded.required), cameras.purposeRecorded],
    [t('protocol.cameras.responsibleRecorded'), yesNo(cameras.responsibleRecorded.required), cameras.responsibleRecorded],
    ...cameras.placement.map((entry): [string, string, typeof entry] => [t('protocol.cameras.placement'), say(placementWords[entry.limit], language), entry]),
  ];

  return (
    <Stack gap="xl">
      <Section title={t('protocol.sections.purposes')}>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Card>
            <Title order={3} size="h5" mb="xs">{t('protocol.purposes')}</Title>
            <List spacing="xs">
              {profile.purposes.items.map((item) => (
                <List.Item key={item.id}>
                  <Text size="sm">{say(item.label, language)}</Text>
                  <RuleBadges rules={item.rules} />
                </List.Item>
              ))}
            </List>
          </Card>
          <Card>
            <Title order={3} size="h5" mb="xs">{t('protocol.legalBases')}</Title>
            <List spacing="xs">
              {profile.legalBases.map((entry) => (
                <List.Item key={entry.basis}>
                  <Text size="sm">{say(entry.label, language)}</Text>
                  <RuleBadges rules={entry.rules} source={entry.source} note={entry.note} />
                </List.Item>
              ))}
            </List>
          </Card>
        </SimpleGrid>
      </Section>

      <Section title={t('protocol.sections.roles')}>
        <RuleTable caption={t('protocol.grantsCaption')} columns={[t('protocol.permission'), t('protocol.roles'), t('protocol.rules')]}>
          {profile.grants.map((grant) => (
            <Table.Tr key={grant.permission}>
              <Table.Th scope="row"><Text size="sm" fw={500}>{permissionName(grant.permission, t, language)}</Text></Table.Th>
              <Table.Td><Text size="sm">{roles(grant.roles)}</Text></Table.Td>
              <Table.Td><RuleBadges rules={grant.rules} source={grant.source} note={grant.note} /></Table.Td>
            </Table.Tr>
          ))}
        </RuleTable>
        <Text size="sm">{t('protocol.mfaRoles', { roles: roles(profile.mfa.roles) })}</Text>
      </Section>

      <Section title={t('protocol.sections.retention')}>
        <Card>
          <Stack gap="xs">
            <Text>{t('protocol.retentionLimit', { days: profile.retention.limitDays })}</Text>
            <RuleBadges rules={profile.retention.rules} source={profile.retention.source} note={profile.retention.note} />
            <Text size="sm">{t(`protocol.recordingMode.${profile.retention.recording.mode}`)}</Text>
          </Stack>
        </Card>
        <RuleTable caption={t('protocol.holdsCaption')} columns={[t('protocol.holdTrigger'), t('protocol.holdUntil'), t('protocol.rules')]}>
          {profile.retention.holds.map((hold) => (
            <Table.Tr key={`${hold.trigger}-${hold.until}`}>
              <Table.Th scope="row"><Text size="sm" fw={500}>{say(holdTriggerWords[hold.trigger], language)}</Text></Table.Th>
              <Table.Td><Text size="sm">{say(holdEndWords[hold.until], language)}</Text></Table.Td>
              <Table.Td><RuleBadges rules={hold.rules} source={hold.source} note={hold.note} /></Table.Td>
            </Table.Tr>
          ))}
        </RuleTable>
      </Section>

      <Section title={t('protocol.sections.requests')}>
        <RequestsTable profile={profile} />
      </Section>

      <Section title={t('protocol.sections.thirdParties')}>
        <ThirdPartyView profile={profile} />
      </Section>

      <Section title={t('protocol.sections.cameras')}>
        <RuleTable caption={t('protocol.camerasCaption')} columns={[t('protocol.requirement'), t('protocol.value'), t('protocol.rules')]}>
          {requirements.map(([name, value, provenance], index) => (
            <Table.Tr key={index}>
              <Table.Th scope="row"><Text size="sm" fw={500}>{name}</Text></Table.Th>
              <Table.Td><Text size="sm">{value}</Text></Table.Td>
              <Table.Td><RuleBadges rules={provenance.rules} source={provenance.source} note={provenance.note} /></Table.Td>
            </Table.Tr>
          ))}
        </RuleTable>
      </Section>

      <Section title={t('protocol.sections.complaints')}>
        <Card>
          <Stack gap="xs">
            <Text size="sm">{profile.complaints.toOrganisation ? t('protocol.complaintsToOrganisation') : t('protocol.complaintsToAp')}</Text>
            <RuleBadges rules={profile.complaints.rules} source={profile.complaints.source} note={profile.complaints.note} />
            <Text size="sm">{t('protocol.publication', { public: yesNo(profile.publication.protocolPublic), list: yesNo(profile.publication.cameraListPublic) })}</Text>
            <RuleBadges rules={profile.publication.rules} source={profile.publication.source} note={profile.publication.note} />
          </Stack>
        </Card>
      </Section>
    </Stack>
  );
}
