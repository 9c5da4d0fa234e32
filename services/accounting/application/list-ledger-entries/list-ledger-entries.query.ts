import { Injectable } from '@nestjs/common';
import { ReadStore } from '@osteo/read-store';
import { type LedgerTotals, totalsByCabinetOf, totalsOf } from '../../domain/ledger-line';
import { entryViewOf, findLedgerLines, type LedgerEntryView, type LedgerScope, type Period } from '../ledger/ledger-lines';

export type LedgerListing = {
  readonly entries: LedgerEntryView[];
  /** Over the returned lines. */
  readonly totals: LedgerTotals;
  /** The same, per cabinet: "totals per period and cabinet". */
  readonly totalsByCabinet: (LedgerTotals & { readonly cabinetId: string })[];
};

/** GET /ledgers/:accountId/entries: the lines of the scope in the period, in ledger order, with their totals. */
@Injectable()
export class ListLedgerEntriesQuery {
  constructor(private readonly readStore: ReadStore) {}

  async execute(scope: LedgerScope, period: Period): Promise<LedgerListing> {
    const lines = await findLedgerLines(this.readStore, scope, period);
    return { entries: lines.map(entryViewOf), totals: totalsOf(lines), totalsByCabinet: totalsByCabinetOf(lines) };
  }
}
