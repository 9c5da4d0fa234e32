import type { Filter, ReadStore } from '@osteo/read-store';
import type { LedgerLine } from '../../domain/ledger-line';

/**
 * The ledger read model: one document per line, `_id` the entry id. Lines are written once
 * (`$setOnInsert`) and never changed, like the paper livre-journal they stand for.
 */
export const LEDGER_ENTRIES = 'accounting_ledger_entries';

export type LedgerEntryDocument = LedgerLine & { readonly _id: string };

/** What the caller may see of one ledger: its holder, and every cabinet or only some. */
export type LedgerScope = {
  readonly holderId: string;
  readonly cabinetIds: ReadonlySet<string> | 'all';
};

/** Calendar days, both inclusive; either end may be open. */
export type Period = { readonly from?: string; readonly to?: string };

export async function ensureLedgerEntryIndexes(readStore: ReadStore): Promise<void> {
  const entries = readStore.collection<LedgerEntryDocument>(LEDGER_ENTRIES);
  await entries.createIndex({ keys: { holderId: 1, date: 1, orderingKey: 1 } });
  await entries.createIndex({ keys: { holderId: 1, cabinetId: 1, date: 1 } });
}

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
