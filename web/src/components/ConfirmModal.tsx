import { Button, Group, Stack } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from './QueryState';
import { DialogModal } from './DialogModal';
import { FailureAlert } from './FailureAlert';

/**
 * A destructive action asked for again, saying what it does. The modal stays open with the API's
 * refusal when the action fails; it closes once `onConfirm` has resolved.
 */
export function ConfirmModal({
  opened,
  title,
  children,
  confirmLabel,
  onConfirm,
  onClose,
}: {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useTranslation('common');
  const errorMessage = useErrorMessage();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const close = () => {
    if (busy) return;
    setFailure(null);
    onClose();
  };
  return (
    <DialogModal opened={opened} onClose={close} title={title} centered>
      <Stack>
        {children}
        <FailureAlert message={failure} />
        <Group justify="flex-end">
          <Button variant="default" onClick={close} disabled={busy}>
            {t('cancel')}
          </Button>
          <Button
            color="red"
            loading={busy}
            onClick={() => {
              setBusy(true);
              setFailure(null);
              onConfirm()
                .then(() => {
                  setBusy(false);
                  onClose();
                })
                .catch((error: unknown) => {
                  setBusy(false);
                  setFailure(errorMessage(error));
                });
            }}
          >
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </DialogModal>
  );
}
