import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Card, Center, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { meKey, useMe } from '../api/queries';
import type { Stage } from '../api/types';
import { ChangePasswordForm } from '../account/ChangePasswordForm';
import { TotpEnrolment } from '../account/TotpEnrolment';
import { CredentialsStep } from './CredentialsStep';
import { TotpStep } from './TotpStep';

type Step = 'credentials' | 'totp' | 'enrol' | 'password';

function stepOf(stage: Stage | undefined): Step {
  switch (stage) {
    case 'totp_required':
      return 'totp';
    case 'totp_enrolment_required':
      return 'enrol';
    case 'password_change_required':
      return 'password';
    default:
      return 'credentials';
  }
}

/**
 * Login in steps, as the server's `stage` asks: password, then the second factor (or setting it
 * up, with the recovery codes shown once), then a new password where the account still has a
 * one-time password. A page reload resumes at the stage the session is in.
 */
export function LoginPage({ stage }: { stage: Stage | undefined }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const me = useMe();
  const [step, setStep] = useState<Step>(() => stepOf(stage));
  // The password just typed, kept only so that a forced password change need not ask it again.
  const [typedPassword, setTypedPassword] = useState<string | undefined>();

  const advance = (next: Stage) => {
    if (next !== 'ok') setStep(stepOf(next));
    else setTypedPassword(undefined);
    // Refreshing the session shows the user in the header; at stage 'ok' the app opens the dashboard.
    void queryClient.invalidateQueries({ queryKey: meKey });
  };

  const titles: Record<Step, string> = {
    credentials: t('login.title'),
    totp: t('login.totpTitle'),
    enrol: t('login.enrolTitle'),
    password: t('login.passwordTitle'),
  };

  useEffect(() => {
    document.title = `${titles[step]} · ${t('app.name')}`;
  });

  // Each new step's heading takes focus, so a screen reader announces where the user now is.
  const heading = useRef<HTMLHeadingElement>(null);
  const firstStep = useRef(step);
  useEffect(() => {
    if (step !== firstStep.current) heading.current?.focus();
  }, [step]);

  let body: ReactNode;
  switch (step) {
    case 'credentials':
      body = (
        <CredentialsStep
          onDone={(next, password) => {
            setTypedPassword(password);
            advance(next);
          }}
        />
      );
      break;
    case 'totp':
      body = <TotpStep onDone={advance} />;
      break;
    case 'enrol':
      body = (
        <Stack gap="md">
          <Text>{t('login.enrolIntro')}</Text>
          <TotpEnrolment autoStart onDone={advance} />
        </Stack>
      );
      break;
    case 'password':
      body = (
        <Stack gap="md">
          <Text>{t('login.passwordIntro')}</Text>
          <ChangePasswordForm username={me.data?.user.username} currentPassword={typedPassword} onDone={advance} />
        </Stack>
      );
      break;
  }

  return (
    <Center py="xl">
      <Card w="100%" maw={step === 'enrol' ? 560 : 440} padding="xl">
        <Stack gap="lg">
          <Title order={1} ref={heading} tabIndex={-1} className="page-heading">
            {titles[step]}
          </Title>
          {body}
        </Stack>
      </Card>
    </Center>
  );
}
