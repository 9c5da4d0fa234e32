import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Topics } from '@osteo/contracts';
import { EventStore } from '@osteo/event-sourcing';
import { type BusSubscription, EventBus } from '@osteo/messaging';
import { EventFlowMetrics } from '@osteo/platform';
import { ReadStore } from '@osteo/read-store';
import { ensureConsultationLedgerIndexes } from './consultation-ledgers.projection';
import { ensureLedgerEntryIndexes } from './ledger-entries';
import { LedgerProjection } from './ledger-projection';

/** The ledger's own consumer group: its offsets are independent of the other read models'. */
const LEDGER_CONSUMER_GROUP = 'accounting.ledger';
const LEDGER_TOPICS = [Topics.records, Topics.accounting];

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
export class LedgerFactsReactor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly projection: LedgerProjection;
  private subscription: BusSubscription | null = null;

  constructor(
    private readonly bus: EventBus,
    private readonly readStore: ReadStore,
    private readonly metrics: EventFlowMetrics,
    store: EventStore,
  ) {
    this.projection = new LedgerProjection(readStore, store);
  }

  async onApplicationBootstrap(): Promise<void> {
    await ensureLedgerEntryIndexes(this.readStore);
    await ensureConsultationLedgerIndexes(this.readStore);
    // The money path: its backlog and staleness are exposed like the read models' (consumer_lag, projection_last_applied_timestamp_seconds).
    this.metrics.watchConsumerGroup({ groupId: LEDGER_CONSUMER_GROUP, topics: LEDGER_TOPICS });
    const applied = (occurredAt: string) => this.metrics.projectionApplied(LEDGER_CONSUMER_GROUP, occurredAt);
    this.subscription = await this.bus.subscribe({
      groupId: LEDGER_CONSUMER_GROUP,
      topics: LEDGER_TOPICS,
      handle: async ({ envelope }) => {
        await this.projection.apply(envelope);
        applied(envelope.occurredAt);
      },
      handleBatch: async (messages) => {
        await this.projection.applyRun(messages.map(({ envelope }) => envelope));
        applied(messages[messages.length - 1].envelope.occurredAt);
      },
    });
  }

  /** Before the stores close (on application shutdown), so no delivery runs against a closed store. */
  async onModuleDestroy(): Promise<void> {
    await this.subscription?.close();
  }
}
