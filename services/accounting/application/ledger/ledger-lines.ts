import type { Filter, ReadStore } from '@osteo/read-store';
import type { LedgerLine } from '../../domain/ledger-line';
import type { Translate } from '../ledger-language/ledger-catalog';
import { ledgerLabelOf } from '../ledger-language/ledger-labels';
import { LEDGER_ENTRIES, type LedgerEntryDocument } from '../ledger-projection/ledger-entries';

/** What the caller may see of one ledger: its holder, and every cabinet or only some. */
export type LedgerScope = {
  readonly holderId: string;
  readonly cabinetIds: ReadonlySet<string> | 'all';
};

/** Calendar days, both inclusive; either end may be open. */
export type Period = { readonly from?: string; readonly to?: string };

/** A line as clients see it (PRODUCT.md, "Shapes that clients rely on"), labelled in the reader's language. */
export type LedgerEntryView = Omit<LedgerLine, 'holderId' | 'recordedAt' | 'orderingKey' | 'label'> & { readonly label: string };

export const entryViewOf = (line: LedgerLine, t: Translate): LedgerEntryView => {
  const { holderId: _holder, recordedAt: _recordedAt, orderingKey: _orderingKey, label: _stored, ...view } = line;
  return { ...view, label: ledgerLabelOf(line, t) };
};

/** The lines of the scope in the period, in ledger order: by date, then as they were written. */
export async function findLedgerLines(readStore: ReadStore, scope: LedgerScope, period: Period): Promise<LedgerLine[]> {
  const documents = await readStore
    .collection<LedgerEntryDocument>(LEDGER_ENTRIES)
    .find({ holderId: scope.holderId, ...cabinetsAndPeriodFilter(scope, period) }, { sort: { date: 1, orderingKey: 1 } });
  return documents.map(({ _id, ...line }) => line);
}

/** The scope's cabinets and the period, on documents that have a `cabinetId` and a `date`. */
export function cabinetsAndPeriodFilter(scope: LedgerScope, period: Period): Filter {
  const dates = { ...(period.from !== undefined && { $gte: period.from }), ...(period.to !== undefined && { $lte: period.to }) };
  return {
    ...(scope.cabinetIds !== 'all' && { cabinetId: { $in: [...scope.cabinetIds] } }),
    ...(Object.keys(dates).length > 0 && { date: dates }),
  };
}
