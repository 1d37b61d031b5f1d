import { useState } from 'react';
import { Button, Card, Group, NumberInput, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { currentLanguage } from '../i18n';
import { formatDateTime } from '../format';
import { ErrorAlert } from '../layout/ErrorAlert';
import { Section } from '../layout/Page';
import { masksKey, type CameraMasks } from './api';

/** Lifts: who saw behind the masks, for what and why; and, for roles the protocol allows, starting and ending one. */
export function LiftSection({ data }: { data: CameraMasks }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const queryClient = useQueryClient();
  const [target, setTarget] = useState<'case' | 'session'>('case');
  const [ref, setRef] = useState('');
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState<number>(30);
  const base = `/api/masks/cameras/${encodeURIComponent(data.cameraId)}/lifts`;
  const refresh = () => void queryClient.invalidateQueries({ queryKey: masksKey(data.cameraId) });

  const start = useMutation({
    mutationFn: () => api(base, { method: 'POST', body: { reason, minutes, ...(target === 'case' ? { caseRef: ref } : { viewSessionId: ref }) } }),
    onSuccess: () => {
      setReason('');
      setRef('');
      refresh();
    },
  });
  const end = useMutation({ mutationFn: (id: string) => api(`${base}/${encodeURIComponent(id)}/end`, { method: 'POST' }), onSuccess: refresh });
  const now = Date.now();

  return (
    <Section title={t('masks.lift.title')}>
      <Text size="sm" c="dimmed">{data.may.lift ? t('masks.lift.allowed') : t('masks.lift.notAllowed')}</Text>
      {data.may.lift && data.current && data.current.polygons.length > 0 && (
        <Card withBorder>
          <Stack gap="xs">
            <SegmentedControl
              value={target}
              onChange={(v) => setTarget(v as 'case' | 'session')}
              data={[{ value: 'case', label: t('masks.lift.forCase') }, { value: 'session', label: t('masks.lift.forSession') }]}
              aria-label={t('masks.lift.target')}
            />
            <TextInput label={target === 'case' ? t('masks.lift.caseRef') : t('masks.lift.viewSessionId')} value={ref} onChange={(e) => setRef(e.currentTarget.value)} required />
            <TextInput label={t('masks.lift.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required />
            <NumberInput label={t('masks.lift.minutes')} value={minutes} min={1} max={data.limits.maxLiftMinutes} onChange={(v) => setMinutes(typeof v === 'number' ? v : Number(v))} />
            <ErrorAlert error={start.error} />
            <Group><Button onClick={() => start.mutate()} loading={start.isPending} color="orange">{t('masks.lift.start')}</Button></Group>
          </Stack>
        </Card>
      )}
      <ErrorAlert error={end.error} />
      <Card padding={0}>
        <Table.ScrollContainer minWidth={640}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('masks.lift.who')}</Table.Th>
                <Table.Th scope="col">{t('masks.lift.for')}</Table.Th>
                <Table.Th scope="col">{t('masks.lift.reason')}</Table.Th>
                <Table.Th scope="col">{t('masks.lift.from')}</Table.Th>
                <Table.Th scope="col">{t('masks.lift.until')}</Table.Th>
                <Table.Th scope="col"><span className="visually-hidden">{t('masks.lift.end')}</span></Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.lifts.map((l) => {
                const active = !l.endedAt && new Date(l.expiresAt).getTime() > now;
                return (
                  <Table.Tr key={l.id}>
                    <Table.Td>{l.username}</Table.Td>
                    <Table.Td>{l.caseRef ?? t('masks.lift.session', { id: l.viewSessionId?.slice(0, 8) ?? '' })}</Table.Td>
                    <Table.Td>{l.reason}</Table.Td>
                    <Table.Td>{formatDateTime(l.startedAt, language)}</Table.Td>
                    <Table.Td>{formatDateTime(l.endedAt ?? l.expiresAt, language)}</Table.Td>
                    <Table.Td>{active && data.may.lift && <Button size="xs" variant="default" onClick={() => end.mutate(l.id)}>{t('masks.lift.end')}</Button>}</Table.Td>
                  </Table.Tr>
                );
              })}
              {data.lifts.length === 0 && <Table.Tr><Table.Td colSpan={6}><Text size="sm" c="dimmed">{t('masks.lift.none')}</Text></Table.Td></Table.Tr>}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
    </Section>
  );
}
