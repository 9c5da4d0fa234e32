import { Button, Group, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../components/QueryState';
import { notifyFailure } from '../components/notify';
import type { ExportFormat } from './download-name';
import { useLedgerDownload, type LedgerFilters } from './queries';

/** CSV (for a spreadsheet) and PDF (to print) of the lines the filters select. */
export function DownloadButtons({ holderId, filters }: { holderId: string; filters: LedgerFilters | null }) {
  const { t } = useTranslation('ledger');
  const errorMessage = useErrorMessage();
  const download = useLedgerDownload(holderId);
  const [pending, setPending] = useState<ExportFormat | null>(null);
  // The browser shows the file itself; a notification would cover these buttons. Screen readers hear it here.
  const [said, setSaid] = useState('');

  const start = (format: ExportFormat) => {
    if (!filters) return;
    setPending(format);
    setSaid(t('download.pending'));
    download.mutate(
      { format, filters },
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
    <Group gap="xs" role="group" aria-label={t('download.label')}>
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
