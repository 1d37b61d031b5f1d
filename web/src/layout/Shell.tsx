import type { ReactNode } from 'react';
import { AppShell, Burger, Button, Group, NavLink, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, setCsrfToken } from '../api/client';
import { can, meKey } from '../api/queries';
import type { Me } from '../api/types';
import { linkClick, navigate, usePath } from '../router';
import { LanguageSwitch } from './LanguageSwitch';

interface NavItem {
  to: string;
  label: string;
  permission?: string;
}

/**
 * The frame of every page: a header with the product name, the language switch and (when logged
 * in) the user and a logout button; a navbar with the pages this user's role may open.
 */
export function Shell({ me, children }: { me: Me | null | undefined; children: ReactNode }) {
  const { t } = useTranslation();
  const path = usePath();
  const [opened, { toggle, close }] = useDisclosure(false);
  const queryClient = useQueryClient();
  const showNav = me?.stage === 'ok';

  const logout = useMutation({
    mutationFn: () => api<void>('/api/auth/logout', { method: 'POST' }),
    onSettled: () => {
      // Whatever happened on the server, forget everything this session could read.
      setCsrfToken(null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meKey[0] });
      queryClient.setQueryData(meKey, null);
      navigate('/login', { replace: true });
    },
  });

  const items: NavItem[] = [
    { to: '/', label: t('nav.dashboard') },
    { to: '/users', label: t('nav.users'), permission: 'user.list' },
    { to: '/login-attempts', label: t('nav.loginAttempts'), permission: 'login_attempts.read' },
    { to: '/logbook', label: t('nav.logbook'), permission: 'logbook.read' },
    { to: '/register', label: t('nav.register'), permission: 'register.read' },
    { to: '/cases', label: t('cases.menu'), permission: 'cases.read' },
    { to: '/cases/police', label: t('cases.police.menu'), permission: 'cases.file_police' },
    { to: '/recorder', label: t('recorder.menu'), permission: 'recorder.status' },
    { to: '/viewing', label: t('viewing.menu'), permission: 'footage.view_recordings' },
    { to: '/viewing/who-saw', label: t('viewing.search.menu'), permission: 'viewing.search' },
    { to: '/verify', label: t('exports.verify.menu') },
    { to: '/protocol-profile', label: t('nav.protocol'), permission: 'protocol.read' },
    { to: '/account', label: t('nav.account') },
  ].filter((item) => !item.permission || can(me, item.permission));

  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <AppShell
        header={{ height: 64 }}
        navbar={showNav ? { width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } } : undefined}
        padding="lg"
        // No sliding: the navbar appears at once after login instead of pushing the page across.
        transitionDuration={0}
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              {showNav && (
                <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} aria-expanded={opened} />
              )}
              <Text component="span" fw={700} size="xl" c="blue.9">
                {t('app.name')}
              </Text>
            </Group>
            <Group gap="md" wrap="nowrap">
              <LanguageSwitch />
              {me && (
                <>
                  <Stack gap={0} visibleFrom="xs" align="flex-end">
                    <Text size="sm" fw={600}>
                      {me.user.displayName}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t(`roles.${me.user.role}`)}
                    </Text>
                  </Stack>
                  <Button variant="default" size="xs" onClick={() => logout.mutate()} loading={logout.isPending}>
                    {t('header.logout')}
                  </Button>
                </>
              )}
            </Group>
          </Group>
        </AppShell.Header>

        {showNav && (
          <AppShell.Navbar p="sm" aria-label={t('nav.label')}>
            {items.map((item) => {
              // A page below a menu item (/register/site) keeps that item marked.
              const active = path === item.to || (item.to !== '/' && path.startsWith(`${item.to}/`));
              return (
                <NavLink
                  key={item.to}
                  component="a"
                  href={item.to}
                  label={item.label}
                  active={active}
                  aria-current={path === item.to ? 'page' : undefined}
                  variant="light"
                  onClick={(event) => {
                    linkClick(item.to)(event);
                    close();
                  }}
                />
              );
            })}
          </AppShell.Navbar>
        )}

        <AppShell.Main id="main" bg="gray.0">
          {children}
        </AppShell.Main>
      </AppShell>
    </>
  );
}
