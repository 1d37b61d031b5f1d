import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Group, Menu, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { can } from '../api/queries';
import type { Me } from '../api/types';
import { currentLanguage } from '../i18n';
import { formatDate, formatDateTime } from '../format';
import { ErrorAlert } from '../layout/ErrorAlert';
import { Page, Section } from '../layout/Page';
import { linkClick, useSearchParam } from '../router';
import { documentUrl, registerKey, useCamera, useProfiles } from './api';
import { ApprovalModal } from './ApprovalModal';
import { CameraFormModal } from './CameraFormModal';
import { ChecksSection } from './ChecksSection';
import { ConnectionTestSection } from './ConnectionTest';
import { Fact, RequirementLine, StatusBadge, useBilingual } from './parts';
import { RefusalAlert } from './RefusalAlert';
import { approvalKinds, type ApprovalKind, type CameraStatus } from './types';
import './register.css';

const nextStatuses: Record<CameraStatus, CameraStatus[]> = {
  planned: ['awaiting_approval', 'retired'],
  awaiting_approval: ['planned', 'retired'],
  active: ['awaiting_approval', 'retired'],
  defect: ['retired'],
  retired: [],
};

/** One camera: what activation needs and whether it is on record, the approvals, the facts, checks and defects. */
export function CameraPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const bilingual = useBilingual();
  const id = useSearchParam('id');
  const detail = useCamera(id);
  const profiles = useProfiles();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [approving, setApproving] = useState<ApprovalKind | null | false>(false);
  const manage = can(me, 'register.manage');

  const status = useMutation({
    mutationFn: (to: CameraStatus) => api(`/api/register/cameras/${encodeURIComponent(id)}/status`, { method: 'POST', body: { status: to } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: registerKey }),
  });

  const data = detail.data;
  if (!data) {
    return (
      <Page title={detail.isError ? t('register.camera.notFound') : t('common.loading')}>
        <ErrorAlert error={detail.error} />
        <Anchor href="/register" onClick={linkClick('/register')}>{t('register.backToRegister')}</Anchor>
      </Page>
    );
  }
  const { camera, site, activation, approvals } = data;
  const profile = profiles.data?.profiles.find((p) => p.id === site.profileId);
  const siteLink = `/register/site?id=${encodeURIComponent(site.id)}`;
  const firstMissing = activation.requirements.find((r) => !r.met && (approvalKinds as readonly string[]).includes(r.key))?.key as ApprovalKind | undefined;
  const canActivate = manage && ['planned', 'awaiting_approval', 'defect'].includes(camera.status);

  return (
    <Page
      title={camera.name}
      intro={`${site.name} · ${camera.location}`}
      actions={
        <>
          {manage && camera.status !== 'retired' && <Button variant="default" onClick={() => setEditing(true)}>{t('register.camera.edit')}</Button>}
          {manage && nextStatuses[camera.status].length > 0 && (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button variant="default">{t('register.camera.statusMenu')}</Button>
              </Menu.Target>
              <Menu.Dropdown>
                {nextStatuses[camera.status].map((to) => (
                  <Menu.Item key={to} onClick={() => status.mutate(to)}>{t(`register.statusAction.${to}`)}</Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
          )}
          {canActivate && <Button onClick={() => status.mutate('active')} loading={status.isPending}>{t('register.camera.activate')}</Button>}
        </>
      }
    >
      <Group gap="sm">
        <Anchor href={siteLink} onClick={linkClick(siteLink)} size="sm">{t('register.backToSite', { site: site.name })}</Anchor>
        {can(me, 'mask.read') && <Anchor href={`/register/camera/masks?id=${encodeURIComponent(camera.id)}`} onClick={linkClick(`/register/camera/masks?id=${encodeURIComponent(camera.id)}`)} size="sm">{t('masks.link')}</Anchor>}
        <StatusBadge status={camera.status} />
        {camera.dummy && <Badge variant="outline" color="gray">{t('register.camera.dummy')}</Badge>}
        {camera.hidden && <Badge variant="outline" color="grape">{t('register.camera.hidden')}</Badge>}
      </Group>
      <RefusalAlert error={status.error} title={t('register.activation.refusedTitle')} />

      <Section title={t('register.activation.title')}>
        <Card>
          <Stack gap="xs">
            {camera.status === 'active' && !activation.allowed && (
              <Alert color="orange" variant="light" title={t('register.activation.lapsedTitle')}>{bilingual(activation.message)}</Alert>
            )}
            <Text size="sm" fw={500}>
              {!activation.allowed ? bilingual(activation.message) : camera.status === 'active' ? t('register.activation.recording') : t('register.activation.ready')}
            </Text>
            {activation.requirements.length === 0 && <Text size="sm" c="dimmed">{t('register.activation.nothingRequired')}</Text>}
            {activation.requirements.map((r) => <RequirementLine key={r.key} requirement={r} />)}
          </Stack>
        </Card>
      </Section>

      <Section title={t('register.approval.listTitle')}>
        {can(me, 'register.approve') && camera.status !== 'retired' && (
          <Group><Button variant="default" onClick={() => setApproving(firstMissing ?? null)}>{t('register.approval.add')}</Button></Group>
        )}
        <Card padding={0}>
          <Table.ScrollContainer minWidth={640}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('register.approval.kind')}</Table.Th>
                  <Table.Th scope="col">{t('register.approval.decider')}</Table.Th>
                  <Table.Th scope="col">{t('register.approval.decidedOn')}</Table.Th>
                  <Table.Th scope="col">{t('register.approval.validUntil')}</Table.Th>
                  <Table.Th scope="col">{t('register.approval.document')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {approvals.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      <Text size="sm" fw={500}>{t(`register.requirement.${a.kind}`)}</Text>
                      <Text size="xs" c={a.outcome === 'approved' ? 'dimmed' : 'red.9'}>{t(`register.approval.${a.outcome}`)}</Text>
                      {a.answers.map((qa) => (
                        <Text key={qa.question} size="xs" c="dimmed">{`${qa.question} ${qa.answer}`}</Text>
                      ))}
                      {a.notes && <Text size="xs" c="dimmed">{a.notes}</Text>}
                    </Table.Td>
                    <Table.Td><Text size="sm">{a.decider}</Text></Table.Td>
                    <Table.Td><Text size="sm">{formatDate(a.decidedOn, language)}</Text></Table.Td>
                    <Table.Td><Text size="sm">{a.validUntil ? formatDate(a.validUntil, language) : t('register.approval.noEnd')}</Text></Table.Td>
                    <Table.Td>{a.documentId ? <Anchor size="sm" href={documentUrl(a.documentId)}>{t('register.documents.open')}</Anchor> : <Text size="sm" c="dimmed">—</Text>}</Table.Td>
                  </Table.Tr>
                ))}
                {approvals.length === 0 && (
                  <Table.Tr><Table.Td colSpan={5}><Text size="sm" c="dimmed">{t('register.approval.empty')}</Text></Table.Td></Table.Tr>
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      </Section>

      <Section title={t('register.camera.detailsTitle')}>
        <Card>
          <dl className="facts">
            <Fact label={t('register.camera.areaType')}>{t(`register.areaType.${camera.areaType}`)}</Fact>
            <Fact label={t('register.camera.purposes')}>
              {camera.purposes.map((p) => (profile ? bilingual(profile.purposes.find((x) => x.id === p)?.label ?? { nl: p, en: p }) : p)).join(', ')}
            </Fact>
            <Fact label={t('register.camera.responsible')}>{camera.responsible}</Fact>
            <Fact label={t('register.camera.recordingMode')}>{t(`register.recordingMode.${camera.recordingMode}`)}</Fact>
            <Fact label={t('register.camera.streamUrl')}>{camera.streamUrl}</Fact>
            <Fact label={t('register.camera.credentials')}>{camera.hasCredentials ? t('register.camera.credentialsStored') : t('register.camera.credentialsNone')}</Fact>
            <Fact label={t('register.camera.secureConnection')}>{camera.secureConnection ? t('common.yes') : t('common.no')}</Fact>
            <Fact label={t('register.camera.signageLocation')}>
              {camera.signageLocation && (
                <Stack gap={4}>
                  <span>{camera.signageLocation}</span>
                  {camera.signagePhotoDocumentId && <img className="register-photo" src={documentUrl(camera.signagePhotoDocumentId)} alt={t('register.camera.signagePhoto')} />}
                </Stack>
              )}
            </Fact>
            <Fact label={t('register.camera.viewSection')}>
              {Object.entries(camera.viewChecklist).length > 0 && (
                <Stack gap={4}>
                  {Object.entries(camera.viewChecklist).map(([limit, answer]) => (
                    <span key={limit}>
                      {`${answer.compliant ? '✓' : '✗'} ${t(`register.placement.${limit}` as 'register.placement.no_audio')}`}
                      {answer.photoDocumentId && (
                        <>
                          {' '}
                          <Anchor size="sm" href={documentUrl(answer.photoDocumentId)}>{t('register.camera.viewPhoto')}</Anchor>
                        </>
                      )}
                    </span>
                  ))}
                </Stack>
              )}
            </Fact>
            <Fact label={t('register.camera.activatedAt')}>{camera.activatedAt ? formatDateTime(camera.activatedAt, language) : null}</Fact>
          </dl>
        </Card>
      </Section>

      {manage && camera.streamUrl && !camera.dummy && camera.status !== 'retired' && <ConnectionTestSection key={`${camera.streamUrl}|${camera.hasCredentials}`} camera={camera} />}

      <ChecksSection me={me} data={data} />

      <CameraFormModal opened={editing} onClose={() => setEditing(false)} site={site} camera={camera} />
      <ApprovalModal opened={approving !== false} onClose={() => setApproving(false)} cameraId={camera.id} profile={profile} suggested={approving || null} />
    </Page>
  );
}
