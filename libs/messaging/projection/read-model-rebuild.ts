/**
 * Rebuilds one projection's read model from the service's own store while the service serves it:
 * folded in memory, written to a shadow collection, caught up, then renamed onto the live one
 * under the write gate, so readers see the old model until they see the whole new one. The steps,
 * and why they lose no event: docs/adr/0002-rebuild-gate.md.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { IntegrationEnvelope } from '@osteo/contracts';
import type { EventStore, RecordedEvent } from '@osteo/event-sourcing';
import type { ReadDocument, ReadStore } from '@osteo/read-store';
import { type DocumentProjection, ProjectionRunner } from './document-projection';
import { ProjectionFold } from './projection-fold';
import type { ProjectionWriteGate } from './projection-write-gate';

export type RebuildPhase = 'folding' | 'writing' | 'catching-up' | 'swapping';

export interface RebuildProgress {
  readonly phase: RebuildPhase;
  /** Stored events read so far, whether or not the projection handles them. */
  readonly eventsRead: number;
  /** Documents written to the shadow collection so far by the bulk write. */
  readonly documentsWritten: number;
}

export interface RebuildOutcome {
  readonly eventsRead: number;
  readonly documentsWritten: number;
  /** Events appended while the rebuild ran, applied to the shadow before the swap. */
  readonly eventsCaughtUp: number;
  /** The position of the last stored event the rebuilt model includes; null: the store was empty. */
  readonly rebuiltUpTo: string | null;
  /** How long the live writers were held back for the last events and the swap. */
  readonly swapMs: number;
}

export interface ReadModelRebuildOptions {
  readonly store: EventStore;
  /** The envelope the live feed applies for a stored event (the publisher's translation); null: none. */
  readonly envelopeOf: (recorded: RecordedEvent) => IntegrationEnvelope | null;
  readonly readStore: ReadStore;
  readonly projection: DocumentProjection<ReadDocument>;
  /** The gate the live writers of this read store pass. */
  readonly gate: ProjectionWriteGate;
  /** Stored events per read; default 1 000. */
  readonly pageSize?: number;
  /** Documents per bulk write; default 500. */
  readonly writeBatchSize?: number;
  readonly onProgress?: (progress: RebuildProgress) => void;
}

/**
 * Small enough that a page or a batch keeps the event loop for tens of milliseconds at most (the
 * embedded read store works synchronously), large enough that the turns between them cost nothing.
 */
const DEFAULT_PAGE_SIZE = 1_000;
const DEFAULT_WRITE_BATCH_SIZE = 500;

/** Where a projection's collection is rebuilt before the swap. */
export function shadowCollectionOf(collection: string): string {
  return `${collection}__rebuild`;
}

export async function rebuildReadModel(options: ReadModelRebuildOptions): Promise<RebuildOutcome> {
  return new ReadModelRebuild(options).run();
}

class ReadModelRebuild {
  private readonly live: string;
  private readonly shadow: string;
  private readonly pageSize: number;
  private eventsRead = 0;
  private documentsWritten = 0;
  private eventsCaughtUp = 0;
  private position: string | undefined;

  constructor(private readonly options: ReadModelRebuildOptions) {
    this.live = options.projection.collection;
    this.shadow = shadowCollectionOf(this.live);
    this.pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  }

  async run(): Promise<RebuildOutcome> {
    const { readStore, gate } = this.options;
    // A shadow left by a rebuild that failed would otherwise lend the new one its documents.
    await readStore.dropCollection(this.shadow);
    try {
      const fold = await this.fold();
      await this.write(fold);
      await this.copyMissingIndexes();
      this.report('catching-up');
      const shadowRunner = new ProjectionRunner(readStore, [{ ...this.options.projection, collection: this.shadow }]);
      await this.catchUp(shadowRunner);
      this.report('swapping');
      const holdStarted = performance.now();
      await gate.hold(this.live, async () => {
        await this.catchUp(shadowRunner);
        // Cheap: only an index created on the live collection since the copy is built here.
        await this.copyMissingIndexes();
        await readStore.renameCollection(this.shadow, this.live);
      });
      return {
        eventsRead: this.eventsRead,
        documentsWritten: this.documentsWritten,
        eventsCaughtUp: this.eventsCaughtUp,
        rebuiltUpTo: this.position ?? null,
        swapMs: performance.now() - holdStarted,
      };
    } catch (error) {
      await readStore.dropCollection(this.shadow).catch(() => undefined);
      throw error;
    }
  }

  private async fold(): Promise<ProjectionFold> {
    const fold = new ProjectionFold(this.options.projection);
    this.report('folding');
    for (let page = await this.nextPage(); page.length > 0; page = await this.nextPage()) {
      for (const recorded of page) {
        const envelope = this.options.envelopeOf(recorded);
        if (envelope !== null) fold.apply(envelope);
      }
      this.report('folding');
      await nextTurn();
    }
    return fold;
  }

  private async write(fold: ProjectionFold): Promise<void> {
    const shadow = this.options.readStore.collection(this.shadow);
    this.report('writing');
    for (const batch of fold.drain(this.options.writeBatchSize ?? DEFAULT_WRITE_BATCH_SIZE)) {
      this.documentsWritten += await shadow.insertAbsent(batch);
      this.report('writing');
      await nextTurn();
    }
  }

  /** Applies every event stored after the current position to the shadow, until there is none. */
  private async catchUp(shadowRunner: ProjectionRunner): Promise<void> {
    for (let page = await this.nextPage(); page.length > 0; page = await this.nextPage()) {
      for (const recorded of page) {
        const envelope = this.options.envelopeOf(recorded);
        if (envelope !== null) await shadowRunner.apply(envelope);
        this.eventsCaughtUp += 1;
      }
      this.report('catching-up');
    }
  }

  private async nextPage(): Promise<RecordedEvent[]> {
    const page = await this.options.store.readAll({ after: this.position, maxCount: this.pageSize });
    if (page.length > 0) {
      this.position = page[page.length - 1]!.position;
      this.eventsRead += page.length;
    }
    return page;
  }

  private async copyMissingIndexes(): Promise<void> {
    const { readStore } = this.options;
    const shadow = readStore.collection(this.shadow);
    const present = new Set((await shadow.indexes()).map((index) => index.name));
    for (const index of await readStore.collection(this.live).indexes()) {
      if (!present.has(index.name)) await shadow.createIndex(index);
    }
  }

  private report(phase: RebuildPhase): void {
    this.options.onProgress?.({ phase, eventsRead: this.eventsRead, documentsWritten: this.documentsWritten });
  }
}
