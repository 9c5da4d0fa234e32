import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { IntegrationEnvelope } from '@osteo/contracts';
import type { EventStore, RecordedEvent } from '@osteo/event-sourcing';
import { Rejection } from '@osteo/event-sourcing/rejection';
import { type DocumentProjection, type ProjectionWriteGate, type RebuildPhase, rebuildReadModel } from '@osteo/messaging';
import type { ReadDocument, ReadStore } from '@osteo/read-store';

/**
 * A read model `npm run rebuild` can rebuild: a projection over this service's own stored
 * events only, each reaching it live through `envelopeOf` (the publisher's translation for a
 * projection fed by the service's own topic). A projection fed by another service's topic has
 * no such source here: no service reads another's store, and a topic is no complete history
 * (Kafka deletes what is older than its retention).
 */
export interface RebuildableReadModel {
  readonly projection: DocumentProjection<ReadDocument>;
  readonly envelopeOf: (recorded: RecordedEvent) => IntegrationEnvelope | null;
}

/** What one service of this process offers to rebuild, and what a rebuild of it uses. */
export interface ServiceReadModels {
  readonly store: EventStore;
  readonly readStore: ReadStore;
  /** The gate the service's live projection writers pass. */
  readonly gate: ProjectionWriteGate;
  /** By the name the command takes, e.g. `appointments`. */
  readonly readModels: Readonly<Record<string, RebuildableReadModel>>;
  /** Awaited once a rebuilt collection was swapped in, before the rebuild reports success. */
  readonly afterSwap?: (collection: string) => Promise<void>;
}

export type RebuildState = 'running' | 'succeeded' | 'failed';

/** A rebuild as the operator routes report it. */
export interface RebuildRun {
  readonly rebuildId: string;
  readonly service: string;
  readonly readModel: string;
  readonly collection: string;
  readonly state: RebuildState;
  /** While running: what it is doing. */
  readonly phase: RebuildPhase | null;
  readonly eventsRead: number;
  readonly documentsWritten: number;
  readonly eventsCaughtUp: number;
  /** The position of the last stored event the rebuilt model includes, once succeeded. */
  readonly rebuiltUpTo: string | null;
  /** How long live writes were held back for the swap, once succeeded. */
  readonly swapMs: number | null;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  /** So far while running. */
  readonly durationMs: number;
  readonly error: string | null;
}

/** Past rebuilds kept for their reports; older ones are forgotten. */
const KEPT_RUNS = 50;

/**
 * The read models every service of this process can rebuild, and the rebuilds started. Each
 * service's ServiceInfrastructureModule registers its own, so the one process of the embedded
 * profile offers all five services' and a service process its own.
 */
@Injectable()
export class ReadModelRebuilds {
  private readonly logger = new Logger('read-model-rebuilds');
  private readonly services = new Map<string, ServiceReadModels>();
  private readonly runs = new Map<string, RebuildRun>();
  /** `service/readModel` → the id of its rebuild in progress. */
  private readonly running = new Map<string, string>();

  register(service: string, readModels: ServiceReadModels): void {
    if (this.services.has(service)) throw new Error(`The read models of ${service} are already registered`);
    this.services.set(service, readModels);
  }

  /** Per service of this process, the names of its rebuildable read models. */
  catalogue(): Record<string, string[]> {
    return Object.fromEntries([...this.services].map(([service, { readModels }]) => [service, Object.keys(readModels)]));
  }

  /** Starts a rebuild and answers it at once, running; `find` follows it. */
  start(service: string, readModel: string): RebuildRun {
    const offered = this.services.get(service);
    if (offered === undefined) {
      throw new Rejection('not_found', 'REBUILD.UNKNOWN_SERVICE', `No service "${service}" runs in this process. ${this.describeCatalogue()}`);
    }
    const rebuildable = offered.readModels[readModel];
    if (rebuildable === undefined) {
      const names = Object.keys(offered.readModels);
      const choice = names.length > 0 ? `Rebuildable: ${names.join(', ')}.` : `${service} has no rebuildable read model: its read models are fed by other services' events.`;
      throw new Rejection('not_found', 'REBUILD.UNKNOWN_READ_MODEL', `${service} has no rebuildable read model "${readModel}". ${choice}`);
    }
    const key = `${service}/${readModel}`;
    const inProgress = this.running.get(key);
    if (inProgress !== undefined) {
      throw new Rejection('conflict', 'REBUILD.ALREADY_RUNNING', `${service} ${readModel} is being rebuilt already (rebuild ${inProgress})`);
    }

    const started = Date.now();
    let run: RebuildRun = {
      rebuildId: randomUUID(),
      service,
      readModel,
      collection: rebuildable.projection.collection,
      state: 'running',
      phase: null,
      eventsRead: 0,
      documentsWritten: 0,
      eventsCaughtUp: 0,
      rebuiltUpTo: null,
      swapMs: null,
      startedAt: new Date(started).toISOString(),
      finishedAt: null,
      durationMs: 0,
      error: null,
    };
    const record = (changes: Partial<RebuildRun>): void => {
      run = { ...run, ...changes, durationMs: Date.now() - started };
      this.runs.set(run.rebuildId, run);
    };
    record({});
    this.forgetOldRuns();
    this.running.set(key, run.rebuildId);
    this.logger.log(`rebuilding ${key} (${run.collection}), rebuild ${run.rebuildId}`);

    rebuildReadModel({
      store: offered.store,
      readStore: offered.readStore,
      gate: offered.gate,
      projection: rebuildable.projection,
      envelopeOf: rebuildable.envelopeOf,
      onProgress: ({ phase, eventsRead, documentsWritten }) => record({ phase, eventsRead, documentsWritten }),
    })
      .then(async (outcome) => {
        await offered.afterSwap?.(rebuildable.projection.collection);
        return outcome;
      })
      .then((outcome) => {
        record({ ...outcome, state: 'succeeded', phase: null, finishedAt: new Date().toISOString() });
        this.logger.log(
          `rebuilt ${key}: ${outcome.eventsRead} events read, ${outcome.documentsWritten} documents written, ` +
            `${outcome.eventsCaughtUp} caught up, in ${run.durationMs} ms (live writes held ${Math.round(outcome.swapMs)} ms)`,
        );
      })
      .catch((error: unknown) => {
        record({ state: 'failed', phase: null, finishedAt: new Date().toISOString(), error: error instanceof Error ? error.message : String(error) });
        this.logger.error(`rebuild of ${key} failed; the read model is left as it was: ${run.error}`);
      })
      .finally(() => this.running.delete(key));
    return run;
  }

  find(rebuildId: string): RebuildRun {
    const run = this.runs.get(rebuildId);
    if (run === undefined) throw new Rejection('not_found', 'REBUILD.NOT_FOUND', `No rebuild ${rebuildId} in this process`);
    return { ...run, durationMs: run.state === 'running' ? Date.now() - Date.parse(run.startedAt) : run.durationMs };
  }

  private describeCatalogue(): string {
    const offered = Object.entries(this.catalogue()).map(([service, names]) => `${service} (${names.length > 0 ? names.join(', ') : 'none'})`);
    return offered.length > 0 ? `Services and their rebuildable read models: ${offered.join('; ')}.` : 'This process runs no service.';
  }

  private forgetOldRuns(): void {
    for (const [rebuildId, run] of this.runs) {
      if (this.runs.size <= KEPT_RUNS) return;
      if (run.state !== 'running') this.runs.delete(rebuildId);
    }
  }
}
