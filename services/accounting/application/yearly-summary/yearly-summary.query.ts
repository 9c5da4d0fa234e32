import { Injectable } from '@nestjs/common';
import { ReadStore } from '@osteo/read-store';
import { breakdownOf, type LedgerBreakdown, linesByCabinetOf } from '../../domain/ledger-totals';
import type { LedgerLine } from '../../domain/ledger-line';
import { AccountNames } from '../account-names/account-names';
import { findLedgerLines, type LedgerScope } from '../ledger/ledger-lines';
import { readRetrocessionSummary, type RetrocessionSummaryRow } from '../ledger/retrocession-summaries';

/** One year's figures: for the year, and per month (all twelve, January first, empty ones as zeros). */
export type YearFigures = {
  readonly year: LedgerBreakdown;
  readonly months: (LedgerBreakdown & { readonly month: string })[];
};

/**
 * GET /ledgers/:accountId/yearly-summary: what the accountant copies into the BNC return (2035)
 * and the DAS2 for one calendar year, from the ledger lines net of their corrections.
 */
export type YearlySummary = {
  readonly holderId: string;
  readonly year: number;
  /** The cabinet asked for; null: every cabinet the caller sees. */
  readonly cabinetId: string | null;
  /** Every cabinet of the scope together. */
  readonly allCabinets: YearFigures;
  /** Per cabinet holding lines in the year, in cabinet id order. */
  readonly cabinets: (YearFigures & { readonly cabinetId: string })[];
  /** What the holder paid each substitute in the year (the DAS2), as GET …/retrocession-summary answers it. */
  readonly das2: RetrocessionSummaryRow[];
};

@Injectable()
export class YearlySummaryQuery {
  constructor(
    private readonly readStore: ReadStore,
    private readonly accountNames: AccountNames,
  ) {}

  async execute(scope: LedgerScope, year: number, cabinetId: string | null): Promise<YearlySummary> {
    const lines = await findLedgerLines(this.readStore, scope, { from: `${year}-01-01`, to: `${year}-12-31` });
    return {
      holderId: scope.holderId,
      year,
      cabinetId,
      allCabinets: yearFiguresOf(lines, year),
      cabinets: linesByCabinetOf(lines).map(({ cabinetId: cabinet, lines: cabinetLines }) => ({ cabinetId: cabinet, ...yearFiguresOf(cabinetLines, year) })),
      das2: await readRetrocessionSummary(this.readStore, this.accountNames, scope, { from: year, to: year }),
    };
  }
}

/** Lines are dated like what they record, counter-entries included: a month holds a line and its cancellation. */
export function yearFiguresOf(lines: readonly Pick<LedgerLine, 'entryId' | 'kind' | 'category' | 'amountCents' | 'date'>[], year: number): YearFigures {
  const months = Array.from({ length: 12 }, (_, index) => `${year}-${String(index + 1).padStart(2, '0')}`);
  return {
    year: breakdownOf(lines),
    months: months.map((month) => ({ month, ...breakdownOf(lines.filter((line) => line.date.startsWith(`${month}-`))) })),
  };
}
