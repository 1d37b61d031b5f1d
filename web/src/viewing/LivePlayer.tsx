import { useEffect, useRef, useState, type MutableRefObject } from 'react';
import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatNumber } from '../format';
import { currentLanguage } from '../i18n';
import { viewingApi, type Live } from './api';
import { RangeTracker } from './ranges';
import { Watermark } from './Watermark';

/**
 * Live view (issue 6 item 1): the camera's fragmented MP4 (fragments of at most 100 ms), streamed
 * over one HTTP response into Media Source Extensions, kept at the live edge. The delay shown is an
 * estimate, now − (when the feed's first fragment reached the server + media time): it leaves out
 * the camera's own delay (the burnt-in-clock measurement in bench/viewing/live-latency.bench.ts has it).
 */
export function LivePlayer({ sessionId, cameraId, cameraName, live, viewer, onFatal, trackers }: {
  sessionId: string;
  cameraId: string;
  cameraName: string;
  live: Live;
  viewer: string;
  onFatal: (message: string) => void;
  /** The open stretch's tracker per camera, so that stopping can hand the last stretches to the end call. */
  trackers: MutableRefObject<Map<string, RangeTracker>>;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const video = useRef<HTMLVideoElement>(null);
  const [latency, setLatency] = useState<number | null>(null);

  useEffect(() => {
    const el = video.current;
    if (!el) return;
    const tracker = new RangeTracker(cameraId);
    trackers.current.set(cameraId, tracker);
    const feedStart = new Date(live.feedStartedAt).getTime();
    const media = new MediaSource();
    const objectUrl = URL.createObjectURL(media);
    el.src = objectUrl;
    const abort = new AbortController();
    const queue: Uint8Array[] = [];
    let buffer: SourceBuffer | null = null;
    const pump = () => {
      if (!buffer || buffer.updating || !queue.length || media.readyState !== 'open') return;
      buffer.appendBuffer(queue.shift()! as BufferSource);
    };
    const onUpdateEnd = () => {
      if (!buffer) return;
      if (el.buffered.length) {
        const start = el.buffered.start(0);
        const end = el.buffered.end(el.buffered.length - 1);
        // Stay at the live edge: a viewer joining mid-stream starts at the first fragment it got.
        if (el.currentTime < start || end - el.currentTime > 1.2) el.currentTime = Math.max(start, end - 0.2);
        if (end - start > 30 && !buffer.updating) {
          buffer.remove(start, end - 10);
          return;
        }
      }
      pump();
    };
    const onOpen = async () => {
      try {
        buffer = media.addSourceBuffer(`video/mp4; codecs="${live.codec}"`);
        buffer.addEventListener('updateend', onUpdateEnd);
        const res = await fetch(live.streamUrl, { credentials: 'same-origin', signal: abort.signal });
        if (!res.ok || !res.body) {
          onFatal(res.status === 403 ? t('viewing.player.expired') : t('viewing.player.error', { detail: String(res.status) }));
          return;
        }
        void el.play().catch(() => undefined);
        const reader = res.body.getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          queue.push(value);
          pump();
        }
      } catch (err) {
        if (!abort.signal.aborted) onFatal(t('viewing.player.error', { detail: err instanceof Error ? err.message : String(err) }));
      }
    };
    media.addEventListener('sourceopen', () => void onOpen(), { once: true });
    const send = (final: boolean) => {
      const range = final ? tracker.close() : tracker.pending();
      if (range || !final) void viewingApi.report(sessionId, range ? [range] : []).catch(() => undefined);
    };
    const onTime = () => {
      if (el.paused || el.readyState < 2) return;
      const shown = feedStart + el.currentTime * 1000;
      tracker.observe(shown);
      setLatency(Date.now() - shown);
    };
    el.addEventListener('timeupdate', onTime);
    const heartbeat = window.setInterval(() => send(false), 5000);
    return () => {
      window.clearInterval(heartbeat);
      el.removeEventListener('timeupdate', onTime);
      abort.abort();
      send(true);
      if (trackers.current.get(cameraId) === tracker) trackers.current.delete(cameraId);
      el.removeAttribute('src');
      URL.revokeObjectURL(objectUrl);
    };
  }, [sessionId, cameraId, live.streamUrl, live.codec, live.feedStartedAt, onFatal, t, trackers]);

  return (
    <div>
      <Watermark viewer={viewer}>
        <video ref={video} muted playsInline autoPlay style={{ width: '100%', display: 'block' }} aria-label={t('viewing.player.label', { camera: cameraName })} data-testid="viewing-video" data-camera={cameraId} />
      </Watermark>
      <Group gap="md" mt="xs">
        <Text size="sm" fw={600}>
          {cameraName}
        </Text>
        <Text size="sm" data-testid="viewing-latency" data-latency-ms={latency ?? ''}>
          {t('viewing.live.latency', { seconds: latency === null ? '–' : formatNumber(Math.round(latency / 100) / 10, language) })}
        </Text>
        <Text size="sm">{t('viewing.live.now', { at: formatDateTime(new Date().toISOString(), language) })}</Text>
      </Group>
    </div>
  );
}
