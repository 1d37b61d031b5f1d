import { useCallback, useRef, useState } from 'react';
import { Alert, Button, Card, Group, MultiSelect, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Me } from '../api/types';
import { ErrorAlert } from '../layout/ErrorAlert';
import { Page } from '../layout/Page';
import { viewingApi, type Live, type Playback, type ViewSession } from './api';
import { LivePlayer } from './LivePlayer';
import { Player } from './Player';
import { SyncPlayback } from './SyncPlayback';
import { Timeline } from './Timeline';
import type { RangeTracker } from './ranges';

/** At most this many cameras in one view session (the server's limit too). */
const maxCameras = 16;

/** A datetime-local value (the browser's local time) for an instant. */
function localInput(at: Date): string {
  const shifted = new Date(at.getTime() - at.getTimezoneOffset() * 60_000);
  return shifted.toISOString().slice(0, 16);
}

/**
 * Watching (issue 6): choose one or more cameras, state the reason (an open incident or request; free
 * text only where the profile allows; police/OvJ identify themselves first, SOE-5), then watch: one
 * camera with timeline, seek, speed and frame step; several cameras live in a grid, or recorded in
 * synchronised playback (one clock, one control). Choosing an incident takes its cameras and time.
 * Starting is a logboek entry for all the cameras; what is shown is reported per camera as it is watched.
 */
