import { useState } from 'react';
import { Anchor, Button, Card, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { can } from '../api/queries';
import type { Me } from '../api/types';
import { ErrorAlert } from '../layout/ErrorAlert';
import { Page } from '../layout/Page';
import { linkClick, navigate } from '../router';
import { useCameras, useProfiles, useSites } from './api';
import { AttentionSection } from './AttentionSection';
import { ImportModal } from './ImportModal';
import { SiteFormModal } from './SiteFormModal';
import './register.css';

/** The register's front page: every site with its cameras counted, and the way in to add, import or export. */
export function RegisterPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const manage = can(me, 'register.manage');
  const sites = useSites();
  const cameras = useCameras();
  const profiles = useProfiles();
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);

  const profileName = (id: string) => profiles.data?.profiles.find((p) => p.id === id)?.organisation ?? id;
  const counts = (siteId: string) => {
    const own = (cameras.data?.cameras ?? []).filter((c) => c.siteId === siteId && c.status !== 'retired');
    return { total: own.length, active: own.filter((c) => c.status === 'active').length };
  };

  const rows = (sites.data?.sites ?? []).map((site) => {
    const { total, active } = counts(site.id);
    const to = `/register/site?id=${encodeURIComponent(site.id)}`;
    return (
      <Table.Tr key={site.id}>
        <Table.Td>
          <Anchor href={to} onClick={linkClick(to)} fw={600}>
            {site.name}
          </Anchor>
          <Text size="sm" c="dimmed">{site.address}</Text>
        </Table.Td>
        <Table.Td>
          <Text size="sm">{profileName(site.profileId)}</Text>
        </Table.Td>
        <Table.Td>
          <Text size="sm">{t('register.sites.cameraCount', { total, active })}</Text>
        </Table.Td>
        <Table.Td>
          <Text size="sm">{site.contactName ?? '—'}</Text>
          {site.contactTeam && <Text size="xs" c="dimmed">{site.contactTeam}</Text>}
        </Table.Td>
      </Table.Tr>
    );
  });

  return (
    <Page
      title={t('register.title')}
      intro={t('register.intro')}
      actions={
        <Group gap="sm">
          <Button component="a" href="/api/register/export.csv" variant="default">
            {t('register.export')}
          </Button>
          {manage && (
            <Button variant="default" onClick={() => setImporting(true)}>
              {t('register.import.open')}
            </Button>
          )}
          {manage && <Button onClick={() => setAdding(true)}>{t('register.sites.add')}</Button>}
        </Group>
      }
    >
      <ErrorAlert error={sites.error ?? cameras.error} />
      {(sites.data?.sites.length ?? 0) > 0 && <AttentionSection />}
      <Card padding={0}>
        <Table.ScrollContainer minWidth={640}>
          <Table aria-busy={sites.isPending}>
            <Table.Caption className="register-caption">{t('register.sites.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('register.sites.site')}</Table.Th>
                <Table.Th scope="col">{t('register.sites.profile')}</Table.Th>
                <Table.Th scope="col">{t('register.sites.cameras')}</Table.Th>
                <Table.Th scope="col">{t('register.sites.contact')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows}
              {sites.isSuccess && rows.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={4}>
                    <Text c="dimmed" size="sm">{manage ? t('register.sites.emptyManage') : t('register.sites.empty')}</Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {sites.isPending && (
                <Table.Tr>
                  <Table.Td colSpan={4}>
                    <Text c="dimmed" size="sm">{t('common.loading')}</Text>
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      <SiteFormModal opened={adding} onClose={() => setAdding(false)} onSaved={(site) => navigate(`/register/site?id=${encodeURIComponent(site.id)}`)} />
      <ImportModal opened={importing} onClose={() => setImporting(false)} />
    </Page>
  );
}
