import type { ReadStore } from '@osteo/read-store';
import type { LedgerLine } from '../../domain/ledger-line';

/**
 * The ledger read model: one document per line, `_id` the entry id. Lines are written once
 * (`$setOnInsert`) and never changed, like the paper livre-journal they stand for.
 */
export const LEDGER_ENTRIES = 'accounting_ledger_entries';

export type LedgerEntryDocument = LedgerLine & { readonly _id: string };

export async function ensureLedgerEntryIndexes(readStore: ReadStore): Promise<void> {
  const entries = readStore.collection<LedgerEntryDocument>(LEDGER_ENTRIES);
  await entries.createIndex({ keys: { holderId: 1, date: 1, orderingKey: 1 } });
  await entries.createIndex({ keys: { holderId: 1, cabinetId: 1, date: 1 } });
}
