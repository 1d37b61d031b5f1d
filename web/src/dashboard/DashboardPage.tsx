import type { ReactNode } from 'react';
import { Anchor, Card, Group, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { can } from '../api/queries';
import type { Dashboard, Me } from '../api/types';
import { currentLanguage } from '../i18n';
import { formatNumber } from '../format';
import { ErrorAlert } from '../layout/ErrorAlert';
import { Page } from '../layout/Page';
import { linkClick } from '../router';
import { useVerifyChain, VerifyButton, VerifyChainResult } from '../logbook/VerifyChain';
import { CasesDashboard } from '../cases/CasesDashboard';
import { RecorderAlertsCard } from '../recording/RecorderAlertsCard';

export function DashboardPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const dashboard = useQuery({
    queryKey: ['dashboard'],
    queryFn: ({ signal }) => api<Dashboard>('/api/dashboard', { signal }),
  });

  const verify = useVerifyChain();
  const data = dashboard.data;
  const cards: ReactNode[] = [];
  if (data) {
    cards.push(
      <StatCard
        key="logbook"
        label={t('dashboard.logbookHead')}
        value={formatNumber(data.logbook.headSeq, language)}
        link={can(me, 'logbook.read') ? { to: '/logbook', label: t('dashboard.openLogbook') } : undefined}
        action={can(me, 'logbook.verify') ? <VerifyButton verify={verify} /> : undefined}
      />,
    );
    if (data.loginAttempts24h !== undefined) {
      cards.push(
        <StatCard
          key="attempts"
          label={t('dashboard.loginAttempts24h')}
          value={formatNumber(data.loginAttempts24h, language)}
          link={can(me, 'login_attempts.read') ? { to: '/login-attempts', label: t('dashboard.openLoginAttempts') } : undefined}
        />,
      );
    }
    if (data.failedLogins24h !== undefined) {
      cards.push(
        <StatCard
          key="failed"
          label={t('dashboard.failedLogins24h')}
          value={formatNumber(data.failedLogins24h, language)}
          link={can(me, 'login_attempts.read') ? { to: '/login-attempts', label: t('dashboard.openLoginAttempts') } : undefined}
        />,
      );
    }
    if (data.lockedAccounts !== undefined) {
      cards.push(
        <StatCard
          key="locked"
          label={t('dashboard.lockedAccounts')}
          value={formatNumber(data.lockedAccounts, language)}
          link={can(me, 'user.list') ? { to: '/users', label: t('dashboard.openUsers') } : undefined}
        />,
      );
    }
    if (data.overdueChecks !== undefined) {
      cards.push(
        <StatCard key="overdue" label={t('dashboard.overdueChecks')} value={formatNumber(data.overdueChecks, language)} link={{ to: '/register', label: t('dashboard.openRegister') }} />,
      );
    }
    if (data.openDefects !== undefined) {
      cards.push(
        <StatCard key="defects" label={t('dashboard.openDefects')} value={formatNumber(data.openDefects, language)} link={{ to: '/register', label: t('dashboard.openRegister') }} />,
      );
    }
  }

  return (
    <Page title={t('dashboard.title')}>
      <Stack gap={4}>
        <Text size="lg">{t('dashboard.welcome', { name: me.user.displayName })}</Text>
        <Text c="dimmed">{t('dashboard.role', { role: t(`roles.${me.user.role}`) })}</Text>
      </Stack>
      {!me.user.totpEnabled && (
        <Text size="sm">
          {t('dashboard.totpHint')}{' '}
          <Anchor href="/account" onClick={linkClick('/account')}>
            {t('dashboard.totpHintLink')}
          </Anchor>
        </Text>
      )}
      <ErrorAlert error={dashboard.error} />
      <VerifyChainResult verify={verify} />
      {can(me, 'recorder.status') && <RecorderAlertsCard />}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="lg" aria-busy={dashboard.isPending}>
        {dashboard.isPending ? [0, 1, 2].map((i) => <Skeleton key={i} height={120} radius="md" />) : cards}
      </SimpleGrid>
      {can(me, 'cases.read') && <CasesDashboard />}
    </Page>
  );
}

function StatCard({ label, value, link, action }: { label: string; value: string; link?: { to: string; label: string }; action?: ReactNode }) {
  return (
    <Card>
      <Stack gap={6}>
        <Text size="sm" c="dimmed" fw={500}>
          {label}
        </Text>
        <Text fz={32} fw={650} lh={1.1}>
          {value}
        </Text>
        {link && (
          <Anchor href={link.to} onClick={linkClick(link.to)} size="sm">
            {link.label}
          </Anchor>
        )}
        {action && <Group mt={4}>{action}</Group>}
      </Stack>
    </Card>
  );
}
