import { List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Cabinet } from '../access/queries';
import { ConfirmModal } from '../components/ConfirmModal';
import { notifySuccess } from '../components/notify';
import { useCloseCabinet } from './queries';

type Track = <T>(work: Promise<T>) => Promise<T>;

/** Closing a cabinet, said plainly before it is done: it cannot be undone. */
export function CloseCabinetModal({ cabinet, onClose, onClosed, track }: { cabinet: Cabinet | null; onClose: () => void; onClosed?: () => void; track: Track }) {
  const { t } = useTranslation('cabinets');
  const closeCabinet = useCloseCabinet(track);
  return (
    <ConfirmModal
      opened={cabinet !== null}
      title={t('close.title', { name: cabinet?.name ?? '' })}
      confirmLabel={t('close.confirm')}
      onClose={onClose}
      onConfirm={async () => {
        if (!cabinet) return;
        await closeCabinet.mutateAsync(cabinet.cabinetId);
        notifySuccess(t('close.done', { name: cabinet.name }));
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
