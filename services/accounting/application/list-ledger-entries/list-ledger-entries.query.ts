import { Injectable } from '@nestjs/common';
import { findPage, type KeysetOrder, type PageRequest, pageOfList, ReadStore } from '@osteo/read-store';
import { breakdownByCabinetOf, breakdownOf, type LedgerBreakdown, type LedgerTotals, totalsFrom } from '../../domain/ledger-totals';
import type { Translate } from '../ledger-language/ledger-catalog';
import { LEDGER_ENTRIES, type LedgerEntryDocument } from '../ledger-projection/ledger-entries';
import { cabinetsAndPeriodFilter, entryViewOf, findLedgerLines, type LedgerEntryView, type LedgerScope, type Period } from '../ledger/ledger-lines';

/** The period's figures, over every line of it, not a page, net of corrections: on the first page only. */
export type LedgerFigures = {
  readonly totals: LedgerTotals;
  /** The same, per cabinet: "totals per period and cabinet". */
  readonly totalsByCabinet: (LedgerTotals & { readonly cabinetId: string })[];
  /** The figures of the BNC return (2035). */
  readonly breakdown: LedgerBreakdown;
  /** The same, per cabinet. */
  readonly breakdownByCabinet: (LedgerBreakdown & { readonly cabinetId: string })[];
};

export type LedgerListing = {
  /** One page of the period's lines, in ledger order. */
  readonly entries: LedgerEntryView[];
  /** Where the next page starts; null on the last page. */
  readonly nextCursor: string | null;
  /** How many lines the period holds, every page together. */
  readonly total: number;
} & Partial<LedgerFigures>;

/** Ledger order, as findLedgerLines sorts: the ordering key is unique within a holder's lines. */
const LEDGER_ORDER: KeysetOrder = [
  ['date', 1],
  ['orderingKey', 1],
];

/**
 * GET /ledgers/:accountId/entries: one page of the scope's lines in the period, in ledger order.
 * The first page (no cursor) carries the period's figures: they need every line of the period,
 * so that page is cut from that one reading (page and figures of the same moment, the total
 * free). A following page reads its lines alone, by the cursor's position (keyset), so reading a
 * long ledger to its end costs one full reading, not one per page.
 */
@Injectable()
export class ListLedgerEntriesQuery {
  constructor(private readonly readStore: ReadStore) {}

  async execute(scope: LedgerScope, period: Period, request: PageRequest, t: Translate): Promise<LedgerListing> {
    // A cursor names a position in ledger order, not an offset: a line written while a reader
    // pages (a new day, a counter-entry dated in the past) never shifts the pages that follow.
    if (request.cursor !== undefined) {
      const entries = this.readStore.collection<LedgerEntryDocument>(LEDGER_ENTRIES);
      const page = await findPage(entries, { holderId: scope.holderId, ...cabinetsAndPeriodFilter(scope, period) }, LEDGER_ORDER, request);
      return { entries: page.items.map(({ _id, ...line }) => entryViewOf(line, t)), nextCursor: page.nextCursor, total: page.total };
    }
    const lines = await findLedgerLines(this.readStore, scope, period);
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
