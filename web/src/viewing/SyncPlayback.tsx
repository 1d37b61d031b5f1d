import { useEffect, useRef, useState, type MutableRefObject } from 'react';
import { Alert, Button, Group, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import Hls from 'hls.js';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../format';
import { currentLanguage } from '../i18n';
import { viewingApi, type Playback } from './api';
import { RangeTracker } from './ranges';
import { follow, footageAt, mediaTimeAt, SharedClock, type PlaylistFragment } from './sync-clock';
import { Timeline } from './Timeline';
import { Watermark } from './Watermark';

const speeds = ['0.5', '1', '2', '4'];

/** What the controller needs of one player. */
interface SyncedVideo {
  video: HTMLVideoElement;
  fragments: () => PlaylistFragment[];
}

type CameraPlayback = { cameraId: string; playback: Playback } | { cameraId: string; error: string };

/**
 * Synchronised playback of several cameras of one incident (issue 6 item 2): one shared clock,
 * one control (play/pause, speed, a click on any camera's timeline row seeks all), every player
 * kept on the clock (seek beyond 0.25 s, rate nudge below). A player without footage at the
 * instant waits (gap); the clock waits for the slowest player that has footage. Each camera's
 * watched stretches are reported and logged on their own (INV-3).
 */
export function SyncPlayback({ sessionId, cameras, start, viewer, onFatal, trackers }: {
  sessionId: string;
  cameras: { id: string; name: string }[];
  start: Date;
  viewer: string;
  onFatal: (message: string) => void;
  trackers: MutableRefObject<Map<string, RangeTracker>>;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [cue, setCue] = useState(() => ({ at: start, n: 0 }));
  const [playing, setPlaying] = useState(true);
  const [rate, setRate] = useState('1');
  const [shown, setShown] = useState(start.getTime());
  const [gaps, setGaps] = useState<Record<string, boolean>>({});
  const clock = useRef(new SharedClock(start.getTime(), () => performance.now()));
  const videos = useRef(new Map<string, SyncedVideo>());
  const playingRef = useRef(playing);
  playingRef.current = playing;

  const playbacks = useQuery({
    queryKey: ['viewing-sync', sessionId, cue.at.toISOString(), cue.n],
    queryFn: () =>
      Promise.all(
        cameras.map(
          (c): Promise<CameraPlayback> =>
            viewingApi.playback(sessionId, c.id, cue.at.toISOString()).then(
              (playback) => ({ cameraId: c.id, playback }),
              (err: unknown) => ({ cameraId: c.id, error: err instanceof Error ? err.message : String(err) }),
            ),
        ),
      ),
    staleTime: Infinity,
    gcTime: 0,
  });

  // A seek moves the clock; it runs again once the players have the new instant.
  useEffect(() => {
    clock.current.hold();
    clock.current.seek(cue.at.getTime());
    setShown(cue.at.getTime());
  }, [cue]);

  useEffect(() => {
    clock.current.setRate(Number(rate));
  }, [rate]);

  // The controller: every 150 ms, each player follows the clock; the clock waits for the slowest.
  useEffect(() => {
    const timer = window.setInterval(() => {
      const now = clock.current.footage();
      const all = [...videos.current.entries()];
      const withFootage = all.filter(([, v]) => mediaTimeAt(v.fragments(), now) !== null);
      const waiting = !withFootage.length || withFootage.some(([, v]) => v.video.readyState < 3 || v.video.seeking);
      if (playingRef.current && !waiting) clock.current.run();
      else clock.current.hold();
      const at = clock.current.footage();
      const nextGaps: Record<string, boolean> = {};
      for (const [cameraId, v] of all) {
        const desired = mediaTimeAt(v.fragments(), at);
        nextGaps[cameraId] = desired === null && v.fragments().length > 0;
        if (desired === null) {
          if (!v.video.paused) v.video.pause();
          continue;
        }
        const move = follow(v.video.currentTime, desired, clock.current.rate);
        if (move.seekTo !== null && !v.video.seeking) v.video.currentTime = move.seekTo;
        v.video.playbackRate = move.playbackRate;
        if (clock.current.isRunning && v.video.paused) void v.video.play().catch(() => undefined);
        if (!clock.current.isRunning && !v.video.paused) v.video.pause();
      }
      setGaps((g) => (JSON.stringify(g) === JSON.stringify(nextGaps) ? g : nextGaps));
      setShown(at);
    }, 150);
    return () => window.clearInterval(timer);
  }, []);

  const seekBy = (ms: number) => setCue((c) => ({ at: new Date(clock.current.footage() + ms), n: c.n + 1 }));
  const cols = cameras.length <= 1 ? 1 : cameras.length <= 4 ? 2 : 3;

  return (
    <Stack gap="sm">
      <Group gap="md" data-testid="sync-controls">
        <Button onClick={() => setPlaying((p) => !p)} w={140}>
          {playing ? t('viewing.sync.pause') : t('viewing.sync.play')}
        </Button>
        <Button variant="default" onClick={() => seekBy(-10_000)}>
          {t('viewing.sync.back')}
        </Button>
        <Button variant="default" onClick={() => seekBy(10_000)}>
          {t('viewing.sync.forward')}
        </Button>
        <Select label={t('viewing.player.speed')} data={speeds.map((s) => ({ value: s, label: `${s}×` }))} value={rate} onChange={(v) => setRate(v ?? '1')} w={110} allowDeselect={false} />
        <Text size="sm" data-testid="sync-footage-time" data-footage-ms={Math.round(shown)}>
          {t('viewing.player.footageTime', { at: formatDateTime(new Date(shown).toISOString(), language) })}
        </Text>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: Math.min(2, cols), lg: cols }} spacing="sm">
        {cameras.map((c) => {
          const entry = playbacks.data?.find((p) => p.cameraId === c.id);
          return (
            <Stack key={c.id} gap={4}>
              <Text size="sm" fw={600}>
                {c.name}
                {gaps[c.id] ? ` · ${t('viewing.sync.gap')}` : ''}
              </Text>
              {entry && 'playback' in entry ? (
                <SyncedPlayer
                  key={`${entry.playback.playlistUrl}`}
                  sessionId={sessionId}
                  cameraId={c.id}
                  cameraName={c.name}
                  playback={entry.playback}
                  viewer={viewer}
                  onFatal={onFatal}
                  trackers={trackers}
                  videos={videos}
                />
              ) : entry ? (
                <Alert color="gray">{entry.error}</Alert>
              ) : null}
            </Stack>
          );
        })}
      </SimpleGrid>
      <Stack gap={6} maw={960}>
        {cameras.map((c) => (
          <div key={c.id}>
            <Text size="xs">{c.name}</Text>
            <Timeline
              cameraId={c.id}
              from={new Date(start.getTime() - 10 * 60_000)}
              to={new Date(start.getTime() + 10 * 60_000)}
              cursor={new Date(shown)}
              compact
              onPick={(at) => setCue((q) => ({ at, n: q.n + 1 }))}
            />
          </div>
        ))}
      </Stack>
    </Stack>
  );
}

