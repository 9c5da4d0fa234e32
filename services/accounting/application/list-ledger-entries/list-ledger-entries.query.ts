import { Injectable } from '@nestjs/common';
import type { LedgerEntryKind, PaymentMethod } from '@osteo/contracts';
import { ReadStore } from '@osteo/read-store';
import { type LedgerEntryCategory, type LedgerLine, type LedgerTotals, totalsByCabinetOf, totalsOf } from '../../domain/ledger-line';
import { findLedgerLines, type LedgerScope, type Period } from '../ledger-projection/ledger-entries';

/** A line as clients see it (PRODUCT.md, "Shapes that clients rely on"). */
export type LedgerEntryView = {
  readonly entryId: string;
  readonly date: string;
  readonly cabinetId: string;
  readonly kind: LedgerEntryKind;
  readonly category: LedgerEntryCategory;
  readonly amountCents: number;
  readonly label: string;
  readonly paymentMethod: PaymentMethod;
  readonly patientName?: string;
  readonly consultationId?: string;
  readonly counterpartyAccountId?: string;
};

export type LedgerListing = {
  readonly entries: LedgerEntryView[];
  /** Over the returned lines. */
  readonly totals: LedgerTotals;
  /** The same, per cabinet: "totals per period and cabinet". */
  readonly totalsByCabinet: (LedgerTotals & { readonly cabinetId: string })[];
};

export const entryViewOf = ({ holderId: _holder, recordedAt: _recordedAt, orderingKey: _orderingKey, ...view }: LedgerLine): LedgerEntryView => view;

/** GET /ledgers/:accountId/entries: the lines of the scope in the period, in ledger order, with their totals. */
@Injectable()
export class ListLedgerEntriesQuery {
  constructor(private readonly readStore: ReadStore) {}

  async execute(scope: LedgerScope, period: Period): Promise<LedgerListing> {
    const lines = await findLedgerLines(this.readStore, scope, period);
    return { entries: lines.map(entryViewOf), totals: totalsOf(lines), totalsByCabinet: totalsByCabinetOf(lines) };
  }
}
