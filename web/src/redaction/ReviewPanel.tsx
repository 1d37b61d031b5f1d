import { useEffect, useMemo, useState } from 'react';
import { Alert, Anchor, Button, Checkbox, Code, Group, NumberInput, Progress, Radio, SegmentedControl, Slider, Stack, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../format';
import { currentLanguage } from '../i18n';
import { ErrorAlert } from '../layout/ErrorAlert';
import { Section } from '../layout/Page';
import { linkClick } from '../router';
import { previewUrl, stillUrl, useRenders, useReview, useSaveReview, useStartRender, useTracks, type Analysis, type ManualBox, type Settings } from './api';
import { clipTime, manualBoxAt, nextManualId, trackBoxAt, withKeyframe } from './boxes';
import { FrameView, type DrawnBox } from './FrameView';

/**
 * The review of one finished analysis (issue 9 item 2): the tracks with thumbnails, which of them is
 * the requester, mode and style, a scrubber over the clip with the boxes drawn on the original or a
 * preview of the result, manual boxes drawn at keyframes, then save (logged) and render.
 */
export function ReviewPanel({ analysis, requestId }: { analysis: Analysis; requestId: string }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const tracks = useTracks(analysis.id);
  const review = useReview(analysis.id);
  const save = useSaveReview(analysis.id);
  const renders = useRenders(analysis.id);
  const startRender = useStartRender(analysis.id);
  const clipMs = new Date(analysis.clip.end).getTime() - new Date(analysis.clip.start).getTime();
  const [draft, setDraft] = useState<{ settings: Settings; manual: readonly ManualBox[] } | null>(null);
  const [time, setTime] = useState(0);
  const [shownTime, setShownTime] = useState(0);
  const [view, setView] = useState<'original' | 'redacted'>('original');
  const [drawingFor, setDrawingFor] = useState<string | null>(null);

  useEffect(() => {
    if (review.data && draft === null) setDraft({ settings: review.data.review.settings, manual: review.data.review.manual });
  }, [review.data, draft]);

  const saved = review.data?.review;
  const dirty = useMemo(() => !!(draft && saved && JSON.stringify({ s: draft.settings, m: draft.manual }) !== JSON.stringify({ s: saved.settings, m: saved.manual })), [draft, saved]);
  if (!draft || !saved || !tracks.data) return <><ErrorAlert error={tracks.error ?? review.error} /><Text c="dimmed">{t('common.loading')}</Text></>;

  const settings = draft.settings;
  const set = (patch: Partial<Settings>) => setDraft({ ...draft, settings: { ...settings, ...patch } });
  const setManual = (manual: readonly ManualBox[]) => setDraft({ ...draft, manual });
  const kept = new Set(settings.keep);
  const detected = tracks.data.tracks.filter((tr) => tr.kind !== 'manual');
  const drawn: DrawnBox[] = [
    ...detected.flatMap((tr) => {
      const b = trackBoxAt(tr, shownTime);
      return b ? [{ ...b, id: tr.id, label: tr.id, tone: kept.has(tr.id) ? ('kept' as const) : ('redacted' as const) }] : [];
    }),
    ...draft.manual.flatMap((m) => {
      const b = manualBoxAt(m, shownTime);
      return b ? [{ ...b, id: m.id, label: m.label ? `${m.id} ${m.label}` : m.id, tone: m.id === drawingFor ? ('selected' as const) : ('manual' as const) }] : [];
    }),
  ];
  const choices = { settings, manual: draft.manual.filter((m) => m.keyframes.length > 0) };
  const src = view === 'original' ? stillUrl(analysis.id, shownTime) : previewUrl(analysis.id, shownTime, choices);
  const altKey = view === 'original' ? 'redaction.frame.altOriginal' : 'redaction.frame.altPreview';
  const aspect = analysis.frameSize ? analysis.frameSize.width / analysis.frameSize.height : 16 / 9;

  return (
    <Stack gap="lg">
      <Section title={t('redaction.tracks.title')}>
        {detected.length === 0 ? <Text c="dimmed">{t('redaction.tracks.none')}</Text> : (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('redaction.tracks.thumbnail')}</Table.Th>
                <Table.Th>{t('redaction.tracks.track')}</Table.Th>
                <Table.Th>{t('redaction.tracks.when')}</Table.Th>
                <Table.Th>{t('redaction.tracks.requester')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {detected.map((tr) => (
                <Table.Tr key={tr.id}>
                  <Table.Td>{tr.thumbnailUrl ? <img className="redaction-thumb" src={tr.thumbnailUrl} alt={t('redaction.tracks.thumbnailOf', { id: tr.id })} /> : '—'}</Table.Td>
                  <Table.Td>{tr.id} · {t(`redaction.kind.${tr.kind}` as 'redaction.kind.person')}</Table.Td>
                  <Table.Td>
                    <Anchor component="button" type="button" onClick={() => { setTime(tr.firstMs); setShownTime(tr.firstMs); }}>
                      {clipTime(tr.firstMs)} – {clipTime(tr.lastMs)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Checkbox
                      label={t('redaction.tracks.keep', { id: tr.id })}
                      checked={kept.has(tr.id)}
                      onChange={(e) => set({ keep: e.currentTarget.checked ? [...settings.keep, tr.id] : settings.keep.filter((k) => k !== tr.id) })}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>

      <Section title={t('redaction.choices.title')}>
        <Group align="flex-start" gap="xl">
          <Radio.Group label={t('redaction.choices.mode')} value={settings.mode} onChange={(v) => set({ mode: v as Settings['mode'] })}>
            <Stack gap={4} mt={4}>
              <Radio value="keep-only" label={t('redaction.mode.keep-only')} description={t('redaction.mode.keep-onlyHint')} />
              <Radio value="redact-detected" label={t('redaction.mode.redact-detected')} description={t('redaction.mode.redact-detectedHint')} />
            </Stack>
          </Radio.Group>
          <Radio.Group label={t('redaction.choices.style')} value={settings.style} onChange={(v) => set({ style: v as Settings['style'] })}>
            <Stack gap={4} mt={4}>
              <Radio value="pixelate" label={t('redaction.style.pixelate')} />
              <Radio value="fill" label={t('redaction.style.fill')} />
            </Stack>
          </Radio.Group>
          <NumberInput label={t('redaction.choices.margin')} value={Math.round(settings.margin * 100)} min={0} max={100} suffix=" %" onChange={(v) => set({ margin: Number(v) / 100 })} w={140} />
          <NumberInput label={t('redaction.choices.hold')} value={settings.holdFrames} min={0} max={50} onChange={(v) => set({ holdFrames: Number(v) })} w={140} />
        </Group>
      </Section>

      <Section title={t('redaction.frame.title')}>
        <Group>
          <SegmentedControl
            value={view}
            onChange={(v) => setView(v as typeof view)}
            data={[{ value: 'original', label: t('redaction.frame.original') }, { value: 'redacted', label: t('redaction.frame.preview') }]}
            aria-label={t('redaction.frame.view')}
          />
          <Text size="sm" aria-live="polite">{t('redaction.frame.at', { time: clipTime(shownTime) })}</Text>
        </Group>
        <FrameView
          src={src}
          alt={t(altKey, { time: clipTime(shownTime) })}
          boxes={view === 'original' ? drawn : []}
          aspect={aspect}
          drawing={drawingFor !== null}
          onDraw={(box) => {
            const m = draft.manual.find((x) => x.id === drawingFor);
            if (m) setManual(draft.manual.map((x) => (x.id === m.id ? withKeyframe(m, shownTime, box) : x)));
            setDrawingFor(null);
          }}
        />
        <Slider
          min={0} max={clipMs} step={40} value={time} label={(v) => clipTime(v)}
          onChange={setTime} onChangeEnd={setShownTime}
          thumbLabel={t('redaction.frame.scrubber')}
          aria-label={t('redaction.frame.scrubber')}
        />
        {drawingFor && <Alert color="yellow" variant="light" role="status">{t('redaction.manual.drawHint', { id: drawingFor, time: clipTime(shownTime) })}</Alert>}
      </Section>

      <Section title={t('redaction.manual.title')}>
        <Text size="sm" c="dimmed">{t('redaction.manual.hint')}</Text>
        {draft.manual.map((m) => (
          <Group key={m.id} align="flex-end">
            <Text fw={600}>{m.id}</Text>
            <TextInput label={t('redaction.manual.label')} value={m.label} maxLength={80} onChange={(e) => setManual(draft.manual.map((x) => (x.id === m.id ? { ...x, label: e.currentTarget.value } : x)))} />
            <Text size="sm">{t('redaction.manual.keyframes', { count: m.keyframes.length, times: m.keyframes.map((k) => clipTime(k.t)).join(', ') })}</Text>
            <Button variant="light" onClick={() => { setView('original'); setDrawingFor(m.id); }}>{t('redaction.manual.drawAt', { id: m.id, time: clipTime(shownTime) })}</Button>
            <Button variant="subtle" color="red" onClick={() => setManual(draft.manual.filter((x) => x.id !== m.id))}>{t('redaction.manual.remove', { id: m.id })}</Button>
            {/* Without a pointer: the box at this moment in per cent of the frame; a change sets a keyframe here. */}
            <Group gap="xs" role="group" aria-label={t('redaction.manual.numeric', { id: m.id, time: clipTime(shownTime) })}>
              {(['x', 'y', 'w', 'h'] as const).map((field) => {
                const box = manualBoxAt(m, shownTime) ?? { x: 0.4, y: 0.4, w: 0.2, h: 0.2 };
                return (
                  <NumberInput
                    key={field} w={90} min={0} max={100} decimalScale={1} suffix=" %"
                    label={t(`redaction.manual.${field}`)}
                    value={Math.round(box[field] * 1000) / 10}
                    onChange={(v) => {
                      const next = { x: box.x, y: box.y, w: box.w, h: box.h, [field]: Math.min(1, Math.max(0, Number(v) / 100)) };
                      next.w = Math.min(next.w, 1 - next.x);
                      next.h = Math.min(next.h, 1 - next.y);
                      if (!(next.w > 0 && next.h > 0)) return;
                      setManual(draft.manual.map((x) => (x.id === m.id ? withKeyframe(m, shownTime, next) : x)));
                      setDrawingFor(null);
                    }}
                  />
                );
              })}
            </Group>
          </Group>
        ))}
        <Group>
          <Button
            variant="light"
            onClick={() => {
              const id = nextManualId(draft.manual);
              setManual([...draft.manual, { id, label: '', keyframes: [] }]);
              setView('original');
              setDrawingFor(id);
            }}
          >
            {t('redaction.manual.add')}
          </Button>
        </Group>
      </Section>

      <Section title={t('redaction.render.title')}>
        <Group>
          <Button onClick={() => save.mutate({ version: saved.version, ...choices })} loading={save.isPending} disabled={!dirty}>{t('redaction.save')}</Button>
          <Text size="sm" c="dimmed" aria-live="polite">
            {dirty ? t('redaction.unsaved') : saved.version > 0 ? t('redaction.saved', { version: saved.version, by: saved.updatedBy ?? '', date: formatDateTime(saved.updatedAt!, language) }) : t('redaction.defaults')}
          </Text>
        </Group>
        {save.error && <ErrorAlert error={save.error} />}
        <Group>
          <Button onClick={() => startRender.mutate()} loading={startRender.isPending} disabled={dirty || saved.version === 0}>{t('redaction.render.start')}</Button>
          {(dirty || saved.version === 0) && <Text size="sm" c="dimmed">{t('redaction.render.saveFirst')}</Text>}
        </Group>
        {startRender.error && <ErrorAlert error={startRender.error} />}
        {startRender.data && (
          <Alert color="yellow" variant="light" title={t('exports.passwordTitle')} role="status">
            <Stack gap={4}>
              <Code fz="lg">{startRender.data.password}</Code>
              <Text size="sm">{t('redaction.render.passwordOnce')}</Text>
            </Stack>
          </Alert>
        )}
        {(renders.data?.renders ?? []).map((r) => (
          <Stack key={r.id} gap={4}>
            <Text size="sm">{formatDateTime(r.createdAt, language)} · {r.createdBy} · {t(`redaction.renderState.${r.state}` as 'redaction.renderState.running')}</Text>
            {r.state === 'running' && <Progress value={Math.round(r.progress * 100)} aria-label={t('redaction.render.progress')} striped animated />}
            {r.state === 'failed' && <Alert color="red" variant="light">{r.error}</Alert>}
            {r.state === 'done' && (
              <Anchor href={`/cases/request?id=${encodeURIComponent(requestId)}`} onClick={linkClick(`/cases/request?id=${encodeURIComponent(requestId)}`)}>
                {t('redaction.render.toExport')}
              </Anchor>
            )}
          </Stack>
        ))}
      </Section>
    </Stack>
  );
}
