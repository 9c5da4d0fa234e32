import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The agenda area (its screens come with their own routes). */
export default function AgendaArea() {
  const { t } = useTranslation('common');
  return <Title order={1}>{t('area.agenda')}</Title>;
}
