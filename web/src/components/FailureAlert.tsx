import { Alert } from '@mantine/core';

/** The API's refusal of a form or an action, in the reader's language, announced to screen readers. */
export function FailureAlert({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <Alert color="red" role="alert">
      {message}
    </Alert>
  );
}