export function ViewingPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const options = useQuery({ queryKey: ['viewing-options'], queryFn: ({ signal }) => viewingApi.options(signal) });
  const [cameraIds, setCameraIds] = useState<string[]>([]);
  const cameraId = cameraIds[0] ?? null;
  const [caseRef, setCaseRef] = useState<string | null>(null);
  const [reasonText, setReasonText] = useState('');
  const [identification, setIdentification] = useState('');
  const [at, setAt] = useState(() => localInput(new Date(Date.now() - 3_600_000)));
  const [session, setSession] = useState<ViewSession | null>(null);
  const [playback, setPlayback] = useState<Playback | null>(null);
  const [scope, setScope] = useState<'recordings' | 'live'>('recordings');
  const [lives, setLives] = useState<{ cameraId: string; live: Live }[]>([]);
  const [fatal, setFatal] = useState<string | null>(null);
  const [centre, setCentre] = useState<Date | null>(null);

  const play = useMutation({
    mutationFn: async ({ id, instant }: { id: string; instant: Date }) => viewingApi.playback(id, cameraId!, instant.toISOString()),
    onSuccess: (p, { instant }) => {
      setFatal(null);
      setPlayback(p);
      setCentre(instant);
    },
  });
  const watchLive = useMutation({
    mutationFn: (s: ViewSession) => Promise.all(s.cameraIds.map(async (id) => ({ cameraId: id, live: await viewingApi.live(s.id, id) }))),
    onSuccess: (l) => {
      setFatal(null);
      setLives(l);
    },
  });
  const start = useMutation({
    mutationFn: () =>
      viewingApi.start({
        scope, cameraIds, caseRef: caseRef || null, reasonText: reasonText.trim() || null, identification: identification.trim() || null,
      }),
    onSuccess: ({ session: s }) => {
      setSession(s);
      if (s.scope === 'live') {
        watchLive.mutate(s);
        return;
      }
      const instant = new Date(at);
      setCentre(instant);
      // Several cameras: synchronised playback fetches its own playlists.
      if (s.cameraIds.length === 1) play.mutate({ id: s.id, instant });
    },
  });
  const trackers = useRef(new Map<string, RangeTracker>());
  const end = useMutation({
    mutationFn: (id: string) => {
      const last = [...trackers.current.values()].map((tr) => tr.close()).filter((r) => r !== null);
      return viewingApi.end(id, last);
    },
    onSettled: () => {
      setSession(null);
      setPlayback(null);
      setLives([]);
      setCentre(null);
    },
  });
  const onFatal = useCallback((message: string) => setFatal(message), []);

  const data = options.data;
  const chosenCase = data?.cases.find((c) => c.ref === caseRef);
  const cameraChoices = (data?.cameras ?? []).map((c) => ({ value: c.id, label: `${c.name} — ${c.siteName}` }));
  const cameraName = (id: string) => data?.cameras.find((c) => c.id === id)?.name ?? id;
  const reasonGiven = data?.identificationRequired ? !!identification.trim() && !!reasonText.trim() : !!caseRef || (data?.freeTextAllowed && !!reasonText.trim());

  return (
    <Page title={t('viewing.title')} intro={t('viewing.intro')}>
      {options.error ? <ErrorAlert error={options.error} /> : null}
      {!session && data ? (
        <Card>
          <Stack gap="sm" maw={640}>
            <SegmentedControl
              aria-label={t('viewing.scope')}
              value={scope}
              onChange={(v) => setScope(v === 'live' ? 'live' : 'recordings')}
              data={[{ value: 'recordings', label: t('viewing.scopeRecordings') }, { value: 'live', label: t('viewing.scopeLive') }]}
              w="fit-content"
            />
            <MultiSelect
              label={t('viewing.camera')}
              description={t('viewing.camerasHelp')}
              data={cameraChoices}
              value={cameraIds}
              onChange={setCameraIds}
              searchable
              required
              maxValues={maxCameras}
            />
            {data.identificationRequired ? (
              <>
                <Text size="sm">{t('viewing.soe5')}</Text>
                <TextInput label={t('viewing.identification')} value={identification} onChange={(e) => setIdentification(e.currentTarget.value)} required />
              </>
            ) : null}
            <Select
              label={t('viewing.case')}
              description={t('viewing.caseHelp')}
              data={data.cases.map((c) => ({ value: c.ref, label: `${c.ref} · ${t(`viewing.caseKind.${c.kind}`)} · ${c.label}` }))}
              value={caseRef}
              onChange={(ref) => {
                setCaseRef(ref);
                const found = data.cases.find((c) => c.ref === ref);
                if (found?.from) setAt(localInput(new Date(found.from)));
                // An incident's cameras are watched together (grid, or synchronised playback).
                if (found?.cameraIds.length && !cameraIds.length) setCameraIds(found.cameraIds.slice(0, maxCameras));
              }}
              clearable
              allowDeselect={false}
              searchable
              nothingFoundMessage={t('viewing.noCases')}
            />
            {data.freeTextAllowed || data.identificationRequired ? (
              <Textarea label={data.identificationRequired ? t('viewing.policeReason') : t('viewing.freeText')} value={reasonText} onChange={(e) => setReasonText(e.currentTarget.value)} />
            ) : (
              <Text size="xs" c="dimmed">
                {t('viewing.noFreeText')}
              </Text>
            )}
            {scope === 'recordings' ? <TextInput type="datetime-local" label={t('viewing.at')} value={at} onChange={(e) => setAt(e.currentTarget.value)} required /> : null}
            {chosenCase ? <Text size="xs">{t('viewing.caseChosen', { ref: chosenCase.ref })}</Text> : null}
            {start.error ? <ErrorAlert error={start.error} /> : null}
            <Button onClick={() => start.mutate()} disabled={!cameraIds.length || !reasonGiven || !at} loading={start.isPending} w="fit-content">
              {scope === 'live' ? t('viewing.live.start') : t('viewing.start')}
            </Button>
          </Stack>
        </Card>
      ) : null}
      {session ? (
        <Stack gap="sm">
          <Group justify="space-between" maw={960}>
            <Text size="sm">
              {t('viewing.session', { camera: session.cameraIds.map(cameraName).join(', '), reason: session.caseRef ?? session.reasonText ?? session.reason, rule: session.rule })}
            </Text>
            {session.scope === 'recordings' && session.cameraIds.length === 1 && chosenCase?.from ? (
              <Button variant="light" onClick={() => play.mutate({ id: session.id, instant: new Date(chosenCase.from!) })}>
                {t('viewing.jumpToCase', { ref: chosenCase.ref })}
              </Button>
            ) : null}
            <Button variant="default" onClick={() => end.mutate(session.id)} loading={end.isPending}>
              {t('viewing.stop')}
            </Button>
          </Group>
          {play.error ? <ErrorAlert error={play.error} /> : null}
          {watchLive.error ? <ErrorAlert error={watchLive.error} /> : null}
          {lives.length ? (
            <SimpleGrid cols={{ base: 1, sm: lives.length > 1 ? 2 : 1, xl: lives.length > 4 ? 3 : lives.length > 1 ? 2 : 1 }} spacing="sm" data-testid="viewing-live-grid" maw={lives.length > 1 ? undefined : 960}>
              {lives.map((l) => (
                <LivePlayer key={l.live.streamUrl} sessionId={session.id} cameraId={l.cameraId} cameraName={cameraName(l.cameraId)} live={l.live} viewer={me.user.displayName} onFatal={onFatal} trackers={trackers} />
              ))}
            </SimpleGrid>
          ) : null}
          {fatal ? (
            <Alert color="orange" role="alert">
              {fatal}
            </Alert>
          ) : null}
          {playback ? <Player key={playback.playlistUrl} sessionId={session.id} cameraId={cameraId!} playback={playback} viewer={me.user.displayName} onFatal={onFatal} trackers={trackers} /> : null}
          {centre && session.scope === 'recordings' && session.cameraIds.length > 1 ? (
            <SyncPlayback sessionId={session.id} cameras={session.cameraIds.map((id) => ({ id, name: cameraName(id) }))} start={centre} viewer={me.user.displayName} onFatal={onFatal} trackers={trackers} />
          ) : null}
          {centre && session.scope === 'recordings' && session.cameraIds.length === 1 ? (
            <Timeline
              cameraId={cameraId!}
              from={new Date(centre.getTime() - 30 * 60_000)}
              to={new Date(centre.getTime() + 30 * 60_000)}
              onPick={(instant) => play.mutate({ id: session.id, instant })}
            />
          ) : null}
        </Stack>
      ) : null}
    </Page>
  );
}
