import { Injectable } from '@nestjs/common';
import { type KeysetOrder, type PageRequest, pageOfList, ReadStore } from '@osteo/read-store';
import { breakdownByCabinetOf, breakdownOf, type LedgerBreakdown, type LedgerTotals, totalsFrom } from '../../domain/ledger-totals';
import type { Translate } from '../ledger-language/ledger-catalog';
import { entryViewOf, findLedgerLines, type LedgerEntryView, type LedgerScope, type Period } from '../ledger/ledger-lines';

export type LedgerListing = {
  /** One page of the period's lines, in ledger order. */
  readonly entries: LedgerEntryView[];
  /** Where the next page starts; null on the last page. */
  readonly nextCursor: string | null;
  /** How many lines the period holds, every page together. */
  readonly total: number;
  /** Over the whole period, not the page, net of corrections. */
  readonly totals: LedgerTotals;
  /** The same, per cabinet: "totals per period and cabinet". */
  readonly totalsByCabinet: (LedgerTotals & { readonly cabinetId: string })[];
  /** The figures of the BNC return (2035) over the whole period. */
  readonly breakdown: LedgerBreakdown;
  /** The same, per cabinet. */
  readonly breakdownByCabinet: (LedgerBreakdown & { readonly cabinetId: string })[];
};

/** Ledger order, as findLedgerLines sorts: the ordering key is unique within a holder's lines. */
const LEDGER_ORDER: KeysetOrder = [
  ['date', 1],
  ['orderingKey', 1],
];

/**
 * GET /ledgers/:accountId/entries: one page of the scope's lines in the period, in ledger order,
 * with the totals of the whole period. The totals need every line of the period, so the page is
 * cut from that one reading: page and totals are of the same moment, and the total is free.
 */
@Injectable()
export class ListLedgerEntriesQuery {
  constructor(private readonly readStore: ReadStore) {}

  async execute(scope: LedgerScope, period: Period, request: PageRequest, t: Translate): Promise<LedgerListing> {
    const lines = await findLedgerLines(this.readStore, scope, period);
    // A cursor names a position in ledger order, not an offset: a line written while a reader
    // pages (a new day, a counter-entry dated in the past) never shifts the pages that follow.
    const page = pageOfList(lines, LEDGER_ORDER, request);
    const breakdown = breakdownOf(lines);
    const breakdownByCabinet = breakdownByCabinetOf(lines);
    return {
      entries: page.items.map((line) => entryViewOf(line, t)),
      nextCursor: page.nextCursor,
      total: page.total,
      totals: totalsFrom(breakdown),
      totalsByCabinet: breakdownByCabinet.map((cabinet) => ({ cabinetId: cabinet.cabinetId, ...totalsFrom(cabinet) })),
      breakdown,
      breakdownByCabinet,
    };
  }
}
