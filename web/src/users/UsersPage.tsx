import { useState } from 'react';
import { Badge, Button, Card, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { can } from '../api/queries';
import type { Me, User } from '../api/types';
import { currentLanguage } from '../i18n';
import { formatDate, formatDateTime } from '../format';
import { ErrorAlert } from '../layout/ErrorAlert';
import { Page } from '../layout/Page';
import { CreateUserModal } from './CreateUserModal';
import { OneTimePasswordModal } from './OneTimePasswordModal';

const usersKey = ['users'] as const;

type Pending = { kind: 'disable' | 'enable' | 'reset' | 'resetTotp'; user: User } | null;

export function UsersPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const queryClient = useQueryClient();
  const manage = can(me, 'user.manage');
  const [creating, setCreating] = useState(false);
  const [pending, setPending] = useState<Pending>(null);
  const [oneTime, setOneTime] = useState<{ username: string; password: string } | null>(null);

  const users = useQuery({
    queryKey: usersKey,
    queryFn: ({ signal }) => api<{ users: User[] }>('/api/users', { signal }),
  });

  const act = useMutation({
    mutationFn: async (action: NonNullable<Pending>) => {
      if (action.kind === 'resetTotp') {
        await api<{ user: User }>(`/api/users/${encodeURIComponent(action.user.id)}/reset-totp`, { method: 'POST' });
        return { action, oneTimePassword: null };
      }
      if (action.kind === 'reset') {
        const { oneTimePassword } = await api<{ oneTimePassword: string }>(`/api/users/${encodeURIComponent(action.user.id)}/reset-password`, {
          method: 'POST',
        });
        return { action, oneTimePassword };
      }
      await api<{ user: User }>(`/api/users/${encodeURIComponent(action.user.id)}`, {
        method: 'PATCH',
        body: { disabled: action.kind === 'disable' },
      });
      return { action, oneTimePassword: null };
    },
    onSuccess: ({ action, oneTimePassword }) => {
      setPending(null);
      if (oneTimePassword) setOneTime({ username: action.user.username, password: oneTimePassword });
      void queryClient.invalidateQueries({ queryKey: usersKey });
    },
  });

  const status = (user: User) => {
    if (user.disabled) return <Badge color="gray" variant="light" className="badge-fit">{t('users.status.disabled')}</Badge>;
    if (user.expiresAt && new Date(user.expiresAt) < new Date()) return <Badge color="gray" variant="light" className="badge-fit">{t('users.status.expired')}</Badge>;
    if (user.lockedUntil && new Date(user.lockedUntil) > new Date()) {
      return (
        <Badge color="orange" variant="light" className="badge-fit" title={formatDateTime(user.lockedUntil, language)}>
          {t('users.status.locked')}
        </Badge>
      );
    }
    return <Badge color="green" variant="light" className="badge-fit">{t('users.status.active')}</Badge>;
  };

  const rows = (users.data?.users ?? []).map((user) => (
    <Table.Tr key={user.id}>
      <Table.Td>
        <Text fw={600} size="sm">{user.username}</Text>
        <Text size="sm">{user.displayName}</Text>
        {user.email && <Text size="xs" c="dimmed">{user.email}</Text>}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{t(`roles.${user.role}`)}</Text>
        <Text size="xs" c="dimmed">
          {t(`users.kind.${user.kind}`)}
          {user.organisation ? ` · ${user.organisation}` : ''}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>{user.expiresAt ? formatDate(user.expiresAt, language) : t('users.noExpiry')}</Text>
      </Table.Td>
      <Table.Td>
        {status(user)}
        <Text size="xs" c="dimmed" mt={4}>
          {user.totpEnabled ? t('users.status.totpOn') : t('users.status.totpOff')}
        </Text>
        {user.mustChangePassword && !user.disabled && <Text size="xs" c="dimmed">{t('users.status.mustChangePassword')}</Text>}
      </Table.Td>
      {manage && (
        <Table.Td>
          <Group gap="xs" wrap="nowrap">
            <Button
              size="compact-sm"
              variant="default"
              aria-label={t(user.disabled ? 'users.actions.enableFor' : 'users.actions.disableFor', { username: user.username })}
              onClick={() => setPending({ kind: user.disabled ? 'enable' : 'disable', user })}
              disabled={user.id === me.user.id}
            >
              {user.disabled ? t('users.actions.enable') : t('users.actions.disable')}
            </Button>
            <Button
              size="compact-sm"
              variant="default"
              aria-label={t('users.actions.resetFor', { username: user.username })}
              onClick={() => setPending({ kind: 'reset', user })}
            >
              {t('users.actions.reset')}
            </Button>
            {user.totpEnabled && (
              <Button
                size="compact-sm"
                variant="default"
                aria-label={t('users.actions.resetTotpFor', { username: user.username })}
                onClick={() => setPending({ kind: 'resetTotp', user })}
              >
                {t('users.actions.resetTotp')}
              </Button>
            )}
          </Group>
        </Table.Td>
      )}
    </Table.Tr>
  ));

  return (
    <Page
      title={t('users.title')}
      intro={t('users.intro')}
      actions={manage && <Button onClick={() => setCreating(true)}>{t('users.create')}</Button>}
    >
      <ErrorAlert error={users.error} />
      <Card padding={0}>
        <Table.ScrollContainer minWidth={760}>
          <Table aria-busy={users.isPending}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('users.fields.user')}</Table.Th>
                <Table.Th scope="col">{t('users.fields.role')}</Table.Th>
                <Table.Th scope="col">{t('users.fields.expiresAt')}</Table.Th>
                <Table.Th scope="col">{t('users.fields.status')}</Table.Th>
                {manage && <Table.Th scope="col">{t('users.fields.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows}
              {users.isSuccess && rows.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={manage ? 5 : 4}>
                    <Text c="dimmed" size="sm">{t('users.empty')}</Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {users.isPending && (
                <Table.Tr>
                  <Table.Td colSpan={manage ? 5 : 4}>
                    <Text c="dimmed" size="sm">{t('common.loading')}</Text>
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>

      <CreateUserModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(user, password) => {
          setCreating(false);
          setOneTime({ username: user.username, password });
          void queryClient.invalidateQueries({ queryKey: usersKey });
        }}
      />

      <Modal
        opened={pending !== null}
        onClose={() => {
          setPending(null);
          act.reset();
        }}
        title={pending ? t(`users.confirm.${pending.kind}.title`) : ''}
        centered
      >
        {pending && (
          <Stack gap="md">
            <Text>{t(`users.confirm.${pending.kind}.body`, { username: pending.user.username, name: pending.user.displayName })}</Text>
            <ErrorAlert error={act.error} />
            <Group justify="flex-end" gap="sm">
              <Button
                variant="default"
                onClick={() => {
                  setPending(null);
                  act.reset();
                }}
              >
                {t('common.cancel')}
              </Button>
              <Button color={pending.kind === 'disable' ? 'red' : undefined} loading={act.isPending} onClick={() => act.mutate(pending)}>
                {t(`users.confirm.${pending.kind}.submit`)}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>

      <OneTimePasswordModal shown={oneTime} onClose={() => setOneTime(null)} />
    </Page>
  );
}
