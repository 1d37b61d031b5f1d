import { useEffect, useState } from 'react';
import { ActionIcon, Alert, Anchor, Badge, Button, Card, Group, NumberInput, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { can } from '../api/queries';
import type { Me } from '../api/types';
import { currentLanguage } from '../i18n';
import { formatDateTime } from '../format';
import { ErrorAlert } from '../layout/ErrorAlert';
import { Page, Section } from '../layout/Page';
import { linkClick, useSearchParam } from '../router';
import { masksKey, stillUrl, useCameraMasks, type MaskPoint, type MaskPolygon } from './api';
import { LiftSection } from './LiftSection';
import { MaskCanvas } from './MaskCanvas';
import './masks.css';

/**
 * A camera's privacy masks (issue 9 item 4; DOM-2, WEL-4, SOE-8): draw polygons over the last
 * recorded frame, name them, save them with a reason as a new version; earlier versions stay
 * listed. Where the protocol allows it, a lift can be started for a view session or a case.
 */
export function MaskPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const cameraId = useSearchParam('id');
  const masks = useCameraMasks(cameraId);
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<MaskPolygon[] | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const [saved, setSaved] = useState<number | null>(null);

  const data = masks.data;
  useEffect(() => {
    if (data && draft === null) setDraft(data.current?.polygons ?? []);
  }, [data, draft]);

  const save = useMutation({
    mutationFn: () => api<{ version: { version: number } }>(`/api/masks/cameras/${encodeURIComponent(cameraId)}`, { method: 'PUT', body: { polygons: draft ?? [], reason } }),
    onSuccess: (res) => {
      setSaved(res.version.version);
      setReason('');
      setSelected(null);
      void queryClient.invalidateQueries({ queryKey: masksKey(cameraId) });
    },
  });

  if (!data || draft === null) {
    return (
      <Page title={masks.isError ? t('masks.notFound') : t('common.loading')}>
        <ErrorAlert error={masks.error} />
      </Page>
    );
  }

  const manage = data.may.manage;
  const update = (i: number, change: (p: MaskPolygon) => MaskPolygon) => {
    setSaved(null);
    setDraft(draft.map((p, k) => (k === i ? change(p) : p)));
  };
  const addPolygon = () => {
    setSaved(null);
    setDraft([...draft, { name: t('masks.defaultName', { n: draft.length + 1 }), points: [] }]);
    setSelected(draft.length);
  };
  const addCorner = (i: number, point: MaskPoint) => update(i, (p) => ({ ...p, points: [...p.points, point] }));
  const cameraLink = `/register/camera?id=${encodeURIComponent(cameraId)}`;

  return (
    <Page title={t('masks.title', { camera: data.cameraName })} intro={t('masks.intro')}>
      <Group gap="sm">
        <Anchor href={cameraLink} onClick={linkClick(cameraLink)} size="sm">{t('masks.backToCamera')}</Anchor>
        <Badge variant="light">{data.current ? t('masks.versionBadge', { version: data.current.version }) : t('masks.noVersion')}</Badge>
      </Group>

      <Section title={t('masks.drawTitle')}>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Stack gap="xs">
            <MaskCanvas still={manage && can(me, 'footage.view_recordings') ? stillUrl(cameraId) : null} polygons={draft} selected={manage ? selected : null} onAdd={(p) => selected !== null && addCorner(selected, p)} />
            <Text size="xs" c="dimmed">{manage ? t('masks.drawHelp') : t('masks.readOnly')}</Text>
          </Stack>
          <Stack gap="sm">
            {draft.length === 0 && <Text size="sm" c="dimmed">{t('masks.empty')}</Text>}
            {draft.map((polygon, i) => (
              <Card key={i} withBorder padding="sm" className={i === selected ? 'mask-selected' : undefined}>
                <Stack gap="xs">
                  <Group align="flex-end" wrap="nowrap">
                    <TextInput
                      label={t('masks.name')}
                      value={polygon.name}
                      onChange={(e) => update(i, (p) => ({ ...p, name: e.currentTarget.value }))}
                      disabled={!manage}
                      style={{ flex: 1 }}
                    />
                    {manage && (
                      <Button variant={i === selected ? 'filled' : 'default'} onClick={() => setSelected(i === selected ? null : i)} aria-pressed={i === selected}>
                        {i === selected ? t('masks.stopDrawing') : t('masks.draw')}
                      </Button>
                    )}
                    {manage && (
                      <Button variant="subtle" color="red" onClick={() => { setDraft(draft.filter((_, k) => k !== i)); setSelected(null); setSaved(null); }}>
                        {t('masks.remove')}
                      </Button>
                    )}
                  </Group>
                  <Table withRowBorders={false} verticalSpacing={2}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t('masks.corner')}</Table.Th>
                        <Table.Th scope="col">{t('masks.x')}</Table.Th>
                        <Table.Th scope="col">{t('masks.y')}</Table.Th>
                        <Table.Th scope="col"><span className="visually-hidden">{t('masks.removeCorner')}</span></Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {polygon.points.map((point, k) => (
                        <Table.Tr key={k}>
                          <Table.Td><Text size="sm">{k + 1}</Text></Table.Td>
                          {(['x', 'y'] as const).map((axis) => (
                            <Table.Td key={axis}>
                              <NumberInput
                                aria-label={t('masks.coordinate', { axis, corner: k + 1, name: polygon.name })}
                                value={point[axis]}
                                min={0}
                                max={1}
                                step={0.01}
                                decimalScale={3}
                                size="xs"
                                disabled={!manage}
                                onChange={(v) => update(i, (p) => ({ ...p, points: p.points.map((q, j) => (j === k ? { ...q, [axis]: typeof v === 'number' ? v : Number(v) } : q)) }))}
                              />
                            </Table.Td>
                          ))}
                          <Table.Td>
                            {manage && (
                              <ActionIcon variant="subtle" color="red" aria-label={t('masks.removeCornerOf', { corner: k + 1, name: polygon.name })} onClick={() => update(i, (p) => ({ ...p, points: p.points.filter((_, j) => j !== k) }))}>
                                ×
                              </ActionIcon>
                            )}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                  {manage && (
                    <Group>
                      <Button size="xs" variant="default" onClick={() => addCorner(i, polygon.points.at(-1) ?? { x: 0.5, y: 0.5 })}>{t('masks.addCorner')}</Button>
                      <Text size="xs" c="dimmed">{t('masks.cornerCount', { count: polygon.points.length, max: data.limits.maxCorners })}</Text>
                    </Group>
                  )}
                </Stack>
              </Card>
            ))}
            {manage && (
              <>
                <Group><Button variant="default" onClick={addPolygon} disabled={draft.length >= data.limits.maxPolygons}>{t('masks.add')}</Button></Group>
                <TextInput label={t('masks.reason')} description={t('masks.reasonHelp')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required />
                <ErrorAlert error={save.error} />
                {saved !== null && <Alert color="green" variant="light" role="status">{t('masks.saved', { version: saved })}</Alert>}
                <Group><Button onClick={() => save.mutate()} loading={save.isPending}>{t('masks.save')}</Button></Group>
              </>
            )}
          </Stack>
        </SimpleGrid>
      </Section>

      <Section title={t('masks.versionsTitle')}>
        <Card padding={0}>
          <Table.ScrollContainer minWidth={560}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('masks.version')}</Table.Th>
                  <Table.Th scope="col">{t('masks.when')}</Table.Th>
                  <Table.Th scope="col">{t('masks.by')}</Table.Th>
                  <Table.Th scope="col">{t('masks.masks')}</Table.Th>
                  <Table.Th scope="col">{t('masks.reason')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.versions.map((v) => (
                  <Table.Tr key={v.version}>
                    <Table.Td>{v.version}</Table.Td>
                    <Table.Td>{formatDateTime(v.createdAt, language)}</Table.Td>
                    <Table.Td>{v.createdBy}</Table.Td>
                    <Table.Td>{v.polygons.length ? v.polygons.map((p) => p.name).join(', ') : t('masks.none')}</Table.Td>
                    <Table.Td>{v.reason}</Table.Td>
                  </Table.Tr>
                ))}
                {data.versions.length === 0 && <Table.Tr><Table.Td colSpan={5}><Text size="sm" c="dimmed">{t('masks.noVersions')}</Text></Table.Td></Table.Tr>}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      </Section>

      <LiftSection data={data} />
    </Page>
  );
}
