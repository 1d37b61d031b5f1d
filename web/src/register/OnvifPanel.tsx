import { useState, type KeyboardEvent } from 'react';
import { Badge, Button, Card, Group, NumberInput, PasswordInput, SimpleGrid, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ErrorAlert } from '../layout/ErrorAlert';
import type { DiscoveredDevice, OnvifProbeResult } from './types';

export interface OnvifChoice {
  streamUrl: string;
  username: string;
  password: string;
}

/**
 * "Search cameras (ONVIF)" inside the camera form: search the network (WS-Discovery) or name an
 * address, ask the camera for its streams with its username and password, and take one stream's
 * address into the form. The credentials are sent for the question only; the form seals them
 * when it is saved. Lives inside the form's <form>: its buttons are type="button" and Enter in
 * its fields asks the camera instead of saving the form.
 */
export function OnvifPanel({ onChoose }: { onChoose: (choice: OnvifChoice) => void }) {
  const { t } = useTranslation();
  const [host, setHost] = useState('');
  const [port, setPort] = useState<number | string>(80);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [hostError, setHostError] = useState('');

  const discover = useMutation({
    mutationFn: async () => (await api<{ devices: DiscoveredDevice[] }>('/api/register/onvif/discover', { method: 'POST', body: {} })).devices,
  });
  const probe = useMutation({
    mutationFn: () =>
      api<OnvifProbeResult>('/api/register/onvif/probe', {
        method: 'POST',
        body: { host: host.trim(), port: Number(port) || 80, ...(username ? { username, password } : {}) },
      }),
  });

  function ask() {
    if (!host.trim()) {
      setHostError(t('validation.required'));
      return;
    }
    setHostError('');
    probe.mutate();
  }

  const onEnter = (event: KeyboardEvent) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      ask();
    }
  };

  const devices = discover.data;
  const result = probe.data;
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">{t('register.onvif.intro')}</Text>
        <Group>
          <Button type="button" variant="default" onClick={() => discover.mutate()} loading={discover.isPending}>{t('register.onvif.discover')}</Button>
        </Group>
        <div aria-live="polite">
          {discover.isPending && <Text size="sm">{t('register.onvif.discovering')}</Text>}
          {devices && !discover.isPending && devices.length === 0 && <Text size="sm">{t('register.onvif.noneFound')}</Text>}
          {devices && !discover.isPending && devices.length > 0 && <Text size="sm">{t('register.onvif.found', { count: devices.length })}</Text>}
        </div>
        {!discover.isPending && <ErrorAlert error={discover.error} title={t('register.onvif.failedTitle')} />}
        {devices && devices.length > 0 && (
          <Stack gap={4}>
            {devices.map((d) => (
              <Group key={d.endpoint} justify="space-between" wrap="nowrap">
                <Text size="sm">
                  <Text span fw={500}>{d.name ?? d.hardware ?? t('register.onvif.unnamed')}</Text>
                  {` · ${d.host}:${d.port}`}
                  {d.location && <Text span c="dimmed">{` · ${d.location}`}</Text>}
                </Text>
                <Button type="button" size="xs" variant="light" onClick={() => { setHost(d.host); setPort(d.port); }}>
                  {t('register.onvif.choose')}
                </Button>
              </Group>
            ))}
          </Stack>
        )}

        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('register.onvif.host')} description={t('register.onvif.hostHint')} autoComplete="off" spellCheck={false} value={host} onChange={(e) => setHost(e.currentTarget.value)} onKeyDown={onEnter} error={hostError} />
          <NumberInput label={t('register.onvif.port')} min={1} max={65535} allowDecimal={false} value={port} onChange={setPort} onKeyDown={onEnter} />
          <TextInput label={t('register.camera.username')} autoComplete="off" value={username} onChange={(e) => setUsername(e.currentTarget.value)} onKeyDown={onEnter} />
          <PasswordInput label={t('register.camera.password')} autoComplete="new-password" value={password} onChange={(e) => setPassword(e.currentTarget.value)} onKeyDown={onEnter} />
        </SimpleGrid>
        <Text size="xs" c="dimmed">{t('register.onvif.credentialsHint')}</Text>
        <Group>
          <Button type="button" variant="default" onClick={ask} loading={probe.isPending}>{t('register.onvif.probe')}</Button>
        </Group>
        {!probe.isPending && <ErrorAlert error={probe.error} title={t('register.onvif.failedTitle')} />}
        {result && !probe.isPending && (
          <Stack gap="xs" aria-live="polite">
            <Text size="sm">
              <Text span fw={500}>{[result.device.manufacturer, result.device.model].filter(Boolean).join(' ') || t('register.onvif.unnamed')}</Text>
              {result.device.firmwareVersion && <Text span c="dimmed">{` · ${t('register.onvif.firmware', { version: result.device.firmwareVersion })}`}</Text>}
            </Text>
            {result.clockOffsetSeconds !== null && Math.abs(result.clockOffsetSeconds) > 60 && (
              <Badge color="orange" variant="light">{t('register.onvif.clockOff', { seconds: result.clockOffsetSeconds })}</Badge>
            )}
            {result.profiles.length === 0 && <Text size="sm">{t('register.onvif.noProfiles')}</Text>}
            {result.profiles.length > 0 && (
              <Table.ScrollContainer minWidth={520}>
                <Table>
                  <caption className="register-caption">{t('register.onvif.profiles')}</caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('register.onvif.profile')}</Table.Th>
                      <Table.Th scope="col">{t('register.onvif.video')}</Table.Th>
                      <Table.Th scope="col">{t('register.camera.streamUrl')}</Table.Th>
                      <Table.Th scope="col"><VisuallyHidden>{t('register.onvif.use')}</VisuallyHidden></Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {result.profiles.map((p) => (
                      <Table.Tr key={p.token}>
                        <Table.Td><Text size="sm">{p.name}</Text></Table.Td>
                        <Table.Td>
                          <Text size="sm">{[p.encoding, p.width && p.height ? `${p.width}×${p.height}` : null, p.frameRate ? `${p.frameRate} fps` : null].filter(Boolean).join(' · ')}</Text>
                        </Table.Td>
                        <Table.Td><Text size="sm" style={{ overflowWrap: 'anywhere' }}>{p.streamUrl ?? t('register.onvif.noStreamUrl')}</Text></Table.Td>
                        <Table.Td>
                          {p.streamUrl && (
                            <Button type="button" size="xs" onClick={() => onChoose({ streamUrl: p.streamUrl!, username, password })} aria-label={`${t('register.onvif.use')}: ${p.name}`}>
                              {t('register.onvif.use')}
                            </Button>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
