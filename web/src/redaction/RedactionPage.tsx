import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, Progress, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Me } from '../api/types';
import { useCameras, useRequest } from '../cases/api';
import { formatDateTime } from '../format';
import { currentLanguage } from '../i18n';
import { ErrorAlert } from '../layout/ErrorAlert';
import { Page, Section } from '../layout/Page';
import { linkClick, useSearchParam } from '../router';
import { useAnalyses, useStartAnalysis } from './api';
import { ReviewPanel } from './ReviewPanel';
import './redaction.css';

/**
 * A redacted copy for a request (issue 9): analyse the request's footage per camera, review the
 * tracks (who is the requester, which mode and style, manual boxes), render, and find the sealed
 * export on the request. Reached from the request's page.
 */
export function RedactionPage({ me: _me }: { me: Me }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const requestId = useSearchParam('request');
  const request = useRequest(requestId).data?.request;
  const cameras = useCameras();
  const analyses = useAnalyses(request?.ref ?? '');
  const start = useStartAnalysis();
  const [chosen, setChosen] = useState<string | null>(null);

  if (!request) return <Page title={t('redaction.title')}><Text c="dimmed">{t('common.loading')}</Text></Page>;
  const window = request.details.window;
  const introKey = request.kind === 'access' ? 'redaction.introAccess' : 'redaction.introThirdParty';
  const cameraName = (id: string) => cameras.data?.cameras.find((c) => c.id === id)?.name ?? id;
  const list = analyses.data?.analyses ?? [];
  // The review opens on the chosen analysis once it is done (the one just started, as soon as it finishes), else on the newest done one.
  const done = list.filter((a) => a.state === 'done');
  const selected = done.find((a) => a.id === chosen) ?? (list.some((a) => a.id === chosen) ? null : done[0]) ?? null;

  return (
    <Page
      title={t('redaction.pageTitle', { ref: request.ref })}
      intro={<Anchor href={`/cases/request?id=${encodeURIComponent(request.id)}`} onClick={linkClick(`/cases/request?id=${encodeURIComponent(request.id)}`)}>{t('redaction.back')}</Anchor>}
    >
      <Alert variant="light" color="blue">{t(introKey)}</Alert>
      <Section title={t('redaction.analyses.title')}>
        {!window || !(window.cameraIds ?? []).length ? <Text c="dimmed">{t('redaction.analyses.noWindow')}</Text> : (
          <Group>
            {(window.cameraIds ?? []).map((cid) => (
              <Button key={cid} variant="light" loading={start.isPending} onClick={() => start.mutate({ requestId: request.id, cameraId: cid, from: window.from, to: window.to }, { onSuccess: (d) => setChosen(d.analysis.id) })}>
                {t('redaction.analyses.start', { camera: cameraName(cid) })}
              </Button>
            ))}
          </Group>
        )}
        {start.error && <ErrorAlert error={start.error} />}
        {analyses.error && <ErrorAlert error={analyses.error} />}
        {list.length > 0 && (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('redaction.analyses.camera')}</Table.Th>
                <Table.Th>{t('redaction.analyses.window')}</Table.Th>
                <Table.Th>{t('redaction.analyses.state')}</Table.Th>
                <Table.Th>{t('redaction.analyses.review')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{cameraName(a.cameraId)}</Table.Td>
                  <Table.Td>{formatDateTime(a.clip.start, language)} – {formatDateTime(a.clip.end, language)}</Table.Td>
                  <Table.Td>
                    <Stack gap={4}>
                      <Badge variant="light" color={a.state === 'done' ? 'green' : a.state === 'failed' ? 'red' : 'blue'}>{t(`redaction.analysisState.${a.state}` as 'redaction.analysisState.done')}</Badge>
                      {(a.state === 'queued' || a.state === 'running') && <Progress value={Math.round(a.progress * 100)} aria-label={t('redaction.analyses.progress', { camera: cameraName(a.cameraId) })} striped animated />}
                      {a.state === 'done' && <Text size="xs">{t('redaction.analyses.tracks', { count: a.trackCount ?? 0 })}</Text>}
                      {a.error && <Text size="xs" c="red">{a.error}</Text>}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    {a.state === 'done' && (
                      <Button size="xs" variant={selected?.id === a.id ? 'filled' : 'light'} onClick={() => setChosen(a.id)} aria-pressed={selected?.id === a.id}>
                        {t('redaction.analyses.open')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>
      {selected && <ReviewPanel key={selected.id} analysis={selected} requestId={request.id} />}
    </Page>
  );
}
