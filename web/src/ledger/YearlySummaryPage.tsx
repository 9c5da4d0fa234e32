import { Anchor, Button, Group, NativeSelect, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryState } from '../components/QueryState';
import { notifyFailure } from '../components/notify';
import { useErrorMessage } from '../components/QueryState';
import { isErasedName } from '../format/erased-names';
import { formatCents } from '../format/money';
import type { ExportFormat } from './download-name';
import { useLedgerContext } from './LedgerPage';
import { recentYears } from './period';
import { type LedgerBreakdown, useLedgerDownload, useYearlySummary } from './queries';
import { ScrollableTable } from './ScrollableTable';

/** The lines of the 2035 the ledger fills, in the return's order. */
const figureRows = [
  ['receipts', (figures: LedgerBreakdown) => figures.receiptsCents],
  ['retrocededFees', (figures: LedgerBreakdown) => figures.retrocededFeesCents],
  ['otherExpenses', (figures: LedgerBreakdown) => figures.otherExpensesCents],
  ['net', (figures: LedgerBreakdown) => figures.netCents],
] as const;

/**
 * The yearly summary ("Synthèse annuelle"): one year as the accountant files it, the figures of
 * the BNC return (2035) for every cabinet together and per cabinet, month by month, and the
 * retrocessions per substitute (DAS2), with its CSV and PDF.
 */
