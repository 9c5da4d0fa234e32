import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The footer of an edit form in a dialog: cancel closes it, save submits the form. */
export function CancelSaveButtons({ onCancel, submitting }: { onCancel: () => void; submitting: boolean }) {
  const { t } = useTranslation('common');
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel} disabled={submitting}>
        {t('cancel')}
      </Button>
      <Button type="submit" loading={submitting}>
        {t('save')}
      </Button>
    </Group>
  );
}
