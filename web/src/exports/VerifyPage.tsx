import { useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Card, FileInput, PasswordInput, Stack, Table, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../layout/ErrorAlert';
import { Page } from '../layout/Page';
import { verifyFile } from './api';

/**
 * The public verification page (issue 8 item 4): a recipient uploads the package (with its
 * password), one MP4 or the manifest, and sees every check and exactly which one fails.
 */
export function VerifyPage() {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const verify = useMutation({ mutationFn: () => verifyFile(file!, password) });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (file) verify.mutate();
  }

  const report = verify.data;
  return (
    <Page title={t('exports.verify.title')} intro={t('exports.verify.intro')}>
      <Card component="form" onSubmit={submit} maw={640}>
        <Stack gap="sm">
          <FileInput label={t('exports.verify.file')} description={t('exports.verify.fileHint')} value={file} onChange={setFile} required clearable />
          <PasswordInput label={t('exports.verify.password')} description={t('exports.verify.passwordHint')} value={password} onChange={(e) => setPassword(e.currentTarget.value)} autoComplete="off" />
          <Button type="submit" loading={verify.isPending} disabled={!file}>
            {t('exports.verify.submit')}
          </Button>
        </Stack>
      </Card>
      {verify.error && <ErrorAlert error={verify.error} />}
      {report && (
        <Stack gap="sm" role="status">
          <Alert color={report.ok ? 'green' : 'red'} variant="light" title={report.ok ? t('exports.verify.intact') : t('exports.verify.altered')}>
            {report.certificateSha256 && <Text size="sm">{t('exports.verify.fingerprint', { fingerprint: report.certificateSha256 })}</Text>}
            {report.issuedHere && <Text size="sm">{t('exports.verify.issuedHere', { date: new Date(report.issuedHere.createdAt).toLocaleString() })}</Text>}
          </Alert>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('exports.verify.check')}</Table.Th>
                <Table.Th>{t('exports.verify.result')}</Table.Th>
                <Table.Th>{t('exports.verify.detail')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.checks.map((check) => (
                <Table.Tr key={check.name}>
                  <Table.Td>{check.name}</Table.Td>
                  <Table.Td>
                    <Badge color={check.ok ? 'green' : 'red'}>{check.ok ? t('exports.verify.ok') : t('exports.verify.fail')}</Badge>
                  </Table.Td>
                  <Table.Td style={{ wordBreak: 'break-all' }}>{check.detail}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Page>
  );
}
