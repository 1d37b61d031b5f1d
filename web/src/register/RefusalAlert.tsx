import { Alert, Text } from '@mantine/core';
import { useErrorText } from '../i18n/errors';

/**
 * A refused action, in words and naming the rule (the server's message), announced to screen
 * readers. Like layout/ErrorAlert, with the title in the text colour: the red of the default title is below WCAG AA on the light red ground.
 */
export function RefusalAlert({ error, title }: { error: unknown; title: string }) {
  const errorText = useErrorText();
  if (!error) return null;
  return (
    <Alert color="red" variant="light" role="alert" title={<Text span inherit c="var(--mantine-color-text)">{title}</Text>}>
      {errorText(error)}
    </Alert>
  );
}
