import type { LedgerStatement, StatementHeading, YearlyStatement } from '../../application/export-ledger/ledger-statement.query';
import { type CatalogKey, type Translate, translatorFor } from '../../application/ledger-language/ledger-catalog';
import type { LedgerBreakdown } from '../../domain/ledger-totals';
import { figureHeaders, figureValues } from './ledger-csv';
import { type Column, PdfWriter } from './pdf-writer';
import { amountText, cabinetsText, dateText, monthText, periodText } from './reader-formats';

/**
 * The printable exports (PRODUCT.md: "export as CSV and PDF, the printable table"), in the
 * reader's language: a title naming the holder, the period and the cabinets; the lines under a
 * heading per practice and period; or the totals; or the retrocessions per substitute (DAS2);
 * or one year's 2035 figures with its DAS2.
 */
export function linesPdf(statement: LedgerStatement): Promise<Buffer> {
  const { language } = statement;
  const { writer, t } = started(statement, 'title.lines');
  const money = (cents: number) => amountText(cents, language, { grouped: true });
  const columns: Column[] = [
    { title: t('column.date'), width: 58 },
    { title: t('column.category'), width: 80 },
    { title: t('column.label'), width: 270 },
    { title: t('column.paymentMethod'), width: 106 },
    { title: t('column.counterparty'), width: 116 },
    { title: t('column.income'), width: 70, align: 'right' },
    { title: t('column.expense'), width: 70, align: 'right' },
  ];
  const period = periodText(statement.period, language, t);
  if (statement.lines.length === 0) writer.table(columns, [], t('empty.lines'));
  for (const cabinetId of [...new Set(statement.lines.map((line) => line.cabinetId))]) {
    const lines = statement.lines.filter((line) => line.cabinetId === cabinetId);
    writer.heading(`${t('heading.cabinet', { cabinet: lines[0].cabinetName })} · ${period}`);
    writer.table(
      columns,
      lines.map((line) => [
        dateText(line.date, language),
        t(`category.${line.category}`),
        line.label,
        t(`payment.${line.paymentMethod}`),
        line.counterpartyName ?? '',
        line.kind === 'income' ? money(line.amountCents) : '',
        line.kind === 'expense' ? money(line.amountCents) : '',
      ]),
    );
  }
  return writer.end((page, count) => t('page.number', { page, count }));
}

export function totalsPdf(statement: LedgerStatement): Promise<Buffer> {
  const { writer, t } = started(statement, 'title.totals');
  writer.table(figureColumns(t, t('column.cabinet')), [
    figureRow(cabinetsText(statement, t), statement.breakdown, statement.language),
    ...statement.breakdownByCabinet.map((cabinet) => figureRow(cabinet.cabinetName, cabinet, statement.language)),
  ]);
  return writer.end((page, count) => t('page.number', { page, count }));
}

export function retrocessionsPdf(statement: LedgerStatement): Promise<Buffer> {
  const { writer, t } = started(statement, 'title.retrocessions');
  das2Table(writer, statement, t);
  return writer.end((page, count) => t('page.number', { page, count }));
}

export function yearlyPdf(statement: YearlyStatement): Promise<Buffer> {
  const { language } = statement;
  const { writer, t } = started(statement, 'title.yearly', { year: statement.year });
  const scopes = [{ name: cabinetsText(statement, t), figures: statement.allCabinets }, ...statement.byCabinet.map((cabinet) => ({ name: t('heading.cabinet', { cabinet: cabinet.cabinetName }), figures: cabinet }))];
  for (const { name, figures } of scopes) {
    writer.heading(`${t('heading.yearlyFigures')} · ${name}`);
    writer.table(figureColumns(t, t('column.period')), [
      figureRow(t('period.year', { year: statement.year }), figures.year, language),
      ...figures.months.map((month) => figureRow(monthText(month.month, language), month, language)),
    ]);
  }
  writer.heading(t('heading.das2'));
  das2Table(writer, { language, retrocessions: statement.das2 }, t);
  return writer.end((page, count) => t('page.number', { page, count }));
}

function started(heading: StatementHeading, title: CatalogKey, values: Readonly<Record<string, string | number>> = {}): { writer: PdfWriter; t: Translate } {
  const t = translatorFor(heading.language);
  const titleText = t(title, { holder: heading.holder.name, ...values });
  const subject = `${periodText(heading.period, heading.language, t)} · ${cabinetsText(heading, t)}`;
  const writer = new PdfWriter(heading.language, { title: titleText, author: heading.holder.name, subject });
  writer.title(titleText, [subject, t('heading.printed', { date: dateText(heading.printedAt.slice(0, 10), heading.language) })]);
  return { writer, t };
}

function das2Table(writer: PdfWriter, statement: Pick<LedgerStatement, 'language' | 'retrocessions'>, t: Translate): void {
  const money = (cents: number) => amountText(cents, statement.language, { grouped: true });
  writer.table(
    [
      { title: t('column.year'), width: 50 },
      { title: t('column.substitute'), width: 240 },
      { title: t('column.consultations'), width: 90, align: 'right' },
      { title: t('column.fees'), width: 90, align: 'right' },
      { title: t('column.retroceded'), width: 90, align: 'right' },
    ],
    statement.retrocessions.map((row) => [String(row.year), row.substituteName, String(row.consultationCount), money(row.feesCents), money(row.retrocededCents)]),
    t('empty.retrocessions'),
  );
}

const figureColumns = (t: Translate, first: string): Column[] => [
  { title: first, width: 112 },
  ...figureHeaders(t).map((title): Column => ({ title, width: 94, align: 'right' })),
];

const figureRow = (name: string, figures: LedgerBreakdown, language: StatementHeading['language']): string[] => [
  name,
  ...figureValues(figures).map((cents) => amountText(cents, language, { grouped: true })),
];
