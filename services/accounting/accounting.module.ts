import { Module } from '@nestjs/common';
import { Topics } from '@osteo/contracts';
import { AccessModule, ServiceInfrastructureModule } from '@osteo/platform';
import { AccountNames, accountNamesProjection } from './application/account-names/account-names';
import { LedgerStatementQuery } from './application/export-ledger/ledger-statement.query';
import { LedgerScopes } from './application/ledger/ledger-scopes';
import { LedgerFactsReactor } from './application/ledger-projection/ledger-facts.reactor';
import { ListLedgerEntriesQuery } from './application/list-ledger-entries/list-ledger-entries.query';
import { toAccountingPublicEvent } from './application/publishing/accounting-public-events';
import { RecordManualEntryHandler } from './application/record-manual-entry/record-manual-entry.handler';
import { RetrocessionSummaryQuery } from './application/retrocession-summary/retrocession-summary.query';
import { YearlySummaryQuery } from './application/yearly-summary/yearly-summary.query';
import { LedgersController } from './interface/ledgers.controller';

const infrastructure = ServiceInfrastructureModule.forService({
  name: 'accounting',
  publishes: { topic: Topics.accounting, toIntegrationEvent: toAccountingPublicEvent },
  projections: { topics: [Topics.identity], projections: [accountNamesProjection] },
});

/**
 * One ledger per account: lines from completed consultations (records.events), manual entries
 * by the holder (its own store, published on accounting.events and projected like any other
 * reader would), totals, exports and the yearly retrocession summary.
 */
@Module({
  imports: [infrastructure, AccessModule.over(infrastructure)],
  controllers: [LedgersController],
  providers: [
    AccountNames,
    LedgerScopes,
    RecordManualEntryHandler,
    ListLedgerEntriesQuery,
    RetrocessionSummaryQuery,
    YearlySummaryQuery,
    LedgerStatementQuery,
    LedgerFactsReactor,
  ],
})
export class AccountingModule {}
