import { useEffect, useRef, useState, type MutableRefObject } from 'react';
import { Button, Group, Select, Stack, Text } from '@mantine/core';
import Hls from 'hls.js';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../format';
import { currentLanguage } from '../i18n';
import type { Playback } from './api';
import { viewingApi } from './api';
import { RangeTracker } from './ranges';
import { Watermark } from './Watermark';

const speeds = ['0.5', '1', '2', '4'];

/**
 * HLS playback (hls.js) of one camera of a view session, with the watermark (viewer's name and the
 * current time, issue 6 item 5) and the report of what was actually shown (start, seeks, end).
 */
export function Player({ sessionId, cameraId, playback, viewer, onFatal, trackers }: {
  sessionId: string;
  cameraId: string;
  playback: Playback;
  viewer: string;
  onFatal: (message: string) => void;
  /** The open stretch's tracker per camera, so that stopping can hand the last stretch to the end call. */
  trackers: MutableRefObject<Map<string, RangeTracker>>;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const video = useRef<HTMLVideoElement>(null);
  const [rate, setRate] = useState('1');
  const [shown, setShown] = useState<Date | null>(null);

  useEffect(() => {
    const el = video.current;
    if (!el) return;
    const tracker = new RangeTracker(cameraId);
    trackers.current.set(cameraId, tracker);
    const start = new Date(playback.start).getTime();
    // No worker: the CSP allows scripts from 'self' only, and a worker would come from a blob: URL.
    const hls = new Hls({ enableWorker: false, maxBufferLength: 20 });
    const position = () => hls.playingDate?.getTime() ?? start + el.currentTime * 1000;
    // A heartbeat goes out even while paused (an empty report), so the session is not ended as abandoned.
    const send = (final: boolean) => {
      const range = final ? tracker.close() : tracker.pending();
      if (range || !final) void viewingApi.report(sessionId, range ? [range] : []).catch(() => undefined);
    };
    const onTime = () => {
      if (el.paused || el.seeking || el.readyState < 2) return;
      const at = position();
      tracker.observe(at);
      setShown(new Date(at));
    };
    const onBreak = () => send(true);
    el.addEventListener('timeupdate', onTime);
    el.addEventListener('seeking', onBreak);
    el.addEventListener('pause', onBreak);
    el.addEventListener('ended', onBreak);
    hls.on(Hls.Events.MANIFEST_PARSED, () => void el.play().catch(() => undefined));
    hls.on(Hls.Events.ERROR, (_event, data) => {
      if (!data.fatal) return;
      const status = data.response?.code;
      onFatal(status === 403 ? t('viewing.player.expired') : status === 404 ? t('viewing.player.gone') : t('viewing.player.error', { detail: data.details }));
    });
    hls.loadSource(playback.playlistUrl);
    hls.attachMedia(el);
    const heartbeat = window.setInterval(() => send(false), 5000);
    return () => {
      window.clearInterval(heartbeat);
      el.removeEventListener('timeupdate', onTime);
      el.removeEventListener('seeking', onBreak);
      el.removeEventListener('pause', onBreak);
      el.removeEventListener('ended', onBreak);
      send(true);
      if (trackers.current.get(cameraId) === tracker) trackers.current.delete(cameraId);
      hls.destroy();
    };
  }, [sessionId, cameraId, playback.playlistUrl, playback.start, onFatal, t, trackers]);

  useEffect(() => {
    if (video.current) video.current.playbackRate = Number(rate);
  }, [rate]);

  /** Frame step: pause and move one frame (the recorder's cameras send at most 25 fps; the demo 10). */
  const step = (direction: 1 | -1) => {
    const el = video.current;
    if (!el) return;
    el.pause();
    el.currentTime = Math.max(0, el.currentTime + direction * 0.1);
  };

  return (
    <Stack gap="xs">
      <Watermark viewer={viewer}>
        <video ref={video} muted playsInline controls style={{ width: '100%', display: 'block' }} aria-label={t('viewing.player.label', { camera: cameraId })} data-testid="viewing-video" />
      </Watermark>
      <Group gap="md">
        <Text size="sm" data-testid="viewing-footage-time">
          {t('viewing.player.footageTime', { at: shown ? formatDateTime(shown.toISOString(), language) : '–' })}
        </Text>
        <Button variant="default" size="xs" onClick={() => step(-1)}>
          {t('viewing.player.frameBack')}
        </Button>
        <Button variant="default" size="xs" onClick={() => step(1)}>
          {t('viewing.player.frameForward')}
        </Button>
        <Select label={t('viewing.player.speed')} data={speeds.map((s) => ({ value: s, label: `${s}×` }))} value={rate} onChange={(v) => setRate(v ?? '1')} w={110} allowDeselect={false} />
      </Group>
    </Stack>
  );
}
