import type { LedgerStatement } from '../../application/export-ledger/ledger-statement.query';
import { euros } from './euros';

/**
 * The ledger as CSV for French spreadsheets (Excel, LibreOffice in a French locale):
 * - UTF-8 with a byte-order mark, without which Excel reads UTF-8 as Windows-1252 (é → Ã©);
 * - `;` between fields and a comma before the cents ("100,00"): what a French locale parses as
 *   numbers, while a `,` separator would split every amount in two;
 * - CRLF line ends and RFC 4180 quoting;
 * - the lines table first, its header on the first row, so the file imports as a table; then,
 *   after a blank row each, the totals (overall and per cabinet) and the yearly retrocession
 *   summary per substitute, each with its own header row.
 * Amounts are positive, in an Income or an Expense column, as in a livre-journal; only the net
 * carries a sign. Dates stay ISO (YYYY-MM-DD), which every locale reads as a date.
 */
export function ledgerCsv(statement: LedgerStatement): string {
  const rows: string[][] = [
    ['Date', 'Practice', 'Kind', 'Category', 'Label', 'Patient', 'Payment method', 'Income (EUR)', 'Expense (EUR)', 'Consultation', 'Counterparty', 'Entry'],
    ...statement.lines.map((line) => [
      line.date,
      text(line.cabinetName),
      line.kind,
      line.category,
      text(line.label),
      text(line.patientName ?? ''),
      line.paymentMethod,
      line.kind === 'income' ? euros(line.amountCents) : '',
      line.kind === 'expense' ? euros(line.amountCents) : '',
      text(line.consultationId ?? ''),
      text(line.counterpartyName ?? ''),
      text(line.entryId),
    ]),
    [],
    ['Totals', 'Income (EUR)', 'Expense (EUR)', 'Net (EUR)'],
    ['All lines shown', ...totalCells(statement.totals)],
    ...statement.totalsByCabinet.map((totals) => [text(totals.cabinetName), ...totalCells(totals)]),
    [],
    ['Retrocession summary (DAS2)', 'Substitute', 'Consultations', 'Fees (EUR)', 'Retroceded (EUR)'],
    ...statement.retrocessions.map((row) => [
      String(row.year),
      text(row.substituteName),
      String(row.consultationCount),
      euros(row.feesCents),
      euros(row.retrocededCents),
    ]),
  ];
  return `\ufeff${rows.map((row) => row.map(quoted).join(';')).join('\r\n')}\r\n`;
}

const totalCells = (totals: { incomeCents: number; expenseCents: number; netCents: number }): string[] => [
  euros(totals.incomeCents),
  euros(totals.expenseCents),
  euros(totals.netCents),
];

/**
 * Free text (labels, names) that a spreadsheet would run as a formula if it began with = + - @
 * or a tab (CSV injection): a leading apostrophe makes it plain text. Amounts never go through
 * here, so a negative net stays a number.
 */
function text(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function quoted(field: string): string {
  return /[";\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}
