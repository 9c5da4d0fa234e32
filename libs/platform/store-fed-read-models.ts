import type { IntegrationEnvelope } from '@osteo/contracts';
import { EventStore, type RecordedEvent, type StoreSubscription } from '@osteo/event-sourcing';
import { DocumentProjection, ProjectionRunner, ProjectionWriteGate, collectionsChangedBy, integrationEnvelopeOf } from '@osteo/messaging';
import type { ReadDocument, ReadStore } from '@osteo/read-store';
import { ReadStoreCheckpointStore } from './read-store-checkpoint-store';

const POLL_EVERY_MS = 20;
/** Past it `caughtUp` fails and its caller is retried (a bus handler, with backoff): a stalled feed is no reason to hang. */
const CATCH_UP_TIMEOUT_MS = 30_000;
/** Most stored events in one run, when the feed does not count the documents a run changes. */
const DEFAULT_MAX_RUN = 1_000;
/**
 * Read models count the documents a run changes instead: a backlog goes in runs this long, so the
 * more a feed is behind, the more events each document write folds in (a patient's consultations,
 * 40 to a document). Bounded because a rebuild's hold waits for the run in flight (30 s across
 * instances): 1 000 documents take about 4 to 16 s on FerretDB, 4 ms for an 8 KB one remembered from
 * the previous run and written in a batch, 16 ms read and written alone.
 */
const READ_MODEL_MAX_RUN_DOCUMENTS = 1_000;
/** And at most this many events, which only memory bounds. */
const READ_MODEL_MAX_RUN = 10_000;

interface PendingEvent {
  readonly event: RecordedEvent;
  readonly documents: readonly string[];
}

export interface StoreRunFeedOptions {
  readonly store: EventStore;
  /** Where the checkpoint is kept, beside the documents it vouches for. */
  readonly readStore: ReadStore;
  /** The checkpoint's name. */
  readonly checkpoint: string;
  /**
   * Applies stored events in commit order, run after run, never two at once; the checkpoint moves
   * past a run once this resolved. A rejection stops the feed and is rethrown as an uncaught
   * exception: read models that stopped following the store unnoticed would go stale.
   */
  readonly applyRun: (events: readonly RecordedEvent[]) => Promise<void>;
  /** Most events in one run. */
  readonly maxRun?: number;
  /** With `documentsOf`: a run ends before the event that would make it change more documents than this. */
  readonly maxRunDocuments?: number;
  /** The documents an event changes (any keys unique across the feed's collections). */
  readonly documentsOf?: (event: RecordedEvent) => readonly string[];
}

/**
 * A service's own event store, handed out in runs: the subscription reads ahead (SQLite reads
 * pages of 500) into a queue, and every event queued when the previous run ended forms the next
 * run, up to `maxRun` events or `maxRunDocuments` documents changed. Past that the subscription
 * waits: reading further ahead would only grow memory. Events read but not in a checkpointed run are read again after a restart.
 */
export class StoreRunFeed {
  private readonly checkpoints: ReadStoreCheckpointStore;
  private readonly maxRun: number;
  /** Read, in commit order, not applied yet, each with the documents it changes (asked of `documentsOf` once). */
  private readonly pending: PendingEvent[] = [];
  /** How many pending events change each document: its size is how many documents they change. */
  private readonly pendingDocuments = new Map<string, number>();
  private subscription: StoreSubscription | null = null;
  private applied: string | null = null;
  private applying = false;
  private applyingRuns: Promise<void> = Promise.resolve();
  private runScheduled = false;
  private stopping = false;
  private failed = false;

  constructor(private readonly options: StoreRunFeedOptions) {
    this.checkpoints = new ReadStoreCheckpointStore(options.readStore);
    this.maxRun = options.maxRun ?? DEFAULT_MAX_RUN;
  }

  /** The position of the last event applied; null before the first. */
  get position(): string | null {
    return this.applied;
  }

  async start(): Promise<void> {
    this.applied = await this.checkpoints.load(this.options.checkpoint);
    this.subscription = this.options.store.subscribeToAll({ after: this.applied ?? undefined, onEvent: (event) => this.accept(event) });
  }

  /** Stops reading and waits for the run in progress to be applied and checkpointed. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.subscription?.close();
    await this.applyingRuns;
  }

  private async accept(event: RecordedEvent): Promise<void> {
    if (this.failed) return;
    const documents = this.options.documentsOf?.(event) ?? [];
    this.pending.push({ event, documents });
    for (const document of documents) this.pendingDocuments.set(document, (this.pendingDocuments.get(document) ?? 0) + 1);
    if (this.pending.length >= this.maxRun || this.pendingDocuments.size >= (this.options.maxRunDocuments ?? Infinity)) await this.applyPending();
    else this.scheduleRun();
  }

  /** On the next turn of the event loop, so the rest of a page read from the store joins the run. */
  private scheduleRun(): void {
    if (this.runScheduled) return;
    this.runScheduled = true;
    setImmediate(() => {
      this.runScheduled = false;
      void this.applyPending();
    });
  }

  private applyPending(): Promise<void> {
    if (!this.applying) {
      this.applying = true;
      this.applyingRuns = this.applyUntilNothingPending();
    }
    return this.applyingRuns;
  }

