import { Injectable } from '@nestjs/common';
import { AccessReader } from '@osteo/auth';
import { ReadStore } from '@osteo/read-store';
import { type LedgerTotals, totalsByCabinetOf, totalsOf } from '../../domain/ledger-totals';
import { AccountNames } from '../account-names/account-names';
import { entryViewOf, findLedgerLines, type LedgerEntryView, type LedgerScope, type Period } from '../ledger/ledger-lines';
import { readRetrocessionSummary, type RetrocessionSummaryRow, type YearRange } from '../ledger/retrocession-summaries';

/**
 * Everything an export shows, whatever its format: the lines of the scope in the period with
 * the names a reader needs (cabinets, counterparties), the totals, and the yearly
 * retrocession summary of the years the period touches.
 */
export type LedgerStatement = {
  readonly holder: { readonly accountId: string; readonly name: string };
  readonly period: Period;
  /** The cabinets whose lines are shown: every one for the holder without a filter, else those of the scope. */
  readonly cabinets: readonly { readonly cabinetId: string; readonly name: string }[] | 'all';
  readonly lines: (LedgerEntryView & { readonly cabinetName: string; readonly counterpartyName?: string })[];
  readonly totals: LedgerTotals;
  readonly totalsByCabinet: (LedgerTotals & { readonly cabinetId: string; readonly cabinetName: string })[];
  readonly retrocessions: RetrocessionSummaryRow[];
  /** ISO-8601. */
  readonly printedAt: string;
};

@Injectable()
export class LedgerStatementQuery {
  constructor(
    private readonly readStore: ReadStore,
    private readonly accessReader: AccessReader,
    private readonly accountNames: AccountNames,
  ) {}

  async execute(scope: LedgerScope, period: Period, now: Date): Promise<LedgerStatement> {
    const lines = await findLedgerLines(this.readStore, scope, period);
    const scopeCabinetIds = scope.cabinetIds === 'all' ? [] : [...scope.cabinetIds].sort();
    const cabinetNames = await this.cabinetNamesOf([...lines.map((line) => line.cabinetId), ...scopeCabinetIds]);
    const accountNames = await this.accountNames.namesOf([scope.holderId, ...lines.flatMap((line) => line.counterpartyAccountId ?? [])]);
    const cabinetName = (cabinetId: string): string => cabinetNames.get(cabinetId) ?? cabinetId;
    return {
      holder: { accountId: scope.holderId, name: accountNames.get(scope.holderId) ?? scope.holderId },
      period,
      cabinets: scope.cabinetIds === 'all' ? 'all' : scopeCabinetIds.map((cabinetId) => ({ cabinetId, name: cabinetName(cabinetId) })),
      lines: lines.map((line) => ({
        ...entryViewOf(line),
        cabinetName: cabinetName(line.cabinetId),
        ...(line.counterpartyAccountId !== undefined && { counterpartyName: accountNames.get(line.counterpartyAccountId) }),
      })),
      totals: totalsOf(lines),
      totalsByCabinet: totalsByCabinetOf(lines).map((totals) => ({ ...totals, cabinetName: cabinetName(totals.cabinetId) })),
      retrocessions: await readRetrocessionSummary(this.readStore, this.accountNames, scope, yearsTouchedBy(period)),
      printedAt: now.toISOString(),
    };
  }

  private async cabinetNamesOf(cabinetIds: readonly string[]): Promise<ReadonlyMap<string, string>> {
    const names = new Map<string, string>();
    for (const cabinetId of new Set(cabinetIds)) {
      const cabinet = await this.accessReader.cabinet(cabinetId);
      if (cabinet) names.set(cabinetId, cabinet.name);
    }
    return names;
  }
}

/** Whole years: a summary row of a year is that year's figure, never a part of it. */
function yearsTouchedBy(period: Period): YearRange {
  return {
    ...(period.from !== undefined && { from: Number(period.from.slice(0, 4)) }),
    ...(period.to !== undefined && { to: Number(period.to.slice(0, 4)) }),
  };
}
