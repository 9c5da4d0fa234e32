import type { FigureRow, ParkedEvent } from './figures-store';

/** The three figures of the BNC return as this example sums them, and net. */
export interface Figures {
  readonly receiptsCents: number;
  readonly retrocededFeesCents: number;
  readonly otherExpensesCents: number;
  /** receiptsCents − retrocededFeesCents − otherExpensesCents. */
  readonly netCents: number;
  readonly lines: number;
}

export interface AccountFigures extends Figures {
  readonly holderId: string;
  readonly byCabinet: (Figures & { readonly cabinetId: string })[];
  readonly byMonth: (Figures & { readonly month: string })[];
  readonly byCabinetAndMonth: (Figures & { readonly cabinetId: string; readonly month: string })[];
}

export interface FiguresReport {
  readonly topic: string | null;
  readonly groupId: string | null;
  readonly countedEvents: number;
  readonly parkedEvents: ParkedEvent[];
  readonly accounts: AccountFigures[];
}

/** Per account, then per cabinet, per month, and per both: sums of the stored sums, nothing else. */
export function accountFiguresOf(rows: readonly FigureRow[]): AccountFigures[] {
  const holders = [...new Set(rows.map((row) => row.holderId))].sort();
  return holders.map((holderId) => {
    const own = rows.filter((row) => row.holderId === holderId);
    const keys = (key: (row: FigureRow) => string) => [...new Set(own.map(key))].sort();
    return {
      holderId,
      ...sumOf(own),
      byCabinet: keys((row) => row.cabinetId).map((cabinetId) => ({ cabinetId, ...sumOf(own.filter((row) => row.cabinetId === cabinetId)) })),
      byMonth: keys((row) => row.month).map((month) => ({ month, ...sumOf(own.filter((row) => row.month === month)) })),
      byCabinetAndMonth: own.map(({ cabinetId, month, ...row }) => ({ cabinetId, month, ...sumOf([row]) })),
    };
  });
}

function sumOf(rows: readonly Omit<FigureRow, 'holderId' | 'cabinetId' | 'month'>[]): Figures {
  const total = (pick: (row: (typeof rows)[number]) => number) => rows.reduce((sum, row) => sum + pick(row), 0);
  const receiptsCents = total((row) => row.receiptsCents);
  const retrocededFeesCents = total((row) => row.retrocededFeesCents);
  const otherExpensesCents = total((row) => row.otherExpensesCents);
  return { receiptsCents, retrocededFeesCents, otherExpensesCents, netCents: receiptsCents - retrocededFeesCents - otherExpensesCents, lines: total((row) => row.lines) };
}

/** One row per account, cabinet and month, amounts in euros: for a person at a terminal. */
export function figuresTable(report: FiguresReport): string {
  const euros = (cents: number) => (cents / 100).toFixed(2);
  const header = ['account', 'cabinet', 'month', 'receipts', 'retroceded fees', 'other expenses', 'net', 'lines'];
  const rows = report.accounts.flatMap((account) => [
    ...account.byCabinetAndMonth.map((row) => [account.holderId, row.cabinetId, row.month, euros(row.receiptsCents), euros(row.retrocededFeesCents), euros(row.otherExpensesCents), euros(row.netCents), String(row.lines)]),
    [account.holderId, '(all)', '(all)', euros(account.receiptsCents), euros(account.retrocededFeesCents), euros(account.otherExpensesCents), euros(account.netCents), String(account.lines)],
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const numeric = (column: number) => column >= 3;
  const line = (cells: readonly string[]) => cells.map((cell, column) => (numeric(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('  ');
  const footer = `${report.countedEvents} ledger lines counted, ${report.parkedEvents.length} events parked (topic ${report.topic ?? '-'}, group ${report.groupId ?? '-'})`;
  return [line(header), ...rows.map(line), footer].join('\n');
}
