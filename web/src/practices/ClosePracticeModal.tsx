import { List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Practice } from '../access/queries';
import { ConfirmModal } from '../components/ConfirmModal';
import { notifySuccess } from '../components/notify';
import { useClosePractice } from './queries';

type Track = <T>(work: Promise<T>) => Promise<T>;

/** Closing a practice, said plainly before it is done: it cannot be undone. */
export function ClosePracticeModal({ practice, onClose, onClosed, track }: { practice: Practice | null; onClose: () => void; onClosed?: () => void; track: Track }) {
  const { t } = useTranslation('practices');
  const closePractice = useClosePractice(track);
  return (
    <ConfirmModal
      opened={practice !== null}
      title={t('close.title', { name: practice?.name ?? '' })}
      confirmLabel={t('close.confirm')}
      onClose={onClose}
      onConfirm={async () => {
        if (!practice) return;
        await closePractice.mutateAsync(practice.cabinetId);
        notifySuccess(t('close.done', { name: practice.name }));
        onClosed?.();
      }}
    >
      <Text size="sm">{t('close.intro')}</Text>
      <List size="sm" spacing={4}>
        <List.Item>{t('close.effect.access')}</List.Item>
        <List.Item>{t('close.effect.agenda')}</List.Item>
        <List.Item>{t('close.effect.kept')}</List.Item>
      </List>
      <Text size="sm" fw={500}>
        {t('close.final')}
      </Text>
    </ConfirmModal>
  );
}