  private async applyUntilNothingPending(): Promise<void> {
    // The last check of `pending` and the reset of `applying` happen with no await in between,
    // so an event accepted meanwhile always finds runs in progress to join or starts them.
    try {
      while (this.pending.length > 0 && !this.stopping && !this.failed) {
        const run = this.nextRun();
        await this.options.applyRun(run.map(({ event }) => event));
        const { position } = run[run.length - 1]!.event;
        // Only once the run's writes are acknowledged: a crash before this line applies the run again, and the guards make that harmless.
        await this.checkpoints.save(this.options.checkpoint, position);
        this.applied = position;
        this.pending.splice(0, run.length);
        for (const document of run.flatMap(({ documents }) => documents)) {
          const left = this.pendingDocuments.get(document)! - 1;
          if (left === 0) this.pendingDocuments.delete(document);
          else this.pendingDocuments.set(document, left);
        }
      }
    } catch (error) {
      this.fail(error);
    } finally {
      this.applying = false;
    }
  }

  /** The pending events from the first, up to `maxRun` events or `maxRunDocuments` documents (one event at least). */
  private nextRun(): PendingEvent[] {
    const { maxRunDocuments } = this.options;
    if (maxRunDocuments === undefined) return this.pending.slice(0, this.maxRun);
    const documents = new Set<string>();
    let end = 0;
    while (end < this.pending.length && end < this.maxRun) {
      const changed = this.pending[end]!.documents.filter((document) => !documents.has(document));
      if (end > 0 && documents.size + changed.length > maxRunDocuments) break;
      for (const document of changed) documents.add(document);
      end++;
    }
    return this.pending.slice(0, end);
  }

  private fail(error: unknown): void {
    this.failed = true;
    this.pending.length = 0;
    this.pendingDocuments.clear();
    // Not awaited: this may run inside the subscription's own delivery, which close() waits for.
    void this.subscription?.close();
    queueMicrotask(() => {
      throw error;
    });
  }
}

/**
 * Read models a service feeds from its own event store instead of the bus: what they hold must
 * not leave the service (the bus is Kafka), and a write beside the append would be lost on a crash
 * between the two. In commit order, in runs (StoreRunFeed): each run goes through the rebuild's
 * write gate and the ProjectionRunner, one compare-and-set write per document it changes, in
 * batches, read first unless the previous run wrote it (applyDocumentProjectionRun), then its
 * checkpoint, which lives in the read store beside the documents, so both are equally durable.
 */
export class StoreFedReadModels {
  private readonly feed: StoreRunFeed;

  constructor(
    private readonly store: EventStore,
    readStore: ReadStore,
    gate: ProjectionWriteGate,
    private readonly checkpoint: string,
    projections: readonly DocumentProjection<ReadDocument>[],
    options: { readonly maxRun?: number; readonly maxRunDocuments?: number } = {},
  ) {
    // The only writer of these documents in this process, and at most a few others elsewhere: each run's documents are
    // remembered for the next, which then need not read them.
    const runner = new ProjectionRunner(readStore, projections, { rememberWrites: true });
    this.feed = new StoreRunFeed({
      store,
      readStore,
      checkpoint,
      maxRun: options.maxRun ?? READ_MODEL_MAX_RUN,
      maxRunDocuments: options.maxRunDocuments ?? READ_MODEL_MAX_RUN_DOCUMENTS,
      documentsOf: (event) => documentsChangedBy(asPrivateEnvelope(event), projections),
      applyRun: async (events) => {
        const envelopes = events.map(asPrivateEnvelope);
        const collections = [...new Set(envelopes.flatMap((envelope) => collectionsChangedBy(envelope.type, projections)))];
        if (collections.length > 0) await gate.pass(collections, () => runner.applyRun(envelopes));
      },
    });
  }

  start(): Promise<void> {
    return this.feed.start();
  }

  stop(): Promise<void> {
    return this.feed.stop();
  }

  /** Resolves once every event in the store when called has been applied. */
  async caughtUp(): Promise<void> {
    const giveUpAt = Date.now() + CATCH_UP_TIMEOUT_MS;
    for (;;) {
      const [unapplied] = await this.store.readAll({ after: this.feed.position ?? undefined, maxCount: 1 });
      if (unapplied === undefined) return;
      const waitingFor = this.feed.position;
      while (this.feed.position === waitingFor) {
        if (Date.now() > giveUpAt) throw new Error(`the read models of ${this.checkpoint} have not applied ${unapplied.position} within ${CATCH_UP_TIMEOUT_MS} ms`);
        await new Promise((resolve) => setTimeout(resolve, POLL_EVERY_MS));
      }
    }
  }
}

/** `<collection>/<_id>` of each document the projections change for this envelope. */
function documentsChangedBy(envelope: IntegrationEnvelope, projections: readonly DocumentProjection<ReadDocument>[]): string[] {
  return projections.flatMap((projection) => {
    if (!projection.handles.includes(envelope.type)) return [];
    const documentId = projection.documentId(envelope);
    return documentId === null ? [] : [`${projection.collection}/${documentId}`];
  });
}

/** A stored event in the envelope shape ProjectionRunner reads; handed to the runner and to nothing else. */
export function asPrivateEnvelope(recorded: RecordedEvent): IntegrationEnvelope {
  return integrationEnvelopeOf(recorded, recorded.type, recorded.data);
}
