import { useRef, useState, type FormEvent } from 'react';
import { Button, Divider, FileInput, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useMe } from '../api/queries';
import { ErrorAlert } from '../layout/ErrorAlert';
import { casesKey, uploadScan, useSignDocument } from './api';
import { SignaturePad, type SignaturePadHandle } from './SignaturePad';
import type { CaseDocument } from './types';

/** Signs a generated document: drawn on screen, or the signed paper version uploaded as a scan. */
export function SignatureModal({ document, defaultSigner, onClose }: { document: CaseDocument | null; defaultSigner: string; onClose: () => void }) {
  const { t } = useTranslation();
  const pad = useRef<SignaturePadHandle>(null);
  const [signer, setSigner] = useState(defaultSigner);
  const [drawn, setDrawn] = useState(false);
  const [scan, setScan] = useState<File | null>(null);
  const [missing, setMissing] = useState<string | null>(null);
  const sign = useSignDocument();
  const me = useMe();
  const client = useQueryClient();
  const upload = useMutation({
    mutationFn: (file: File) => uploadScan(document!.id, file, signer.trim(), me.data?.csrfToken ?? ''),
    onSuccess: () => client.invalidateQueries({ queryKey: casesKey }),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!document) return;
    if (!signer.trim()) return setMissing(t('validation.required'));
    setMissing(null);
    if (scan) return upload.mutate(scan, { onSuccess: onClose });
    const png = pad.current?.toPng();
    if (!png) return setMissing(t('cases.signature.required'));
    sign.mutate({ id: document.id, signerName: signer.trim(), signaturePng: png }, { onSuccess: onClose });
  }

  return (
    <Modal opened={document !== null} onClose={onClose} title={t('cases.signature.title')} size="lg" closeOnClickOutside={false}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <ErrorAlert error={sign.error ?? upload.error} />
          <Text size="sm">{document ? t(`cases.document.${document.kind}`) : ''}</Text>
          <TextInput label={t('cases.signature.signer')} withAsterisk value={signer} onChange={(e) => setSigner(e.currentTarget.value)} error={missing === t('validation.required') ? missing : undefined} />
          <SignaturePad label={t('cases.signature.pad')} onChange={setDrawn} ref={pad} />
          <Divider label={t('cases.signature.or')} labelPosition="center" />
          <FileInput label={t('cases.signature.scan')} description={t('cases.signature.scanHint')} accept="application/pdf,image/png,image/jpeg" value={scan} onChange={setScan} clearable />
          {missing && missing !== t('validation.required') && <Text c="red" size="sm" role="alert">{missing}</Text>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" loading={sign.isPending || upload.isPending} disabled={!drawn && !scan}>
              {t('cases.signature.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
