import type { LedgerStatement, YearlyStatement } from '../../application/export-ledger/ledger-statement.query';
import { type Translate, translatorFor } from '../../application/ledger-language/ledger-catalog';
import type { LedgerBreakdown } from '../../domain/ledger-totals';
import { type Cell, csvTable } from './csv-table';
import { amountText, cabinetsText, dateText, monthText } from './reader-formats';

/**
 * The exports as CSV, one table per file (csv-table.ts for the conventions), so that a
 * spreadsheet or an accounting import reads each without editing: the lines; the totals; the
 * retrocessions per substitute and year (DAS2); the yearly figures of the 2035. Amounts are
 * positive, in a Receipt or an Expense column, as in a livre-journal; only a net carries a sign.
 */
export function linesCsv(statement: LedgerStatement): string {
  const { language } = statement;
  const t = translatorFor(language);
  const amount = (cents: number): Cell => ({ number: amountText(cents, language) });
  return csvTable(
    language,
    (['date', 'cabinet', 'kind', 'category', 'label', 'patient', 'paymentMethod', 'income', 'expense', 'consultation', 'counterparty', 'entry'] as const).map((column) => t(`column.${column}`)),
    statement.lines.map((line) => [
      dateText(line.date, language),
      line.cabinetName,
      t(`kind.${line.kind}`),
      t(`category.${line.category}`),
      line.label,
      line.patientName ?? '',
      t(`payment.${line.paymentMethod}`),
      line.kind === 'income' ? amount(line.amountCents) : '',
      line.kind === 'expense' ? amount(line.amountCents) : '',
      line.consultationId ?? '',
      line.counterpartyName ?? '',
      line.entryId,
    ]),
  );
}

/** The figures net of corrections: first the whole scope, then each cabinet. */
export function totalsCsv(statement: LedgerStatement): string {
  const t = translatorFor(statement.language);
  return csvTable(statement.language, [t('column.cabinet'), ...figureHeaders(t)], [
    [cabinetsText(statement, t), ...figureCells(statement.breakdown, statement.language)],
    ...statement.breakdownByCabinet.map((cabinet) => [cabinet.cabinetName, ...figureCells(cabinet, statement.language)]),
  ]);
}

export function retrocessionsCsv(statement: Pick<LedgerStatement, 'language' | 'retrocessions'>): string {
  const { language } = statement;
  const t = translatorFor(language);
  return csvTable(
    language,
    [t('column.year'), t('column.substitute'), t('column.consultations'), t('column.fees'), t('column.retroceded')],
    statement.retrocessions.map((row) => [
      { number: String(row.year) },
      row.substituteName,
      { number: String(row.consultationCount) },
      { number: amountText(row.feesCents, language) },
      { number: amountText(row.retrocededCents, language) },
    ]),
  );
}

/** The 2035 figures of the year and of each month, for every cabinet together, then per cabinet. */
export function yearlyCsv(statement: YearlyStatement): string {
  const { language } = statement;
  const t = translatorFor(language);
  const scopes = [{ name: cabinetsText(statement, t), figures: statement.allCabinets }, ...statement.byCabinet.map((cabinet) => ({ name: cabinet.cabinetName, figures: cabinet }))];
  return csvTable(
    language,
    [t('column.cabinet'), t('column.period'), ...figureHeaders(t)],
    scopes.flatMap(({ name, figures }) => [
      [name, t('period.year', { year: statement.year }), ...figureCells(figures.year, language)],
      ...figures.months.map((month) => [name, monthText(month.month, language), ...figureCells(month, language)]),
    ]),
  );
}

export const figureHeaders = (t: Translate): string[] =>
  (['consultationReceipts', 'retrocessionReceipts', 'manualReceipts', 'receipts', 'retrocededFees', 'otherExpenses', 'net'] as const).map((figure) => t(`figure.${figure}`));

export const figureValues = (figures: LedgerBreakdown): number[] => [
  figures.receiptsByCategory.consultationCents,
  figures.receiptsByCategory.retrocessionCents,
  figures.receiptsByCategory.manualCents,
  figures.receiptsCents,
  figures.retrocededFeesCents,
  figures.otherExpensesCents,
  figures.netCents,
];

const figureCells = (figures: LedgerBreakdown, language: LedgerStatement['language']): Cell[] => figureValues(figures).map((cents) => ({ number: amountText(cents, language) }));

