import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The ledger area (its screens come with their own routes). */
export default function LedgerArea() {
  const { t } = useTranslation('common');
  return <Title order={1}>{t('area.ledger')}</Title>;
}
