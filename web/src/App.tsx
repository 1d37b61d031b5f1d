import { useEffect, type ReactNode } from 'react';
import { Button, Center, Loader, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { onUnauthorized } from './api/client';
import { can, meKey, useMe } from './api/queries';
import type { Me } from './api/types';
import { AccountPage } from './account/AccountPage';
import { DashboardPage } from './dashboard/DashboardPage';
import { ErrorAlert } from './layout/ErrorAlert';
import { Page } from './layout/Page';
import { Shell } from './layout/Shell';
import { LogbookPage } from './logbook/LogbookPage';
import { LoginAttemptsPage } from './login-attempts/LoginAttemptsPage';
import { LoginPage } from './login/LoginPage';
import { ProtocolPage } from './protocol/ProtocolPage';
import { navigate, usePath } from './router';
import { CameraPage } from './register/CameraPage';
import { MaskPage } from './masks/MaskPage';
import { RegisterPage } from './register/RegisterPage';
import { SitePage } from './register/SitePage';
import { UsersPage } from './users/UsersPage';
import { CasesPage } from './cases/CasesPage';
import { ComplaintsPage } from './cases/ComplaintsPage';
import { IncidentPage } from './cases/IncidentPage';
import { IncidentsPage } from './cases/IncidentsPage';
import { PoliceRequestsPage } from './cases/PoliceRequestsPage';
import { PublicRequestPage } from './cases/PublicRequestPage';
import { RequestPage } from './cases/RequestPage';
import { ViewingLogPage } from './cases/ViewingLogPage';
import { RecorderPage } from './recording/RecorderPage';
import { ViewingPage } from './viewing/ViewingPage';
import { WhoSawPage } from './viewing/WhoSawPage';
import { VerifyPage } from './exports/VerifyPage';
import { RedactionPage } from './redaction/RedactionPage';

interface Route {
  element: (me: Me) => ReactNode;
  permission?: string;
}

const routes: Record<string, Route> = {
  '/': { element: (me) => <DashboardPage me={me} /> },
  '/users': { element: (me) => <UsersPage me={me} />, permission: 'user.list' },
  '/login-attempts': { element: () => <LoginAttemptsPage />, permission: 'login_attempts.read' },
  '/logbook': { element: (me) => <LogbookPage me={me} />, permission: 'logbook.read' },
  '/protocol-profile': { element: (me) => <ProtocolPage me={me} />, permission: 'protocol.read' },
  '/account': { element: (me) => <AccountPage me={me} /> },
  '/register': { element: (me) => <RegisterPage me={me} />, permission: 'register.read' },
  '/register/site': { element: (me) => <SitePage me={me} />, permission: 'register.read' },
  '/register/camera': { element: (me) => <CameraPage me={me} />, permission: 'register.read' },
  '/register/camera/masks': { element: (me) => <MaskPage me={me} />, permission: 'mask.read' },
  '/cases': { element: (me) => <CasesPage me={me} />, permission: 'cases.read' },
  '/cases/request': { element: (me) => <RequestPage me={me} />, permission: 'cases.read' },
  '/cases/incidents': { element: (me) => <IncidentsPage me={me} />, permission: 'cases.read' },
  '/cases/incident': { element: (me) => <IncidentPage me={me} />, permission: 'cases.read' },
  '/cases/complaints': { element: (me) => <ComplaintsPage me={me} />, permission: 'cases.read' },
  '/cases/viewing-log': { element: (me) => <ViewingLogPage me={me} />, permission: 'cases.viewing_log' },
  '/cases/police': { element: (me) => <PoliceRequestsPage me={me} />, permission: 'cases.file_police' },
  '/cases/redaction': { element: (me) => <RedactionPage me={me} />, permission: 'redaction.manage' },
  '/recorder': { element: () => <RecorderPage />, permission: 'recorder.status' },
  '/viewing': { element: (me) => <ViewingPage me={me} />, permission: 'footage.view_recordings' },
  '/viewing/who-saw': { element: () => <WhoSawPage />, permission: 'viewing.search' },
};

/** Pages anyone may open without an account (the public request page, issue 7). */
const publicPages: Record<string, () => ReactNode> = {
  '/verzoek': () => <PublicRequestPage />,
  '/verify': () => <VerifyPage />,
};

export function App() {
  const { t } = useTranslation();
  const me = useMe();
  const path = usePath();
  const queryClient = useQueryClient();
  const session = me.data;
  const loggedIn = session?.stage === 'ok';

  // A call that finds the session gone (or not yet past its second factor) leads back to the login page.
  useEffect(() => {
    onUnauthorized(() => {
      void queryClient.invalidateQueries({ queryKey: meKey });
      navigate('/login', { replace: true });
    });
  }, [queryClient]);

  useEffect(() => {
    if (me.isPending || me.isError) return;
    if (!loggedIn && path !== '/login' && !publicPages[path]) navigate('/login', { replace: true });
    else if (loggedIn && path === '/login') navigate('/', { replace: true, focus: true }); // just logged in
  }, [me.isPending, me.isError, loggedIn, path]);

  const publicPage = publicPages[path];
  if (publicPage) return <Shell me={loggedIn ? session : null}>{publicPage()}</Shell>;

  if (me.isPending) {
    return (
      <Shell me={null}>
        <Center mih={200}>
          <Loader aria-label={t('common.loading')} />
        </Center>
      </Shell>
    );
  }

  if (me.isError) {
    return (
      <Shell me={null}>
        <Stack maw={520}>
          <ErrorAlert error={me.error} />
          <Button variant="default" onClick={() => void me.refetch()} w="fit-content">
            {t('common.retry')}
          </Button>
        </Stack>
      </Shell>
    );
  }

  if (!loggedIn) {
    return (
      <Shell me={session}>
        <LoginPage stage={session?.stage} />
      </Shell>
    );
  }
  if (path === '/login') return <Shell me={session}>{null}</Shell>; // on its way to the dashboard

  const route = routes[path];
  let content: ReactNode;
  if (!route) {
    content = (
      <Page title={t('notFound.title')}>
        <Text>{t('notFound.body')}</Text>
      </Page>
    );
  } else if (route.permission && !can(session, route.permission)) {
    content = (
      <Page title={t('forbidden.title')}>
        <Text>{t('forbidden.body')}</Text>
      </Page>
    );
  } else {
    content = route.element(session);
  }

  return (
    <Shell me={session}>
      {/* A fresh component per page, so page state never leaks between pages. */}
      <div key={path}>{content}</div>
    </Shell>
  );
}
