import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The accounts area (its screens come with their own routes). */
export default function AccountsArea() {
  const { t } = useTranslation('common');
  return <Title order={1}>{t('area.accounts')}</Title>;
}