/** One camera's player in synchronised playback: hls.js without its own controls; the controller drives it. */
function SyncedPlayer({ sessionId, cameraId, cameraName, playback, viewer, onFatal, trackers, videos }: {
  sessionId: string;
  cameraId: string;
  cameraName: string;
  playback: Playback;
  viewer: string;
  onFatal: (message: string) => void;
  trackers: MutableRefObject<Map<string, RangeTracker>>;
  /** Where the controller finds the players. */
  videos: MutableRefObject<Map<string, SyncedVideo>>;
}) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    const el = video.current;
    if (!el) return;
    const tracker = new RangeTracker(cameraId);
    trackers.current.set(cameraId, tracker);
    const hls = new Hls({ enableWorker: false, maxBufferLength: 20 });
    let fragments: PlaylistFragment[] = [];
    hls.on(Hls.Events.LEVEL_LOADED, (_event, data) => {
      fragments = data.details.fragments
        .filter((f) => f.programDateTime !== null)
        .map((f) => ({ startS: f.start, durationS: f.duration, dateMs: f.programDateTime! }));
    });
    hls.on(Hls.Events.ERROR, (_event, data) => {
      if (!data.fatal) return;
      const status = data.response?.code;
      onFatal(status === 403 ? t('viewing.player.expired') : status === 404 ? t('viewing.player.gone') : t('viewing.player.error', { detail: data.details }));
    });
    hls.loadSource(playback.playlistUrl);
    hls.attachMedia(el);
    const send = (final: boolean) => {
      const range = final ? tracker.close() : tracker.pending();
      if (range || !final) void viewingApi.report(sessionId, range ? [range] : []).catch(() => undefined);
    };
    const onTime = () => {
      if (el.paused || el.seeking || el.readyState < 2) return;
      const at = footageAt(fragments, el.currentTime);
      if (at !== null) tracker.observe(at);
    };
    const onPause = () => send(true);
    el.addEventListener('timeupdate', onTime);
    el.addEventListener('pause', onPause);
    const handle: SyncedVideo = { video: el, fragments: () => fragments };
    videos.current.set(cameraId, handle);
    const heartbeat = window.setInterval(() => send(false), 5000);
    return () => {
      if (videos.current.get(cameraId) === handle) videos.current.delete(cameraId);
      window.clearInterval(heartbeat);
      el.removeEventListener('timeupdate', onTime);
      el.removeEventListener('pause', onPause);
      send(true);
      if (trackers.current.get(cameraId) === tracker) trackers.current.delete(cameraId);
      hls.destroy();
    };
  }, [sessionId, cameraId, playback.playlistUrl, onFatal, t, trackers, videos]);

  return (
    <Watermark viewer={viewer}>
      <video
        ref={video}
        muted
        playsInline
        style={{ width: '100%', display: 'block' }}
        aria-label={t('viewing.player.label', { camera: cameraName })}
        data-testid="sync-video"
        data-camera={cameraId}
        data-playlist-start={playback.start}
      />
    </Watermark>
  );
}