export function YearlySummaryPage() {
  const { t, i18n } = useTranslation('ledger');
  const { context } = useLedgerContext();
  const years = recentYears(context?.today ?? new Date().toISOString().slice(0, 10), 6);
  const [year, setYear] = useState(years[0]);
  const summary = useYearlySummary(context?.holderId ?? '', year);
  const money = (cents: number) => formatCents(cents, i18n.language);
  const amount = { ta: 'right', style: { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' } } as const;
  const monthName = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'fr-FR', { month: 'long', timeZone: 'UTC' });

  if (!context) {
    return (
      <Stack>
        <Title order={1}>{t('yearly.title')}</Title>
        <Text c="dimmed">{t('noLedger')}</Text>
      </Stack>
    );
  }
  const cabinetName = (cabinetId: string) => context.cabinetName(cabinetId) ?? t('cabinet.unknown');

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <div>
          <Anchor component={Link} to={`..?holder=${encodeURIComponent(context.holderId)}`} relative="path" size="sm">
            {t('yearly.back')}
          </Anchor>
          <Title order={1}>{t('yearly.title')}</Title>
          <Text c="dimmed" size="sm">
            {context.holderName === null ? t('yearly.subtitleUnknown') : t('yearly.subtitle', { name: context.holderName })}
          </Text>
        </div>
        <Group align="flex-end" gap="sm">
          <NativeSelect label={t('yearly.year')} value={String(year)} onChange={(event) => setYear(Number(event.currentTarget.value))} data={years.map(String)} w={120} />
          {context.canExport && <YearlyDownloadButtons holderId={context.holderId} year={year} />}
        </Group>
      </Group>

      <QueryState query={summary}>
        {(data) => {
          const scopes = [
            { key: 'all', name: t('filters.allCabinets'), figures: data.allCabinets },
            ...(data.cabinets.length > 1 ? data.cabinets.map((cabinet) => ({ key: cabinet.cabinetId, name: cabinetName(cabinet.cabinetId), figures: cabinet })) : []),
          ];
          return (
            <Stack gap="xl">
              <Stack component="section" aria-labelledby="yearly-2035" gap="xs">
                <Title order={2} size="h3" id="yearly-2035">
                  {t('yearly.figuresTitle', { year })}
                </Title>
                <Text size="sm" c="dimmed">
                  {t('yearly.figuresHint')}
                </Text>
                <ScrollableTable minWidth={520} label={t('yearly.figuresTitle', { year })}>
                  <Table captionSide="top" striped withTableBorder>
                    <Table.Caption>{t('yearly.figuresCaption', { year })}</Table.Caption>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t('yearly.figure')}</Table.Th>
                        {scopes.map((scope) => (
                          <Table.Th key={scope.key} scope="col" ta="right">
                            {scope.name}
                          </Table.Th>
                        ))}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {figureRows.map(([key, value]) => (
                        <Table.Tr key={key}>
                          <Table.Th scope="row" fw={key === 'net' ? 700 : 500}>
                            {t(`yearly.${key}`)}
                          </Table.Th>
                          {scopes.map((scope) => (
                            <Table.Td key={scope.key} {...amount} fw={key === 'net' ? 700 : undefined}>
                              {money(value(scope.figures.year))}
                            </Table.Td>
                          ))}
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </ScrollableTable>
              </Stack>

              <Stack component="section" aria-labelledby="yearly-months" gap="xs">
                <Title order={2} size="h3" id="yearly-months">
                  {t('yearly.monthsTitle')}
                </Title>
                <ScrollableTable minWidth={620} label={t('yearly.monthsTitle')}>
                  <Table captionSide="top" striped withTableBorder fz="sm">
                    <Table.Caption>{t('yearly.monthsCaption', { year })}</Table.Caption>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t('yearly.month')}</Table.Th>
                        {figureRows.map(([key]) => (
                          <Table.Th key={key} scope="col" ta="right">
                            {t(`yearly.${key}`)}
                          </Table.Th>
                        ))}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {data.allCabinets.months.map((month) => (
                        <Table.Tr key={month.month}>
                          <Table.Th scope="row" fw={500} tt="capitalize">
                            {monthName.format(new Date(`${month.month}-01T00:00:00Z`))}
                          </Table.Th>
                          {figureRows.map(([key, value]) => (
                            <Table.Td key={key} {...amount}>
                              {money(value(month))}
                            </Table.Td>
                          ))}
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </ScrollableTable>
              </Stack>

              <Stack component="section" aria-labelledby="yearly-das2" gap="xs">
                <Title order={2} size="h3" id="yearly-das2">
                  {t('das2.title')}
                </Title>
                {data.das2.length === 0 ? (
                  <Text c="dimmed">{t('das2.empty', { year })}</Text>
                ) : (
                  <ScrollableTable minWidth={520} label={t('das2.title')}>
                    <Table captionSide="top" striped withTableBorder>
                      <Table.Caption>{t('das2.caption', { year })}</Table.Caption>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th scope="col">{t('das2.substitute')}</Table.Th>
                          <Table.Th scope="col" ta="right">{t('das2.consultations')}</Table.Th>
                          <Table.Th scope="col" ta="right">{t('das2.fees')}</Table.Th>
                          <Table.Th scope="col" ta="right">{t('das2.retroceded')}</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {data.das2.map((row) => (
                          <Table.Tr key={row.substituteAccountId}>
                            <Table.Th scope="row" fw={500}>
                              {isErasedName(row.substituteName) ? t('common:erasedAccount') : row.substituteName}
                            </Table.Th>
                            <Table.Td {...amount}>{row.consultationCount}</Table.Td>
                            <Table.Td {...amount}>{money(row.feesCents)}</Table.Td>
                            <Table.Td {...amount}>{money(row.retrocededCents)}</Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </ScrollableTable>
                )}
              </Stack>
            </Stack>
          );
        }}
      </QueryState>
    </Stack>
  );
}

/** The year's summary as CSV (the 2035 figures, one table) or PDF (those and the DAS2). */
function YearlyDownloadButtons({ holderId, year }: { holderId: string; year: number }) {
  const { t } = useTranslation('ledger');
  const errorMessage = useErrorMessage();
  const download = useLedgerDownload(holderId);
  const [pending, setPending] = useState<ExportFormat | null>(null);
  const [said, setSaid] = useState('');

  const start = (format: ExportFormat) => {
    setPending(format);
    setSaid(t('download.pending'));
    download.mutate(
      { format, report: 'yearly-summary', year },
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
    <Group gap="xs" role="group" aria-label={t('yearly.download')}>
      {(['csv', 'pdf'] as const).map((format) => (
        <Button key={format} variant="default" onClick={() => start(format)} loading={pending === format} disabled={pending !== null && pending !== format}>
          {t(`download.${format}`)}
        </Button>
      ))}
      <VisuallyHidden role="status">{said}</VisuallyHidden>
    </Group>
  );
}
