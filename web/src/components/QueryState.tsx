import { Alert, Button, Center, Group, Loader, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessageKey } from '../api/api-error';

/**
 * Loading, error (with a retry) and empty states, the same on every screen: never a blank page.
 */
export function QueryState<T>({
  query,
  isEmpty,
  empty,
  children,
}: {
  query: UseQueryResult<T>;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation('common');
  if (query.isPending) {
    return (
      <Center py="xl" role="status" aria-live="polite">
        <Loader size="sm" aria-hidden />
        <Text ml="sm">{t('loading')}</Text>
      </Center>
    );
  }
  if (query.isError) {
    return (
      <Alert color="red" title={t('loadFailed')} role="alert">
        <Group justify="space-between">
          <Text size="sm">{t(`errors:${errorMessageKey(query.error)}`)}</Text>
          <Button size="xs" variant="white" onClick={() => void query.refetch()}>
            {t('retry')}
          </Button>
        </Group>
      </Alert>
    );
  }
  if (isEmpty?.(query.data)) return <Text c="dimmed" py="md">{empty ?? t('empty')}</Text>;
  return <>{children(query.data)}</>;
}

/** The message of an error answer, in the reader's language. */
export function useErrorMessage(): (error: unknown) => string {
  const { t } = useTranslation('errors');
  return (error) => t(errorMessageKey(error));
}
