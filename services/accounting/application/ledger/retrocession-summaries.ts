import type { ReadStore } from '@osteo/read-store';
import type { AccountNames } from '../account-names/account-names';
import { CONSULTATION_LEDGERS, type ConsultationLedgerDocument } from '../ledger-projection/consultation-ledgers.projection';
import { cabinetsAndPeriodFilter, type LedgerScope } from './ledger-lines';

/** What an owner paid one substitute in one year: the figures the owner reports for the DAS2. */
export type RetrocessionSummaryRow = {
  readonly year: number;
  readonly substituteAccountId: string;
  readonly substituteName: string;
  readonly consultationCount: number;
  /** The fees of the substitute's consultations, as corrected; deleted consultations left out. */
  readonly feesCents: number;
  readonly retrocededCents: number;
};

/** Calendar years, both inclusive; either end may be open. */
export type YearRange = { readonly from?: number; readonly to?: number };

/**
 * The retrocessions of the scope's holder as an owner, per year and substitute, from each
 * consultation's current terms. Its totals equal those of the holder's retrocession lines and
 * their counter-entries, which are dated like the consultation.
 */
export async function readRetrocessionSummary(readStore: ReadStore, accountNames: AccountNames, scope: LedgerScope, years: YearRange): Promise<RetrocessionSummaryRow[]> {
  const period = { ...(years.from !== undefined && { from: `${years.from}-01-01` }), ...(years.to !== undefined && { to: `${years.to}-12-31` }) };
  const consultations = await readStore.collection<ConsultationLedgerDocument>(CONSULTATION_LEDGERS).find({
    ownerId: scope.holderId,
    practitionerRole: 'substitute',
    status: 'live',
    ...cabinetsAndPeriodFilter(scope, period),
  });
  const rows = new Map<string, { year: number; substituteAccountId: string; consultationCount: number; feesCents: number; retrocededCents: number }>();
  for (const consultation of consultations) {
    const year = Number(consultation.date.slice(0, 4));
    const key = `${year}|${consultation.practitionerId}`;
    const row = rows.get(key) ?? { year, substituteAccountId: consultation.practitionerId, consultationCount: 0, feesCents: 0, retrocededCents: 0 };
    row.consultationCount += 1;
    row.feesCents += consultation.feeCents;
    row.retrocededCents += consultation.retrocededCents;
    rows.set(key, row);
  }
  const names = await accountNames.namesOf([...rows.values()].map((row) => row.substituteAccountId));
  return [...rows.values()]
    .map((row) => ({ ...row, substituteName: names.get(row.substituteAccountId) ?? row.substituteAccountId }))
    .sort((left, right) => left.year - right.year || left.substituteName.localeCompare(right.substituteName) || left.substituteAccountId.localeCompare(right.substituteAccountId));
}
