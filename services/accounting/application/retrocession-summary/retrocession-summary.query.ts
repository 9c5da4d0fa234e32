import { Injectable } from '@nestjs/common';
import { ReadStore } from '@osteo/read-store';
import { AccountNames } from '../account-names/account-names';
import type { LedgerScope } from '../ledger/ledger-lines';
import { readRetrocessionSummary, type RetrocessionSummaryRow, type YearRange } from '../ledger/retrocession-summaries';

/** GET /ledgers/:accountId/retrocession-summary: what the holder paid each substitute, per year. */
@Injectable()
export class RetrocessionSummaryQuery {
  constructor(
    private readonly readStore: ReadStore,
    private readonly accountNames: AccountNames,
  ) {}

  execute(scope: LedgerScope, years: YearRange): Promise<RetrocessionSummaryRow[]> {
    return readRetrocessionSummary(this.readStore, this.accountNames, scope, years);
  }
}
