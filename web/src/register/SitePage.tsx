import { useState } from 'react';
import { Anchor, Button, Card, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { can } from '../api/queries';
import type { Me } from '../api/types';
import { currentLanguage } from '../i18n';
import { formatDate } from '../format';
import { ErrorAlert } from '../layout/ErrorAlert';
import { Page, Section } from '../layout/Page';
import { linkClick, navigate, useSearchParam } from '../router';
import { documentUrl, useCameras, useProfiles, useSites } from './api';
import { CameraFormModal } from './CameraFormModal';
import { Fact, StatusBadge, useBilingual } from './parts';
import { SiteFormModal } from './SiteFormModal';
import './register.css';

/** One site: its facts, and its cameras with whether each may be active. */
export function SitePage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const bilingual = useBilingual();
  const id = useSearchParam('id');
  const sites = useSites();
  const cameras = useCameras(id);
  const profiles = useProfiles();
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const manage = can(me, 'register.manage');
  const site = sites.data?.sites.find((s) => s.id === id) ?? null;
  const profile = profiles.data?.profiles.find((p) => p.id === site?.profileId);

  if (sites.isSuccess && !site) {
    return (
      <Page title={t('register.site.notFound')}>
        <Anchor href="/register" onClick={linkClick('/register')}>{t('register.backToRegister')}</Anchor>
      </Page>
    );
  }

  const rows = (cameras.data?.cameras ?? []).map((camera) => {
    const to = `/register/camera?id=${encodeURIComponent(camera.id)}`;
    return (
      <Table.Tr key={camera.id}>
        <Table.Td>
          <Anchor href={to} onClick={linkClick(to)} fw={600}>{camera.name}</Anchor>
          <Text size="sm" c="dimmed">{camera.location}</Text>
        </Table.Td>
        <Table.Td>
          <Text size="sm">{t(`register.areaType.${camera.areaType}`)}</Text>
          {(camera.dummy || camera.hidden) && <Text size="xs" c="dimmed">{camera.dummy ? t('register.camera.dummy') : t('register.camera.hidden')}</Text>}
        </Table.Td>
        <Table.Td><StatusBadge status={camera.status} /></Table.Td>
        <Table.Td>
          <Text size="sm">
            {!camera.activation.allowed
              ? bilingual(camera.activation.message)
              : camera.status === 'active' ? t('register.activation.recordingShort') : t('register.activation.readyShort')}
          </Text>
        </Table.Td>
      </Table.Tr>
    );
  });

  return (
    <Page
      title={site?.name ?? t('common.loading')}
      intro={site?.address}
      actions={manage && site && (
        <>
          <Button variant="default" onClick={() => setEditing(true)}>{t('register.site.edit')}</Button>
          <Button onClick={() => setAdding(true)}>{t('register.camera.add')}</Button>
        </>
      )}
    >
      <Anchor href="/register" onClick={linkClick('/register')} size="sm">{t('register.backToRegister')}</Anchor>
      <ErrorAlert error={sites.error ?? cameras.error} />
      {site && (
        <Card>
          <dl className="facts">
            <Fact label={t('register.site.organisation')}>{site.organisation}</Fact>
            <Fact label={t('register.site.profileId')}>{profile ? `${profile.organisation} — ${profile.title}` : site.profileId}</Fact>
            <Fact label={t('register.site.contactName')}>{site.contactName && `${site.contactName}${site.contactTeam ? ` (${site.contactTeam})` : ''}`}</Fact>
            <Fact label={t('register.site.vveApplies')}>{site.vveApplies ? t('common.yes') : t('common.no')}</Fact>
            <Fact label={t('register.site.maintenancePartner')}>{site.maintenancePartner}</Fact>
            <Fact label={t('register.site.processorAgreement')}>
              {site.processorAgreementDocumentId ? (
                <Anchor href={documentUrl(site.processorAgreementDocumentId)}>
                  {t('register.site.agreementPeriod', { from: formatDate(site.processorAgreementFrom, language) || '…', until: formatDate(site.processorAgreementUntil, language) || '…' })}
                </Anchor>
              ) : null}
            </Fact>
            <Fact label={t('register.site.recorderLocation')}>{site.recorderLocation && `${site.recorderLocation}${site.recorderSecurity ? ` — ${site.recorderSecurity}` : ''}`}</Fact>
            <Fact label={t('register.site.viewingLocation')}>{site.viewingLocation && `${site.viewingLocation}${site.viewingSecurity ? ` — ${site.viewingSecurity}` : ''}`}</Fact>
            <Fact label={t('register.site.checkIntervalDays')}>{site.checkIntervalDays ? t('register.site.everyDays', { days: site.checkIntervalDays }) : null}</Fact>
          </dl>
        </Card>
      )}
      <Section title={t('register.camera.listTitle')}>
        <Card padding={0}>
          <Table.ScrollContainer minWidth={640}>
            <Table aria-busy={cameras.isPending}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('register.camera.name')}</Table.Th>
                  <Table.Th scope="col">{t('register.camera.areaType')}</Table.Th>
                  <Table.Th scope="col">{t('register.camera.status')}</Table.Th>
                  <Table.Th scope="col">{t('register.activation.title')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows}
                {cameras.isSuccess && rows.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={4}>
                      <Stack gap={4}>
                        <Text c="dimmed" size="sm">{t('register.camera.empty')}</Text>
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      </Section>
      {site && <SiteFormModal opened={editing} onClose={() => setEditing(false)} site={site} />}
      {site && (
        <CameraFormModal
          opened={adding}
          onClose={() => setAdding(false)}
          site={site}
          onSaved={(camera) => navigate(`/register/camera?id=${encodeURIComponent(camera.id)}`)}
        />
      )}
    </Page>
  );
}
