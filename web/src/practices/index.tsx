import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The practices area (its screens come with their own routes). */
export default function PracticesArea() {
  const { t } = useTranslation('common');
  return <Title order={1}>{t('area.practices')}</Title>;
}
