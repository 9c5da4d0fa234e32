import { Button, Group, NativeSelect, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../components/QueryState';
import { notifyFailure } from '../components/notify';
import type { ExportFormat } from './download-name';
import { useLedgerDownload, type LedgerFilters, type LedgerReport } from './queries';

const reports: readonly LedgerReport[] = ['lines', 'totals', 'retrocessions'];

/** CSV (for a spreadsheet) and PDF (to print) of what the filters select: the lines, the totals or the retrocessions (DAS2), each a file of its own. */
export function DownloadButtons({ holderId, filters }: { holderId: string; filters: LedgerFilters | null }) {
  const { t } = useTranslation('ledger');
  const errorMessage = useErrorMessage();
  const download = useLedgerDownload(holderId);
  const [pending, setPending] = useState<ExportFormat | null>(null);
  const [report, setReport] = useState<LedgerReport>('lines');
  // The browser shows the file itself; a notification would cover these buttons. Screen readers hear it here.
  const [said, setSaid] = useState('');

  const start = (format: ExportFormat) => {
    if (!filters) return;
    setPending(format);
    setSaid(t('download.pending'));
    download.mutate(
      { format, report, filters },
      {
        onSuccess: (name) => setSaid(t('download.done', { name })),
        onError: (error) => {
          setSaid('');
          notifyFailure(t('download.failed', { reason: errorMessage(error) }));
        },
        onSettled: () => setPending(null),
      },
    );
  };

  return (
    <Group gap="xs" role="group" aria-label={t('download.label')} align="flex-end">
      <NativeSelect
        label={t('download.report')}
        value={report}
        onChange={(event) => setReport(event.currentTarget.value as LedgerReport)}
        data={reports.map((value) => ({ value, label: t(`download.report.${value}`) }))}
      />
      {(['csv', 'pdf'] as const).map((format) => (
        <Button
          key={format}
          variant="default"
          onClick={() => start(format)}
          loading={pending === format}
          disabled={filters === null || (pending !== null && pending !== format)}
        >
          {t(`download.${format}`)}
        </Button>
      ))}
      <VisuallyHidden role="status">{said}</VisuallyHidden>
    </Group>
  );
}
