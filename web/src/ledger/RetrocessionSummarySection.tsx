import { Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../components/QueryState';
import { isErasedName } from '../format/erased-names';
import { formatCents } from '../format/money';
import { sumOf } from './ledger-display';
import { recentYears } from './period';
import { useRetrocessionSummary } from './queries';
import { ScrollableTable } from './ScrollableTable';

/** What the holder retroceded to each substitute in a year: the figures of the DAS2. */
export function RetrocessionSummarySection({ holderId, today }: { holderId: string; today: string }) {
  const { t, i18n } = useTranslation('ledger');
  const years = recentYears(today, 6);
  const [year, setYear] = useState(years[0]);
  const summary = useRetrocessionSummary(holderId, year);
  const money = (cents: number) => formatCents(cents, i18n.language);
  const number = new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'fr-FR');
  const amount = { ta: 'right', style: { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' } } as const;

  return (
    <Stack component="section" aria-labelledby="retrocession-summary-title" gap="sm" mt="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={2} size="h3" id="retrocession-summary-title">
            {t('das2.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('das2.hint')}
          </Text>
        </div>
        <NativeSelect
          label={t('das2.year')}
          value={String(year)}
          onChange={(event) => setYear(Number(event.currentTarget.value))}
          data={years.map((value) => String(value))}
          w={120}
        />
      </Group>
      <QueryState query={summary}>
        {(data) =>
          data.substitutes.length === 0 ? (
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
                  {data.substitutes.map((row) => (
                    <Table.Tr key={`${row.year}-${row.substituteAccountId}`}>
                      <Table.Th scope="row" fw={500}>{isErasedName(row.substituteName) ? t('common:erasedAccount') : row.substituteName}</Table.Th>
                      <Table.Td {...amount}>{number.format(row.consultationCount)}</Table.Td>
                      <Table.Td {...amount}>{money(row.feesCents)}</Table.Td>
                      <Table.Td {...amount}>{money(row.retrocededCents)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
                {data.substitutes.length > 1 && (
                  <Table.Tfoot>
                    <Table.Tr>
                      <Table.Th scope="row">{t('totals.all')}</Table.Th>
                      <Table.Td {...amount} fw={700}>{number.format(sumOf(data.substitutes, (row) => row.consultationCount))}</Table.Td>
                      <Table.Td {...amount} fw={700}>{money(sumOf(data.substitutes, (row) => row.feesCents))}</Table.Td>
                      <Table.Td {...amount} fw={700}>{money(sumOf(data.substitutes, (row) => row.retrocededCents))}</Table.Td>
                    </Table.Tr>
                  </Table.Tfoot>
                )}
              </Table>
            </ScrollableTable>
          )
        }
      </QueryState>
    </Stack>
  );
}
