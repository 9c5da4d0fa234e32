import { Paper, SimpleGrid, Table, Text } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCents } from '../format/money';
import { balanceTone, cabinetTotalsRows, type Totals } from './ledger-display';
import { ScrollableTable } from './ScrollableTable';
import type { LedgerContext } from './LedgerPage';
import type { LoadedLedger } from './queries';

const toneColor = { positive: 'teal.9', negative: 'red.9', zero: undefined } as const;

/** Recettes, Dépenses, Solde of the listed lines. */
export function TotalsSummary({ totals }: { totals: Totals }) {
  const { t } = useTranslation('ledger');
  return (
    <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md">
      <TotalCard label={t('totals.income')} cents={totals.incomeCents} />
      <TotalCard label={t('totals.expense')} cents={totals.expenseCents} />
      <TotalCard label={t('totals.net')} cents={totals.netCents} color={toneColor[balanceTone(totals.netCents)]} />
    </SimpleGrid>
  );
}

function TotalCard({ label, cents, color }: { label: string; cents: number; color?: string }) {
  const { i18n } = useTranslation();
  const id = useId();
  return (
    <Paper withBorder p="md" radius="md" role="group" aria-labelledby={id}>
      <Text id={id} size="sm" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text size="xl" fw={700} c={color} style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
        {formatCents(cents, i18n.language)}
      </Text>
    </Paper>
  );
}

/** The same totals per cabinet, when the lines come from more than one. */
export function CabinetTotalsTable({ listing, context }: { listing: Pick<LoadedLedger, 'totals' | 'totalsByCabinet'>; context: LedgerContext }) {
  const { t, i18n } = useTranslation('ledger');
  if (listing.totalsByCabinet.length < 2) return null;
  const rows = cabinetTotalsRows(listing.totalsByCabinet, context.cabinetName, t('cabinet.unknown'), i18n.language);
  const money = (cents: number) => formatCents(cents, i18n.language);
  const amount = { ta: 'right', style: { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' } } as const;
  return (
    <ScrollableTable minWidth={520} label={t('totals.byCabinet')}>
      <Table captionSide="top" striped withTableBorder>
        <Table.Caption>{t('totals.byCabinet')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('column.cabinet')}</Table.Th>
            <Table.Th scope="col" ta="right">{t('totals.income')}</Table.Th>
            <Table.Th scope="col" ta="right">{t('totals.expense')}</Table.Th>
            <Table.Th scope="col" ta="right">{t('totals.net')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.cabinetId}>
              <Table.Th scope="row" fw={500}>{row.name}</Table.Th>
              <Table.Td {...amount}>{money(row.incomeCents)}</Table.Td>
              <Table.Td {...amount}>{money(row.expenseCents)}</Table.Td>
              <Table.Td {...amount} c={toneColor[balanceTone(row.netCents)]}>{money(row.netCents)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th scope="row">{t('totals.all')}</Table.Th>
            <Table.Td {...amount} fw={700}>{money(listing.totals.incomeCents)}</Table.Td>
            <Table.Td {...amount} fw={700}>{money(listing.totals.expenseCents)}</Table.Td>
            <Table.Td {...amount} fw={700} c={toneColor[balanceTone(listing.totals.netCents)]}>{money(listing.totals.netCents)}</Table.Td>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </ScrollableTable>
  );
}
