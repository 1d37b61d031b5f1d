import { useState } from 'react';
import { Anchor, Button, Center, Loader, Stack, Tabs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { can } from '../api/queries';
import type { Me } from '../api/types';
import { formatDate } from '../format';
import { currentLanguage } from '../i18n';
import { ErrorAlert } from '../layout/ErrorAlert';
import { Page } from '../layout/Page';
import { useCreateDraft, useVersion, useVersions, type Version } from './api';
import { DraftEditor } from './DraftEditor';
import { ProfileView } from './ProfileView';
import { SuccessAlert } from './SuccessAlert';
import { StateBadge, VersionsPanel } from './VersionsPanel';

const dateOf = (date: string | null, language: 'nl' | 'en') => (date ? formatDate(`${date}T12:00:00Z`, language) : '\u2014');

/**
 * The privacy officer's protocol page (issue 3 item 10): the profile in force by article with its
 * rule IDs, the versions and their differences, and the draft to edit, validate and activate.
 */
export function ProtocolPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const versions = useVersions();
  const inForce = useVersion(versions.data?.inForce);
  const draftSummary = versions.data?.versions.find((v) => v.status === 'draft');
  const draft = useVersion(draftSummary?.id);
  const createDraft = useCreateDraft();
  const [tab, setTab] = useState<string | null>('profile');
  const [activated, setActivated] = useState<Version | null>(null);
  const mayManage = can(me, 'protocol.manage');

  if (versions.isPending || inForce.isPending) {
    return (
      <Page title={t('protocol.title')}>
        <Center mih={200}><Loader aria-label={t('common.loading')} /></Center>
      </Page>
    );
  }
  if (versions.isError || inForce.isError) {
    return (
      <Page title={t('protocol.title')}>
        <ErrorAlert error={versions.error ?? inForce.error} />
      </Page>
    );
  }
  const current = inForce.data;
  const profile = current.profile;

  return (
    <Page
      title={t('protocol.title')}
      intro={t('protocol.intro', { organisation: profile.organisation.name, title: profile.title, version: profile.version.profile, date: dateOf(current.effectiveFrom, language) })}
      actions={
        <Anchor href={language === 'en' ? '/protocol?lang=en' : '/protocol'} target="_blank" rel="noopener">
          {t('protocol.publicPage')}
        </Anchor>
      }
    >
      {activated && (
        <SuccessAlert onClose={() => setActivated(null)} title={t('protocol.activated.title')}>
          {t('protocol.activated.body', { number: activated.version, version: activated.profileVersion, date: dateOf(activated.effectiveFrom, language) })}
        </SuccessAlert>
      )}
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="profile">{t('protocol.tabs.profile')}</Tabs.Tab>
          <Tabs.Tab value="versions">{t('protocol.tabs.versions')}</Tabs.Tab>
          {mayManage && <Tabs.Tab value="draft" rightSection={draftSummary ? <StateBadge state="draft" /> : undefined}>{t('protocol.tabs.draft')}</Tabs.Tab>}
        </Tabs.List>

        <Tabs.Panel value="profile" pt="lg">
          <ProfileView profile={profile} />
        </Tabs.Panel>

        <Tabs.Panel value="versions" pt="lg">
          <VersionsPanel versions={versions.data} />
        </Tabs.Panel>

        {mayManage && (
          <Tabs.Panel value="draft" pt="lg">
            {!draftSummary ? (
              <Stack gap="sm" align="flex-start">
                <Text>{t('protocol.draft.none')}</Text>
                <Button onClick={() => createDraft.mutate()} loading={createDraft.isPending}>{t('protocol.draft.create')}</Button>
                <ErrorAlert error={createDraft.error} />
              </Stack>
            ) : draft.data ? (
              <Stack gap="md">
                <Text>{t('protocol.draft.editing', { number: draft.data.version, version: draft.data.profile.version.profile })}</Text>
                <DraftEditor
                  key={draft.data.id}
                  draft={draft.data}
                  onActivated={(version) => {
                    setActivated(version);
                    setTab('versions');
                  }}
                />
              </Stack>
            ) : (
              <ErrorAlert error={draft.error} />
            )}
          </Tabs.Panel>
        )}
      </Tabs>
    </Page>
  );
}
