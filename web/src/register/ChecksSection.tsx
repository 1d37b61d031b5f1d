import { useState, type FormEvent } from 'react';
import { Button, Card, Checkbox, Group, Modal, Stack, Table, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { can } from '../api/queries';
import type { Me } from '../api/types';
import { currentLanguage } from '../i18n';
import { formatDateTime } from '../format';
import { ErrorAlert } from '../layout/ErrorAlert';
import { Section } from '../layout/Page';
import { registerKey } from './api';
import type { CameraDetail } from './types';

const checkItems = ['imageOk', 'timeOk', 'signageOk', 'viewOk'] as const;

/** Periodic checks (MOZ-2.3, WCP-3) and defects with their repair. */
export function ChecksSection({ me, data }: { me: Me; data: CameraDetail }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const queryClient = useQueryClient();
  const mayCheck = can(me, 'register.check') && data.camera.status !== 'retired';
  const [checking, setChecking] = useState(false);
  const [reporting, setReporting] = useState(false);
  const [results, setResults] = useState<Record<string, boolean>>({ imageOk: true, timeOk: true, signageOk: true, viewOk: true });
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const cameraUrl = `/api/register/cameras/${encodeURIComponent(data.camera.id)}`;

  const done = () => {
    void queryClient.invalidateQueries({ queryKey: registerKey });
    void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
    setChecking(false);
    setReporting(false);
    setText('');
  };
  const check = useMutation({ mutationFn: () => api(`${cameraUrl}/checks`, { method: 'POST', body: { ...results, notes: text.trim() || null } }), onSuccess: done });
  const report = useMutation({ mutationFn: () => api(`${cameraUrl}/defects`, { method: 'POST', body: { description: text.trim() } }), onSuccess: done });
  const repair = useMutation({ mutationFn: (id: string) => api(`/api/register/defects/${encodeURIComponent(id)}/repair`, { method: 'POST', body: {} }), onSuccess: done });

  function submitReport(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) return setError(t('validation.required'));
    report.mutate();
  }

  const mark = (ok: boolean) => (ok ? t('register.check.ok') : t('register.check.notOk'));
  return (
    <Section title={t('register.check.title')}>
      {mayCheck && (
        <Group>
          <Button variant="default" onClick={() => setChecking(true)}>{t('register.check.add')}</Button>
          <Button variant="default" onClick={() => setReporting(true)}>{t('register.defect.add')}</Button>
        </Group>
      )}
      <ErrorAlert error={repair.error} />
      <Card padding={0}>
        <Table.ScrollContainer minWidth={640}>
          <Table>
            <Table.Caption className="register-caption">{t('register.defect.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('register.defect.reportedAt')}</Table.Th>
                <Table.Th scope="col">{t('register.defect.description')}</Table.Th>
                <Table.Th scope="col">{t('register.defect.state')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.defects.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td><Text size="sm">{formatDateTime(d.reportedAt, language)}</Text><Text size="xs" c="dimmed">{d.reportedBy}</Text></Table.Td>
                  <Table.Td><Text size="sm">{d.description}</Text></Table.Td>
                  <Table.Td>
                    {d.repairedAt ? (
                      <Text size="sm">{t('register.defect.repairedOn', { time: formatDateTime(d.repairedAt, language), by: d.repairedBy ?? '' })}</Text>
                    ) : mayCheck ? (
                      <Button size="compact-sm" variant="default" loading={repair.isPending} onClick={() => repair.mutate(d.id)}>{t('register.defect.repair')}</Button>
                    ) : (
                      <Text size="sm" c="red.9">{t('register.defect.open')}</Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
              {data.defects.length === 0 && <Table.Tr><Table.Td colSpan={3}><Text size="sm" c="dimmed">{t('register.defect.empty')}</Text></Table.Td></Table.Tr>}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      <Card padding={0}>
        <Table.ScrollContainer minWidth={640}>
          <Table>
            <Table.Caption className="register-caption">{t('register.check.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('register.check.checkedAt')}</Table.Th>
                {checkItems.map((item) => <Table.Th key={item} scope="col">{t(`register.check.${item}`)}</Table.Th>)}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.checks.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td><Text size="sm">{formatDateTime(c.checkedAt, language)}</Text><Text size="xs" c="dimmed">{c.checkedBy}</Text></Table.Td>
                  {checkItems.map((item) => <Table.Td key={item}><Text size="sm" c={c[item] ? undefined : 'red.9'}>{mark(c[item])}</Text></Table.Td>)}
                </Table.Tr>
              ))}
              {data.checks.length === 0 && <Table.Tr><Table.Td colSpan={5}><Text size="sm" c="dimmed">{t('register.check.empty')}</Text></Table.Td></Table.Tr>}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>

      <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={checking} onClose={() => setChecking(false)} title={t('register.check.add')}>
        <Stack gap="md">
          <ErrorAlert error={check.error} />
          {checkItems.map((item) => (
            <Checkbox key={item} label={t(`register.check.${item}`)} checked={results[item] ?? false} onChange={(e) => setResults((r) => ({ ...r, [item]: e.currentTarget.checked }))} />
          ))}
          <Text size="xs" c="dimmed">{t('register.check.defectHint')}</Text>
          <Textarea label={t('register.check.notes')} autosize minRows={2} value={text} onChange={(e) => setText(e.currentTarget.value)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setChecking(false)}>{t('common.cancel')}</Button>
            <Button loading={check.isPending} onClick={() => check.mutate()}>{t('register.check.submit')}</Button>
          </Group>
        </Stack>
      </Modal>
      <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={reporting} onClose={() => setReporting(false)} title={t('register.defect.add')}>
        <form onSubmit={submitReport} noValidate>
          <Stack gap="md">
            <ErrorAlert error={report.error} />
            <Textarea label={t('register.defect.description')} withAsterisk autosize minRows={3} value={text} onChange={(e) => { setText(e.currentTarget.value); setError(''); }} error={error} />
            <Text size="xs" c="dimmed">{t('register.defect.hint')}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setReporting(false)}>{t('common.cancel')}</Button>
              <Button type="submit" loading={report.isPending}>{t('register.defect.submit')}</Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Section>
  );
}
