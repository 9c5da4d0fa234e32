import { DatesProvider } from '@mantine/dates';
import 'dayjs/locale/en-gb';
import 'dayjs/locale/fr';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { LedgerPage } from './LedgerPage';
import { YearlySummaryPage } from './YearlySummaryPage';

/**
 * The ledger area ("Comptabilité"): whose ledger, its lines and totals, manual lines, downloads,
 * the DAS2 summary; and the yearly summary (2035 and DAS2) at synthese-annuelle.
 */
export default function LedgerArea() {
  const { i18n } = useTranslation();
  return (
    <DatesProvider settings={{ locale: i18n.language === 'en' ? 'en-gb' : 'fr', firstDayOfWeek: 1 }}>
      <Routes>
        <Route path="synthese-annuelle" element={<YearlySummaryPage />} />
        <Route path="*" element={<LedgerPage />} />
      </Routes>
    </DatesProvider>
  );
}
