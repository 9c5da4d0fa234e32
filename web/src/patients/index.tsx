import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The patients area (its screens come with their own routes). */
export default function PatientsArea() {
  const { t } = useTranslation('common');
  return <Title order={1}>{t('area.patients')}</Title>;
}
