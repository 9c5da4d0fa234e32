import { Injectable } from '@nestjs/common';
import { AccessReader } from '@osteo/auth';
import { ReadStore } from '@osteo/read-store';
import { type LedgerTotals, totalsByCabinetOf, totalsOf } from '../../domain/ledger-line';
import { AccountNames } from '../account-names/account-names';
import { findLedgerLines, type LedgerScope, type Period } from '../ledger-projection/ledger-entries';
import { entryViewOf, type LedgerEntryView } from '../list-ledger-entries/list-ledger-entries.query';
import { RetrocessionSummaryQuery, type RetrocessionSummaryRow, type YearRange } from '../retrocession-summary/retrocession-summary.query';

/**
 * Everything an export shows, whatever its format: the lines of the scope in the period with
 * the names a reader needs (practices, counterparties), the totals, and the yearly
 * retrocession summary of the years the period touches.
 */
export type LedgerStatement = {
  readonly holder: { readonly accountId: string; readonly name: string };
  readonly period: Period;
  /** The practices whose lines are shown: every one for the holder without a filter, else those of the scope. */
  readonly practices: readonly { readonly cabinetId: string; readonly name: string }[] | 'all';
  readonly lines: (LedgerEntryView & { readonly practiceName: string; readonly counterpartyName?: string })[];
  readonly totals: LedgerTotals;
  readonly totalsByCabinet: (LedgerTotals & { readonly cabinetId: string; readonly practiceName: string })[];
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
    private readonly retrocessionSummary: RetrocessionSummaryQuery,
  ) {}

  async execute(scope: LedgerScope, period: Period, now: Date): Promise<LedgerStatement> {
    const lines = await findLedgerLines(this.readStore, scope, period);
    const scopeCabinetIds = scope.cabinetIds === 'all' ? [] : [...scope.cabinetIds].sort();
    const practiceNames = await this.practiceNamesOf([...lines.map((line) => line.cabinetId), ...scopeCabinetIds]);
    const accountNames = await this.accountNames.namesOf([scope.holderId, ...lines.flatMap((line) => line.counterpartyAccountId ?? [])]);
    const practiceName = (cabinetId: string): string => practiceNames.get(cabinetId) ?? cabinetId;
    return {
      holder: { accountId: scope.holderId, name: accountNames.get(scope.holderId) ?? scope.holderId },
      period,
      practices: scope.cabinetIds === 'all' ? 'all' : scopeCabinetIds.map((cabinetId) => ({ cabinetId, name: practiceName(cabinetId) })),
      lines: lines.map((line) => ({
        ...entryViewOf(line),
        practiceName: practiceName(line.cabinetId),
        ...(line.counterpartyAccountId !== undefined && { counterpartyName: accountNames.get(line.counterpartyAccountId) }),
      })),
      totals: totalsOf(lines),
      totalsByCabinet: totalsByCabinetOf(lines).map((totals) => ({ ...totals, practiceName: practiceName(totals.cabinetId) })),
      retrocessions: await this.retrocessionSummary.execute(scope, yearsTouchedBy(period)),
      printedAt: now.toISOString(),
    };
  }

  private async practiceNamesOf(cabinetIds: readonly string[]): Promise<ReadonlyMap<string, string>> {
    const names = new Map<string, string>();
    for (const cabinetId of new Set(cabinetIds)) {
      const practice = await this.accessReader.practice(cabinetId);
      if (practice) names.set(cabinetId, practice.name);
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
