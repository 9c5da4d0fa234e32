import { Injectable } from '@nestjs/common';
import { ReadStore } from '@osteo/read-store';
import { breakdownByCabinetOf, breakdownOf, type LedgerBreakdown, type LedgerTotals, totalsFrom } from '../../domain/ledger-totals';
import { entryViewOf, findLedgerLines, type LedgerEntryView, type LedgerScope, type Period } from '../ledger/ledger-lines';

export type LedgerListing = {
  readonly entries: LedgerEntryView[];
  /** Over the returned lines, net of corrections. */
  readonly totals: LedgerTotals;
  /** The same, per cabinet: "totals per period and cabinet". */
  readonly totalsByCabinet: (LedgerTotals & { readonly cabinetId: string })[];
  /** The figures of the BNC return (2035) over the returned lines. */
  readonly breakdown: LedgerBreakdown;
  /** The same, per cabinet. */
  readonly breakdownByCabinet: (LedgerBreakdown & { readonly cabinetId: string })[];
};

/** GET /ledgers/:accountId/entries: the lines of the scope in the period, in ledger order, with their totals. */
@Injectable()
export class ListLedgerEntriesQuery {
  constructor(private readonly readStore: ReadStore) {}

  async execute(scope: LedgerScope, period: Period): Promise<LedgerListing> {
    const lines = await findLedgerLines(this.readStore, scope, period);
    const breakdown = breakdownOf(lines);
    const breakdownByCabinet = breakdownByCabinetOf(lines);
    return {
      entries: lines.map(entryViewOf),
      totals: totalsFrom(breakdown),
      totalsByCabinet: breakdownByCabinet.map((cabinet) => ({ cabinetId: cabinet.cabinetId, ...totalsFrom(cabinet) })),
      breakdown,
      breakdownByCabinet,
    };
  }
}
