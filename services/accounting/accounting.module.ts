import { Module } from '@nestjs/common';
import { AccessCheck, AccessReader, accessProjections } from '@osteo/auth';
import { Topics } from '@osteo/contracts';
import { Clock, ServiceInfrastructureModule, SystemClock } from '@osteo/platform';
import { ReadStore } from '@osteo/read-store';
import { AccountNames, accountNamesProjection } from './application/account-names/account-names';
import { LedgerStatementQuery } from './application/export-ledger/ledger-statement.query';
import { LedgerScopes } from './application/ledger/ledger-scopes';
import { ListLedgerEntriesQuery } from './application/list-ledger-entries/list-ledger-entries.query';
import { toAccountingPublicEvent } from './application/publishing/accounting-public-events';
import { RecordManualEntryHandler } from './application/record-manual-entry/record-manual-entry.handler';
import { RetrocessionSummaryQuery } from './application/retrocession-summary/retrocession-summary.query';
import { LedgerFactsConsumer } from './interface/ledger-facts.consumer';
import { LedgersController } from './interface/ledgers.controller';

/**
 * One ledger per account: lines from completed consultations (records.events), manual entries
 * by the holder (its own store, published on accounting.events and projected like any other
 * reader would), totals, exports and the yearly retrocession summary.
 */
@Module({
  imports: [
    ServiceInfrastructureModule.forService({
      name: 'accounting',
      publishes: { topic: Topics.accounting, toIntegrationEvent: toAccountingPublicEvent },
      projections: { topics: [Topics.access, Topics.identity], projections: [...accessProjections, accountNamesProjection] },
    }),
  ],
  controllers: [LedgersController],
  providers: [
    { provide: Clock, useClass: SystemClock },
    { provide: AccessReader, inject: [ReadStore], useFactory: (readStore: ReadStore) => new AccessReader(readStore) },
    AccessCheck,
    AccountNames,
    LedgerScopes,
    RecordManualEntryHandler,
    ListLedgerEntriesQuery,
    RetrocessionSummaryQuery,
    LedgerStatementQuery,
    LedgerFactsConsumer,
  ],
})
export class AccountingModule {}
