import { Group, Loader, Text } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * After a write, the lists are read models that catch up within a second. A screen tracks the
 * polling that follows each write (`track(pollUntil(...))`) and says so meanwhile with
 * <CatchUpNotice />, instead of showing a list that seems to have lost the write.
 */
export function useCatchUp(): { readonly waiting: boolean; readonly track: <T>(work: Promise<T>) => Promise<T> } {
  const [pending, setPending] = useState(0);
  const track = useCallback(<T,>(work: Promise<T>): Promise<T> => {
    setPending((count) => count + 1);
    return work.finally(() => setPending((count) => count - 1));
  }, []);
  return { waiting: pending > 0, track };
}

/** "Enregistré. La liste se met à jour…" while `waiting`; an empty live region otherwise, so the change is announced. */
export function CatchUpNotice({ waiting }: { waiting: boolean }) {
  const { t } = useTranslation('common');
  return (
    <div role="status" aria-live="polite">
      {waiting && (
        <Group gap="xs" c="dimmed">
          <Loader size="xs" aria-hidden />
          <Text size="sm">{t('waitingForUpdate')}</Text>
        </Group>
      )}
    </div>
  );
}
