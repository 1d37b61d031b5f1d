import { useState } from 'react';
import { Anchor, Badge, Button, Card, FileInput, Group, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../format';
import { currentLanguage } from '../i18n';
import { ErrorAlert } from '../layout/ErrorAlert';
import { Section } from '../layout/Page';
import { useMe } from '../api/queries';
import { casesKey, documentUrl, uploadWrittenRequest, useGenerateDocument } from './api';
import { SignatureModal } from './SignatureModal';
import type { CaseDocument, RequestDetail } from './types';

/** The request's documents (X-5): what the protocol asks, what is drawn up and signed, with their SHA-256. */
export function DocumentsSection({ request, canHandle }: { request: RequestDetail; canHandle: boolean }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const generate = useGenerateDocument(request.id);
  const [signing, setSigning] = useState<CaseDocument | null>(null);
  const [written, setWritten] = useState<File | null>(null);
  const me = useMe();
  const client = useQueryClient();
  const attach = useMutation({
    mutationFn: (file: File) => uploadWrittenRequest(request.id, file, me.data?.csrfToken ?? ''),
    onSuccess: () => {
      setWritten(null);
      return client.invalidateQueries({ queryKey: casesKey });
    },
  });
  const signedIds = new Set(request.documents.map((d) => d.supersedes).filter(Boolean));
  const kinds = [...new Set([...request.pending.documents.map((d) => d.kind), ...(request.decision ? ['decision_letter' as const] : [])])];
  const signer = request.details.officer ?? request.requester.name;

  return (
    <Section title={t('cases.documents.title')}>
      <ErrorAlert error={generate.error ?? attach.error} />
      {canHandle && kinds.length > 0 && (
        <Group gap="sm">
          {kinds.map((kind) => (
            <Button key={kind} variant="default" onClick={() => generate.mutate(kind)} loading={generate.isPending && generate.variables === kind}>
              {t('cases.documents.generate', { document: t(`cases.document.${kind}`) })}
            </Button>
          ))}
        </Group>
      )}
      {canHandle && (
        <Group align="flex-end" gap="sm">
          <FileInput label={t('cases.documents.writtenRequest')} description={t('cases.signature.scanHint')} accept="application/pdf,image/png,image/jpeg" w={360} value={written} onChange={setWritten} clearable />
          <Button variant="default" disabled={!written} loading={attach.isPending} onClick={() => written && attach.mutate(written)}>{t('cases.documents.attach')}</Button>
        </Group>
      )}
      {request.pending.documents.length > 0 && (
        <Text size="sm" c="dimmed">
          {t('cases.documents.needed')}{' '}
          {request.pending.documents.map((d) => `${t(`cases.document.${d.kind}`)}${d.signed ? ` (${t('cases.documents.signedNeeded')})` : ''} · ${d.rule}`).join('; ')}
        </Text>
      )}
      <Card padding={0}>
        <Table.ScrollContainer minWidth={640}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('cases.documents.document')}</Table.Th>
                <Table.Th>{t('cases.documents.status')}</Table.Th>
                <Table.Th>{t('cases.documents.made')}</Table.Th>
                <Table.Th>SHA-256</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {request.documents.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={5}><Text c="dimmed" size="sm">{t('cases.documents.none')}</Text></Table.Td>
                </Table.Tr>
              )}
              {request.documents.map((doc) => (
                <Table.Tr key={doc.id}>
                  <Table.Td>
                    <Anchor href={documentUrl(doc.id)} download={doc.fileName}>{t(`cases.document.${doc.kind}`)}</Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={doc.status === 'signed' ? 'green' : 'gray'} variant="light">
                      {doc.status === 'signed' ? t(`cases.documents.signedBy.${signatureMethod(doc)}`, { name: doc.signerName ?? '' }) : t(`cases.documents.${doc.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td><Text size="sm">{formatDateTime(doc.createdAt, language)} · {doc.createdBy}</Text></Table.Td>
                  <Table.Td><Text size="xs" ff="monospace" title={doc.sha256}>{doc.sha256.slice(0, 16)}…</Text></Table.Td>
                  <Table.Td>
                    {canHandle && doc.status === 'generated' && doc.kind !== 'written_request' && !signedIds.has(doc.id) && (
                      <Button size="xs" variant={doc.kind === 'decision_letter' ? 'default' : 'filled'} onClick={() => setSigning(doc)}>
                        {t('cases.documents.sign')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      <Stack>{signing && <SignatureModal key={signing.id} document={signing} defaultSigner={signing.kind === 'decision_letter' ? '' : signer} onClose={() => setSigning(null)} />}</Stack>
    </Section>
  );
}

const signatureMethod = (doc: CaseDocument): 'pad' | 'scan' => doc.signatureMethod ?? 'pad';
