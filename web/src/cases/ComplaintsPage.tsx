import { useState, type FormEvent } from 'react';
import { Badge, Button, Card, Group, Modal, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { can } from '../api/queries';
import type { Me } from '../api/types';
import { formatDate } from '../format';
import { currentLanguage } from '../i18n';
import { ErrorAlert } from '../layout/ErrorAlert';
import { Page } from '../layout/Page';
import { useComplaints, useComplaintStep, useRegisterComplaint } from './api';
import { CasesNav } from './CasesNav';
import { complaintTopics, type Complaint, type ComplaintState, type ComplaintStep, type NewComplaint } from './types';

/** The steps each state allows (the server's complaintTransition in src/cases/complaint.ts decides; this only offers them). */
const steps = { received: ['start', 'resolve', 'refer'], in_handling: ['resolve', 'refer'], resolved: [], referred: [] } as const satisfies Record<ComplaintState, readonly ComplaintStep[]>;

/** Complaints about the camera surveillance (MOZ-8, WCP-13): registered, handled, and closed with the AP route told. */
export function ComplaintsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const complaints = useComplaints();
  const step = useComplaintStep();
  const [adding, setAdding] = useState(false);
  const [outcome, setOutcome] = useState<Record<string, string>>({});
  const handle = can(me, 'cases.handle');

  const row = (c: Complaint) => (
    <Table.Tr key={c.id}>
      <Table.Td><Text fw={600}>{c.ref}</Text><Text size="xs" c="dimmed">{formatDate(c.receivedAt, language)}</Text></Table.Td>
      <Table.Td><Text size="sm">{c.complainant.name}</Text><Text size="xs" c="dimmed">{t(`cases.complaints.topic.${c.topic}`)}</Text></Table.Td>
      <Table.Td><Text size="sm">{c.description}</Text>{c.outcome && <Text size="xs" c="dimmed">{c.outcome}</Text>}</Table.Td>
      <Table.Td>
        <Badge variant="dot" color={c.state === 'referred' ? 'orange' : c.state === 'resolved' ? 'gray' : 'blue'}>{t(`cases.complaints.state.${c.state}`)}</Badge>
        {c.authorityInformedAt && <Text size="xs" c="dimmed">{t('cases.complaints.authorityTold')}</Text>}
      </Table.Td>
      <Table.Td>
        {handle && steps[c.state].length > 0 && (
          <Stack gap={4}>
            <TextInput size="xs" aria-label={t('cases.complaints.outcome')} placeholder={t('cases.complaints.outcome')} value={outcome[c.id] ?? ''} onChange={(e) => setOutcome((o) => ({ ...o, [c.id]: e.currentTarget.value }))} />
            <Group gap={4}>
              {steps[c.state].map((s) => (
                <Button key={s} size="xs" variant="default" onClick={() => step.mutate({ id: c.id, type: s, outcome: outcome[c.id]?.trim() || undefined })}>{t(`cases.complaints.step.${s}`)}</Button>
              ))}
            </Group>
          </Stack>
        )}
      </Table.Td>
    </Table.Tr>
  );

  return (
    <Page title={t('cases.complaints.title')} intro={t('cases.complaints.intro')} actions={handle ? <Button onClick={() => setAdding(true)}>{t('cases.complaints.register')}</Button> : undefined}>
      <CasesNav me={me} />
      <ErrorAlert error={complaints.error ?? step.error} />
      <Card padding={0}>
        <Table.ScrollContainer minWidth={760}>
          <Table>
            <Table.Tbody>
              {(complaints.data?.complaints ?? []).map(row)}
              {complaints.data?.complaints.length === 0 && <Table.Tr><Table.Td><Text c="dimmed">{t('cases.complaints.none')}</Text></Table.Td></Table.Tr>}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      <NewComplaintModal opened={adding} onClose={() => setAdding(false)} />
    </Page>
  );
}

function NewComplaintModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const register = useRegisterComplaint();
  const [values, setValues] = useState({ channel: 'letter', name: '', contact: '', topic: 'camera_use', description: '', relatedRef: '' });
  const set = (key: keyof typeof values, value: string) => setValues((v) => ({ ...v, [key]: value }));
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!values.name.trim() || !values.description.trim()) return;
    register.mutate(
      { channel: values.channel as NewComplaint['channel'], topic: values.topic as NewComplaint['topic'], description: values.description.trim(), relatedRef: values.relatedRef.trim() || null, complainant: { name: values.name.trim(), contact: values.contact.trim() || null } },
      { onSuccess: onClose },
    );
  }
  return (
    <Modal opened={opened} onClose={onClose} title={t('cases.complaints.register')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={register.error} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('cases.fields.requesterName')} withAsterisk value={values.name} onChange={(e) => set('name', e.currentTarget.value)} />
            <TextInput label={t('cases.fields.contact')} value={values.contact} onChange={(e) => set('contact', e.currentTarget.value)} />
            <Select label={t('cases.fields.channel')} allowDeselect={false} data={['letter', 'email', 'phone', 'in_person', 'web'].map((c) => ({ value: c, label: t(`cases.complaints.channel.${c}` as 'cases.complaints.channel.web') }))} value={values.channel} onChange={(v) => set('channel', v ?? 'letter')} />
            <Select label={t('cases.complaints.topicLabel')} allowDeselect={false} data={complaintTopics.map((c) => ({ value: c, label: t(`cases.complaints.topic.${c}`) }))} value={values.topic} onChange={(v) => set('topic', v ?? 'other')} />
          </SimpleGrid>
          <TextInput label={t('cases.complaints.related')} value={values.relatedRef} onChange={(e) => set('relatedRef', e.currentTarget.value)} />
          <Textarea label={t('cases.fields.description')} withAsterisk autosize minRows={3} value={values.description} onChange={(e) => set('description', e.currentTarget.value)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" loading={register.isPending}>{t('cases.complaints.submit')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
