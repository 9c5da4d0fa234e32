import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Topics } from '@osteo/contracts';
import { type BusSubscription, EventBus } from '@osteo/messaging';
import { ReadStore } from '@osteo/read-store';
import { ensureConsultationLedgerIndexes } from '../application/ledger-projection/consultation-ledgers.projection';
import { ensureLedgerEntryIndexes } from '../application/ledger-projection/ledger-entries';
import { LedgerProjection } from '../application/ledger-projection/ledger-projection';

/** The ledger's own consumer group: its offsets are independent of the other read models'. */
const LEDGER_CONSUMER_GROUP = 'accounting.ledger';

/**
 * Feeds the ledger projection from completed, corrected and deleted consultations
 * (records.events) and from the holders' manual entries (accounting.events). A new group starts
 * at the beginning of each topic, so the in-memory read model of the embedded profile is
 * rebuilt at every start. An envelope of a version accounting does not understand, or one that
 * breaks its contract, throws an UnprocessableMessageError: the bus moves it to the dead-letter
 * topic with the reason, and every ledger behind it goes on. A backlog comes in runs, written
 * together (LedgerProjection.applyRun); a run holding such an envelope is applied one by one.
 */
@Injectable()
export class LedgerFactsConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly projection: LedgerProjection;
  private subscription: BusSubscription | null = null;

  constructor(
    private readonly bus: EventBus,
    private readonly readStore: ReadStore,
  ) {
    this.projection = new LedgerProjection(readStore);
  }

  async onApplicationBootstrap(): Promise<void> {
    await ensureLedgerEntryIndexes(this.readStore);
    await ensureConsultationLedgerIndexes(this.readStore);
    this.subscription = await this.bus.subscribe({
      groupId: LEDGER_CONSUMER_GROUP,
      topics: [Topics.records, Topics.accounting],
      handle: ({ envelope }) => this.projection.apply(envelope),
      handleBatch: (messages) => this.projection.applyRun(messages.map(({ envelope }) => envelope)),
    });
  }

  /** Before the stores close (on application shutdown), so no delivery runs against a closed store. */
  async onModuleDestroy(): Promise<void> {
    await this.subscription?.close();
  }
}
