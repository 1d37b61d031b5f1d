import { useEffect, useRef, useState } from 'react';
import { Alert, Anchor, Button, Checkbox, Code, Group, Progress, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { can } from '../api/queries';
import type { Me } from '../api/types';
import { formatDateTime } from '../format';
import { currentLanguage } from '../i18n';
import { ErrorAlert } from '../layout/ErrorAlert';
import { Section } from '../layout/Page';
import { activeJob, downloadUrl, exportsKey, useCancelExportJob, useCaseExportJobs, useCaseExports, useCreateExport, type ExportJob } from './api';
import { HandOverForm } from './HandOverForm';

const exportable = ['police', 'third-party', 'access'];

/** A request's evidence exports: create one once the request is allowed, show the password once, download once. */
export function ExportsSection({ me, request }: { me: Me; request: { id: string; ref: string; kind: string; state: string } }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const client = useQueryClient();
  const mayRead = can(me, 'export.read');
  const mayCreate = can(me, 'export.create') && exportable.includes(request.kind) && ['allowed', 'carried_out'].includes(request.state);
  const list = useCaseExports(request.ref, mayRead && exportable.includes(request.kind));
  const create = useCreateExport(request.id);
  const jobs = useCaseExportJobs(request.ref, mayRead && exportable.includes(request.kind));
  const cancel = useCancelExportJob();
  const [exact, setExact] = useState(false);
  const [destination, setDestination] = useState('');
  // When a job finishes, the list of packages is fetched again.
  const finished = (jobs.data?.jobs ?? []).filter((j) => !activeJob(j)).map((j) => j.id).join(',');
  const seenFinished = useRef(finished);
  useEffect(() => {
    if (finished !== seenFinished.current) void client.invalidateQueries({ queryKey: exportsKey });
    seenFinished.current = finished;
  }, [finished, client]);
  if (!exportable.includes(request.kind) || (!mayRead && !mayCreate)) return null;
  const shownJobs = (jobs.data?.jobs ?? []).filter((j) => activeJob(j) || j.state === 'failed' || j.id === create.data?.job.id);

  return (
    <Section title={t('exports.title')}>
      <Stack gap="sm">
        {mayCreate && (
          <Group>
            <Button onClick={() => create.mutate({ exact, destination: destination.trim() || undefined })} loading={create.isPending}>
              {t('exports.create')}
            </Button>
            <Checkbox label={t('exports.exact')} description={t('exports.exactHint')} checked={exact} onChange={(e) => setExact(e.currentTarget.checked)} />
            <TextInput label={t('exports.destination')} description={t('exports.destinationHint')} placeholder="/media/usb" value={destination} onChange={(e) => setDestination(e.currentTarget.value)} />
          </Group>
        )}
        {create.error && <ErrorAlert error={create.error} />}
        {shownJobs.map((job) => (
          <JobProgress key={job.id} job={job} onCancel={can(me, 'export.create') && activeJob(job) ? () => cancel.mutate(job.id) : null} />
        ))}
        {cancel.error && <ErrorAlert error={cancel.error} />}
        {create.data && (
          <Alert color="yellow" variant="light" title={t('exports.passwordTitle')} role="status">
            <Stack gap={4}>
              <Code fz="lg">{create.data.password}</Code>
              <Text size="sm">{t('exports.passwordOnce')}</Text>
            </Stack>
          </Alert>
        )}
        {list.data && list.data.exports.length === 0 && <Text c="dimmed">{t('exports.none')}</Text>}
        {list.data && list.data.exports.length > 0 && (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('exports.created')}</Table.Th>
                <Table.Th>{t('exports.recipient')}</Table.Th>
                <Table.Th>{t('exports.files')}</Table.Th>
                <Table.Th>{t('exports.hash')}</Table.Th>
                <Table.Th>{t('exports.download')}</Table.Th>
                <Table.Th>{t('exports.handOver.title')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.exports.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{formatDateTime(e.createdAt, language)} · {e.createdBy}</Table.Td>
                  <Table.Td>{e.recipient}</Table.Td>
                  <Table.Td>
                    {e.clips.filter((c) => c.file).length}
                    {e.clips.some((c) => c.gaps.length > 0) && ` · ${t('exports.gaps', { count: e.clips.reduce((n, c) => n + c.gaps.length, 0) })}`}
                  </Table.Td>
                  <Table.Td>
                    <Code>{e.packageSha256.slice(0, 16)}…</Code>
                  </Table.Td>
                  <Table.Td>
                    {e.destination ? (
                      t('exports.onDrive', { path: e.destination })
                    ) : e.downloadedAt ? (
                      t('exports.downloaded', { date: formatDateTime(e.downloadedAt, language), by: e.downloadedBy ?? '' })
                    ) : e.packageDeletedAt ? (
                      t('exports.expired', { date: formatDateTime(e.packageDeletedAt, language) })
                    ) : can(me, 'export.create') ? (
                      <Anchor href={downloadUrl(e.id)} download onClick={() => setTimeout(() => void client.invalidateQueries({ queryKey: exportsKey }), 1500)}>
                        {t('exports.downloadOnce')}
                      </Anchor>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  <Table.Td>
                    {e.handedOver
                      ? t('exports.handOver.done', { to: e.handedOver.to, identification: e.handedOver.identification, date: formatDateTime(e.handedOver.at, language) })
                      : e.downloadedAt && can(me, 'export.create')
                        ? <HandOverForm exportId={e.id} />
                        : '—'}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Text size="sm" c="dimmed">
          {t('exports.verifyHint')} <Anchor href="/verify">/verify</Anchor>
        </Text>
      </Stack>
    </Section>
  );
}

/** One export job: a progress bar with its phase while it runs; the outcome once it ended. */
function JobProgress({ job, onCancel }: { job: ExportJob; onCancel: (() => void) | null }) {
  const { t } = useTranslation();
  const percent = Math.round(job.progress * 100);
  return (
    <Stack gap={4} data-export-job={job.id} data-state={job.state}>
      <Group justify="space-between">
        <Text size="sm">
          {t(`exports.job.state.${job.state}`)}
          {job.state === 'running' && ` · ${t(`exports.job.phase.${job.phase}`, { defaultValue: job.phase })}`} · {percent}%
          {job.attempts > 1 && ` · ${t('exports.job.attempt', { count: job.attempts })}`}
        </Text>
        {onCancel && (
          <Button size="compact-sm" variant="subtle" color="red" onClick={onCancel}>
            {t('exports.job.cancel')}
          </Button>
        )}
      </Group>
      <Progress value={percent} animated={activeJob(job)} color={job.state === 'failed' || job.state === 'cancelled' ? 'red' : job.state === 'done' ? 'green' : 'blue'} aria-label={t('exports.job.progress')} />
      {job.state === 'failed' && job.error && <Text size="sm" c="red">{job.error}</Text>}
    </Stack>
  );
}
