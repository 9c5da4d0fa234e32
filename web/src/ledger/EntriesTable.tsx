import { Badge, Button, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatCalendarDay } from '../format/dates';
import { formatCents } from '../format/money';
import { categoryKey, isCounterEntry, kindKey, paymentMethodKey } from './ledger-display';
import { ScrollableTable } from './ScrollableTable';
import type { LedgerContext } from './LedgerPage';
import { LEDGER_PAGE_SIZE, type LedgerFilters, type LoadedLedger } from './queries';

/**
 * The lines in ledger (date) order, as many pages as were read: "Plus d'écritures" reads the
 * next 50 from the API, below those shown; counter-entries marked.
 */
export function EntriesTable({
  listing,
  filters,
  context,
  refreshing,
  more,
}: {
  listing: LoadedLedger;
  filters: LedgerFilters;
  context: LedgerContext;
  refreshing: boolean;
  more: { readonly load: () => void; readonly loading: boolean };
}) {
  const { t, i18n } = useTranslation('ledger');
  const day = (value: string) => formatCalendarDay(value, i18n.language);
  const amount = { ta: 'right', style: { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' } } as const;
  const cabinet = filters.cabinetId === null ? t('filters.allCabinets') : (context.cabinetName(filters.cabinetId) ?? t('cabinet.unknown'));

  return (
    <Stack gap="xs">
      <Group justify="space-between" wrap="nowrap">
        <Title order={2} size="h3">
          {t('entries.title')}
        </Title>
        <Group gap="xs" role="status">
          {refreshing && (
            <>
              <Loader size="xs" aria-hidden />
              <Text size="sm">{t('refreshing')}</Text>
            </>
          )}
        </Group>
      </Group>
      {listing.entries.length === 0 ? (
        <Text c="dimmed" py="md">
          {t('entries.empty', { from: day(filters.from), to: day(filters.to) })}
        </Text>
      ) : (
        <>
          <ScrollableTable minWidth={720} label={t('entries.title')}>
            <Table captionSide="top" striped withTableBorder verticalSpacing="xs" horizontalSpacing="xs" fz="sm" style={{ opacity: refreshing ? 0.6 : 1 }}>
              <Table.Caption>
                {t('entries.caption', { from: day(filters.from), to: day(filters.to), cabinet, count: listing.total })}
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('column.date')}</Table.Th>
                  <Table.Th scope="col">{t('column.cabinet')}</Table.Th>
                  <Table.Th scope="col">{t('column.kind')}</Table.Th>
                  <Table.Th scope="col">{t('column.category')}</Table.Th>
                  <Table.Th scope="col">{t('column.label')}</Table.Th>
                  <Table.Th scope="col">{t('column.patient')}</Table.Th>
                  <Table.Th scope="col">{t('column.paymentMethod')}</Table.Th>
                  <Table.Th scope="col" ta="right">{t('column.amount')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {listing.entries.map((entry) => {
                  const counter = isCounterEntry(entry);
                  return (
                    <Table.Tr key={entry.entryId} bg={counter ? 'orange.0' : undefined}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{day(entry.date)}</Table.Td>
                      <Table.Td>{context.cabinetName(entry.cabinetId) ?? t('cabinet.unknown')}</Table.Td>
                      <Table.Td>
                        <Text size="sm" c={entry.kind === 'income' ? 'teal.9' : 'red.9'} fw={500}>
                          {t(kindKey(entry.kind))}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {counter ? (
                          <Badge color="red.9" variant="outline" radius="sm" tt="none">
                            {t(categoryKey(entry.category))}
                          </Badge>
                        ) : (
                          t(categoryKey(entry.category))
                        )}
                      </Table.Td>
                      <Table.Td>{entry.label}</Table.Td>
                      <Table.Td>{entry.patientName ?? ''}</Table.Td>
                      <Table.Td>{t(paymentMethodKey(entry.paymentMethod))}</Table.Td>
                      <Table.Td {...amount} fw={500}>
                        {formatCents(entry.amountCents, i18n.language)}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </ScrollableTable>
          {listing.entries.some(isCounterEntry) && (
            <Group gap="xs">
              <Badge color="red.9" variant="outline" radius="sm" tt="none" aria-hidden>
                {t('category.correction')}
              </Badge>
              <Text size="sm" c="dimmed">
                {t('category.counterEntryHint')}
              </Text>
            </Group>
          )}
          {listing.total > LEDGER_PAGE_SIZE && (
            <Group justify="space-between" wrap="wrap">
              <Text size="sm" c="dimmed" role="status">
                {t('entries.shown', { shown: listing.entries.length, count: listing.total })}
              </Text>
              {listing.hasMore && (
                <Button variant="default" size="sm" onClick={more.load} loading={more.loading}>
                  {t('entries.more')}
                </Button>
              )}
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}
