import { DatesProvider } from '@mantine/dates';
import 'dayjs/locale/en-gb';
import 'dayjs/locale/fr';
import { useTranslation } from 'react-i18next';
import { LedgerPage } from './LedgerPage';

/** The ledger area ("Comptabilité"): whose ledger, its lines and totals, manual lines, downloads, the DAS2 summary. */
export default function LedgerArea() {
  const { i18n } = useTranslation();
  return (
    <DatesProvider settings={{ locale: i18n.language === 'en' ? 'en-gb' : 'fr', firstDayOfWeek: 1 }}>
      <LedgerPage />
    </DatesProvider>
  );
}
