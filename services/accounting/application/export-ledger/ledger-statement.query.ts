import { Injectable } from '@nestjs/common';
import { AccessReader } from '@osteo/auth';
import { ReadStore } from '@osteo/read-store';
import { breakdownByCabinetOf, breakdownOf, type LedgerBreakdown } from '../../domain/ledger-totals';
import { AccountNames } from '../account-names/account-names';
import { type ReaderLanguage, translatorFor } from '../ledger-language/ledger-catalog';
import { entryViewOf, findLedgerLines, type LedgerEntryView, type LedgerScope, type Period } from '../ledger/ledger-lines';
import { readRetrocessionSummary, type RetrocessionSummaryRow, type YearRange } from '../ledger/retrocession-summaries';
import { type YearFigures, YearlySummaryQuery } from '../yearly-summary/yearly-summary.query';

/** Who and what an export is about, printed in its heading and its file name. */
export type StatementHeading = {
  readonly language: ReaderLanguage;
  readonly holder: { readonly accountId: string; readonly name: string };
  readonly period: Period;
  /** The cabinets whose lines are shown: every one for the holder without a filter, else those of the scope. */
  readonly cabinets: readonly { readonly cabinetId: string; readonly name: string }[] | 'all';
  /** ISO-8601. */
  readonly printedAt: string;
};

/**
 * Everything the period's exports show, whatever the report and format: the lines with the
 * names a reader needs (cabinets, counterparties) and their labels in the reader's language,
 * the figures net of corrections overall and per cabinet, and the yearly retrocession summary
 * of the years the period touches.
 */
export type LedgerStatement = StatementHeading & {
  readonly lines: (LedgerEntryView & { readonly cabinetName: string; readonly counterpartyName?: string })[];
  readonly breakdown: LedgerBreakdown;
  readonly breakdownByCabinet: (LedgerBreakdown & { readonly cabinetId: string; readonly cabinetName: string })[];
  readonly retrocessions: RetrocessionSummaryRow[];
};

/** One year as GET …/yearly-summary answers it, with the names its export prints. */
export type YearlyStatement = StatementHeading & {
  readonly year: number;
  readonly allCabinets: YearFigures;
  readonly byCabinet: (YearFigures & { readonly cabinetId: string; readonly cabinetName: string })[];
  readonly das2: RetrocessionSummaryRow[];
};

@Injectable()
export class LedgerStatementQuery {
  constructor(
    private readonly readStore: ReadStore,
    private readonly accessReader: AccessReader,
    private readonly accountNames: AccountNames,
    private readonly yearlySummaries: YearlySummaryQuery,
  ) {}

  async execute(scope: LedgerScope, period: Period, language: ReaderLanguage, now: Date): Promise<LedgerStatement> {
    const lines = await findLedgerLines(this.readStore, scope, period);
    const t = translatorFor(language);
    const names = await this.namesOf(scope, lines.map((line) => line.cabinetId), lines.flatMap((line) => line.counterpartyAccountId ?? []));
    return {
      ...this.headingOf(scope, period, language, now, names),
      lines: lines.map((line) => ({
        ...entryViewOf(line, t),
        cabinetName: names.cabinet(line.cabinetId),
        ...(line.counterpartyAccountId !== undefined && { counterpartyName: names.account(line.counterpartyAccountId) }),
      })),
      breakdown: breakdownOf(lines),
      breakdownByCabinet: breakdownByCabinetOf(lines).map((figures) => ({ ...figures, cabinetName: names.cabinet(figures.cabinetId) })),
      retrocessions: await readRetrocessionSummary(this.readStore, this.accountNames, scope, yearsTouchedBy(period)),
    };
  }

  async yearly(scope: LedgerScope, year: number, cabinetId: string | null, language: ReaderLanguage, now: Date): Promise<YearlyStatement> {
    const summary = await this.yearlySummaries.execute(scope, year, cabinetId);
    const names = await this.namesOf(scope, summary.cabinets.map((cabinet) => cabinet.cabinetId), []);
    return {
      ...this.headingOf(scope, { from: `${year}-01-01`, to: `${year}-12-31` }, language, now, names),
      year,
      allCabinets: summary.allCabinets,
      byCabinet: summary.cabinets.map((figures) => ({ ...figures, cabinetName: names.cabinet(figures.cabinetId) })),
      das2: summary.das2,
    };
  }

  private headingOf(scope: LedgerScope, period: Period, language: ReaderLanguage, now: Date, names: Names): StatementHeading {
    return {
      language,
      holder: { accountId: scope.holderId, name: names.account(scope.holderId) },
      period,
      cabinets: scope.cabinetIds === 'all' ? 'all' : [...scope.cabinetIds].sort().map((cabinetId) => ({ cabinetId, name: names.cabinet(cabinetId) })),
      printedAt: now.toISOString(),
    };
  }

  /** The names of the cabinets and accounts shown; an id where a name is not known (yet). */
  private async namesOf(scope: LedgerScope, cabinetIds: readonly string[], accountIds: readonly string[]): Promise<Names> {
    const cabinetNames = new Map<string, string>();
    for (const cabinetId of new Set([...cabinetIds, ...(scope.cabinetIds === 'all' ? [] : scope.cabinetIds)])) {
      const cabinet = await this.accessReader.cabinet(cabinetId);
      if (cabinet) cabinetNames.set(cabinetId, cabinet.name);
    }
    const accountNames = await this.accountNames.namesOf([scope.holderId, ...accountIds]);
    return {
      cabinet: (cabinetId) => cabinetNames.get(cabinetId) ?? cabinetId,
      account: (accountId) => accountNames.get(accountId) ?? accountId,
    };
  }
}

type Names = { readonly cabinet: (cabinetId: string) => string; readonly account: (accountId: string) => string };

/** Whole years: a summary row of a year is that year's figure, never a part of it. */
function yearsTouchedBy(period: Period): YearRange {
  return {
    ...(period.from !== undefined && { from: Number(period.from.slice(0, 4)) }),
    ...(period.to !== undefined && { to: Number(period.to.slice(0, 4)) }),
  };
}
