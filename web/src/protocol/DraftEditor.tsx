import { useEffect, useState } from 'react';
import { Alert, Button, Card, Group, List, Stack, Tabs, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { sameJson } from '../../../src/protocol/versions/profile-diff';
import { useFieldErrors } from '../i18n/errors';
import { ErrorAlert } from '../layout/ErrorAlert';
import { useActivate, useSaveDraft, useValidate, type ProfileChange, type ProtocolProfile, type Version } from './api';
import { DraftForm } from './DraftForm';
import { SuccessAlert } from './SuccessAlert';
import { ChangesTable } from './VersionsPanel';

const amsterdamToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
const pretty = (profile: ProtocolProfile) => JSON.stringify(profile, null, 2);

/**
 * Editing a draft (issue 3 item 10): a form for the main fields and the whole profile as JSON;
 * validate without saving, save (the server validates again and names the field), and activate
 * the saved draft from a date (today or later).
 */
export function DraftEditor({ draft, onActivated }: { draft: Version; onActivated: (version: Version) => void }) {
  const { t } = useTranslation();
  const fieldErrors = useFieldErrors();
  const [profile, setProfile] = useState<ProtocolProfile>(draft.profile);
  const [json, setJson] = useState(() => pretty(draft.profile));
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [effectiveFrom, setEffectiveFrom] = useState(amsterdamToday);
  const [saved, setSaved] = useState<ProfileChange[] | null>(null);
  const validate = useValidate();
  const save = useSaveDraft(draft.id);
  const activate = useActivate(draft.id, onActivated);
  const dirty = !sameJson(profile, draft.profile);

  useEffect(() => setJson(pretty(profile)), [profile]);

  function change(next: ProtocolProfile) {
    setProfile(next);
    setSaved(null);
    validate.reset();
  }

  function applyJson() {
    try {
      change(JSON.parse(json) as ProtocolProfile);
      setJsonError(null);
    } catch (err) {
      setJsonError(t('protocol.draft.jsonInvalid', { message: err instanceof Error ? err.message : String(err) }));
    }
  }

  const serverErrors: Record<string, string> = {
    ...Object.fromEntries((validate.data?.errors ?? []).map((e) => [e.field, e.message])),
    ...(save.error instanceof ApiError ? fieldErrors(save.error) : {}),
  };
  const activationErrors = activate.error instanceof ApiError ? fieldErrors(activate.error) : {};

  return (
    <Stack gap="lg">
      <Tabs defaultValue="form" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="form">{t('protocol.draft.formTab')}</Tabs.Tab>
          <Tabs.Tab value="json">{t('protocol.draft.jsonTab')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="form" pt="md">
          <DraftForm profile={profile} onChange={change} errors={serverErrors} />
        </Tabs.Panel>
        <Tabs.Panel value="json" pt="md">
          <Stack gap="sm">
            <Textarea
              label={t('protocol.draft.json')}
              description={t('protocol.draft.jsonHint')}
              value={json}
              onChange={(event) => setJson(event.currentTarget.value)}
              autosize
              minRows={12}
              maxRows={30}
              styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }}
              error={jsonError}
              spellCheck={false}
            />
            <Button variant="default" w="fit-content" onClick={applyJson}>{t('protocol.draft.applyJson')}</Button>
          </Stack>
        </Tabs.Panel>
      </Tabs>

      <Card>
        <Stack gap="sm">
          <Group gap="sm">
            <Button variant="default" onClick={() => validate.mutate(profile)} loading={validate.isPending}>{t('protocol.draft.validate')}</Button>
            <Button
              onClick={() => save.mutate(profile, { onSuccess: (result) => setSaved(result.changes) })}
              loading={save.isPending}
              disabled={!dirty}
            >
              {t('protocol.draft.save')}
            </Button>
          </Group>
          {validate.data?.valid && <SuccessAlert>{t('protocol.draft.valid')}</SuccessAlert>}
          {validate.data && !validate.data.valid && (
            <Alert color="red" variant="light" role="alert" title={t('protocol.draft.invalid')}>
              <List size="sm">
                {validate.data.errors.map((error) => (
                  <List.Item key={`${error.field}:${error.message}`}><code>{error.field}</code>: {error.message}</List.Item>
                ))}
              </List>
            </Alert>
          )}
          <ErrorAlert error={save.error} />
          {saved && (
            <SuccessAlert title={t('protocol.draft.saved')}>
              <ChangesTable changes={saved} caption={t('protocol.draft.savedChanges')} />
            </SuccessAlert>
          )}
          {dirty && <Text size="sm" c="dimmed">{t('protocol.draft.unsaved')}</Text>}
        </Stack>
      </Card>

      <Card>
        <Title order={3} size="h4" mb="sm">{t('protocol.draft.activateTitle')}</Title>
        <Text size="sm" mb="sm">{t('protocol.draft.activateHint')}</Text>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            type="date"
            label={t('protocol.draft.effectiveFrom')}
            value={effectiveFrom}
            min={amsterdamToday()}
            onChange={(event) => setEffectiveFrom(event.currentTarget.value)}
            error={activationErrors.effectiveFrom}
            w={220}
          />
          <Button onClick={() => activate.mutate(effectiveFrom)} loading={activate.isPending} disabled={dirty || !effectiveFrom}>
            {t('protocol.draft.activate')}
          </Button>
        </Group>
        {!activationErrors.effectiveFrom && <ErrorAlert error={activate.error} />}
      </Card>
    </Stack>
  );
}
