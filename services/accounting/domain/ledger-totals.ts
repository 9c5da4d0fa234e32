import type { LedgerFigure } from '@osteo/contracts';
import { categoryCorrectedBy } from './consultation-ledger';
import { type LedgerEntryCategory, type LedgerLine, oppositeKind } from './ledger-line';

/**
 * A ledger's figures as an accountant files them (the BNC return, form 2035), net of corrections:
 * a counter-entry takes its amount off the figure of the line it cancels (a fee's off the
 * receipts, a retrocession's off the retroceded fees) instead of adding to the other side.
 * Gross sums of income and expense lines counted a corrected fee twice: 230.34 € of income
 * for 135.01 € of fees kept.
 */
export type LedgerBreakdown = {
  /** Recettes encaissées: every receipt, net of its corrections. */
  readonly receiptsCents: number;
  readonly receiptsByCategory: {
    /** The fees of consultations performed or taken under the holder's name. */
    readonly consultationCents: number;
    /** What owners retroceded to the holder as a substitute. */
    readonly retrocessionCents: number;
    /** Receipts written by hand. */
    readonly manualCents: number;
  };
  /** Honoraires rétrocédés: what the holder paid substitutes, net of corrections. */
  readonly retrocededFeesCents: number;
  /** Every other expense: today the ledger holds those written by hand only. */
  readonly otherExpensesCents: number;
  readonly otherExpensesByCategory: { readonly manualCents: number };
  /** receiptsCents − retrocededFeesCents − otherExpensesCents. */
  readonly netCents: number;
};

/** The three figures of GET /ledgers/:id/entries, net of corrections (see LedgerBreakdown). */
export type LedgerTotals = {
  /** = receiptsCents. */
  readonly incomeCents: number;
  /** = retrocededFeesCents + otherExpensesCents. */
  readonly expenseCents: number;
  readonly netCents: number;
};

type TotalledLine = Pick<LedgerLine, 'entryId' | 'kind' | 'category' | 'amountCents'>;

/** What a line counts in: the figure, the category within it, and what it adds (negative for a counter-entry). */
export type LineFigure = {
  readonly figure: LedgerFigure;
  /** The category of the line it counts as: for a counter-entry, the cancelled line's. */
  readonly category: Exclude<LedgerEntryCategory, 'correction'>;
  readonly cents: number;
};

/**
 * The rule of the figures, line by line: a counter-entry has the opposite kind of the line it
 * cancels and lowers that line's figure. Published with every line (LedgerLineWritten), so that
 * a consumer sums figures without knowing this rule.
 */
export function figureOf(line: TotalledLine): LineFigure {
  const corrects = line.category === 'correction';
  const kind = corrects ? oppositeKind(line.kind) : line.kind;
  const category = corrects ? categoryCorrectedBy(line) : line.category;
  if (category === 'correction') throw new Error(`Counter-entry ${line.entryId} cancels another counter-entry`);
  const cents = corrects ? -line.amountCents : line.amountCents;
  const figure: LedgerFigure = kind === 'income' ? 'receipts' : category === 'retrocession' ? 'retrocededFees' : 'otherExpenses';
  return { figure, category, cents };
}

export function breakdownOf(lines: readonly TotalledLine[]): LedgerBreakdown {
  const cents = { consultation: 0, retrocessionReceived: 0, manualIncome: 0, retrocessionPaid: 0, manualExpense: 0 };
  for (const line of lines) {
    const { figure, category, cents: amount } = figureOf(line);
    if (figure === 'receipts') {
      if (category === 'consultation') cents.consultation += amount;
      else if (category === 'retrocession') cents.retrocessionReceived += amount;
      else cents.manualIncome += amount;
    } else if (figure === 'retrocededFees') cents.retrocessionPaid += amount;
    else cents.manualExpense += amount;
  }
  const receiptsCents = cents.consultation + cents.retrocessionReceived + cents.manualIncome;
  return {
    receiptsCents,
    receiptsByCategory: { consultationCents: cents.consultation, retrocessionCents: cents.retrocessionReceived, manualCents: cents.manualIncome },
    retrocededFeesCents: cents.retrocessionPaid,
    otherExpensesCents: cents.manualExpense,
    otherExpensesByCategory: { manualCents: cents.manualExpense },
    netCents: receiptsCents - cents.retrocessionPaid - cents.manualExpense,
  };
}

export function totalsOf(lines: readonly TotalledLine[]): LedgerTotals {
  return totalsFrom(breakdownOf(lines));
}

/** The three figures, read off a breakdown already computed. */
export function totalsFrom({ receiptsCents, retrocededFeesCents, otherExpensesCents, netCents }: LedgerBreakdown): LedgerTotals {
  return { incomeCents: receiptsCents, expenseCents: retrocededFeesCents + otherExpensesCents, netCents };
}

/** Groups lines per cabinet, in cabinet id order. */
export function linesByCabinetOf<Line extends Pick<LedgerLine, 'cabinetId'>>(lines: readonly Line[]): { readonly cabinetId: string; readonly lines: Line[] }[] {
  const grouped = new Map<string, Line[]>();
  for (const line of lines) {
    const cabinetLines = grouped.get(line.cabinetId);
    if (cabinetLines) cabinetLines.push(line);
    else grouped.set(line.cabinetId, [line]);
  }
  return [...grouped.keys()].sort().map((cabinetId) => ({ cabinetId, lines: grouped.get(cabinetId)! }));
}

/** Totals per cabinet, in cabinet id order, for "totals per period and cabinet". */
export function totalsByCabinetOf(lines: readonly (TotalledLine & Pick<LedgerLine, 'cabinetId'>)[]): (LedgerTotals & { readonly cabinetId: string })[] {
  return linesByCabinetOf(lines).map(({ cabinetId, lines: cabinetLines }) => ({ cabinetId, ...totalsOf(cabinetLines) }));
}

/** The breakdown per cabinet, in cabinet id order. */
export function breakdownByCabinetOf(lines: readonly (TotalledLine & Pick<LedgerLine, 'cabinetId'>)[]): (LedgerBreakdown & { readonly cabinetId: string })[] {
  return linesByCabinetOf(lines).map(({ cabinetId, lines: cabinetLines }) => ({ cabinetId, ...breakdownOf(cabinetLines) }));
}
