import { stateAfter, type Command, type CommandMetadata, type Decider, type Event } from './decider';
import {
  WrongExpectedRevisionError,
  type EventMetadata,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type RecordedEvent,
} from './event-store';

/** A stream's revision as a next append expects it: its last event's, or no stream yet. */
export type StreamRevision = Exclude<ExpectedRevision, 'any'>;

export interface LoadedAggregate<S> {
  readonly state: S;
  /** The revision `state` was built from; pass it on as an expected revision. */
  readonly revision: StreamRevision;
}

export interface HandleCommandOptions {
  /**
   * The revision the caller saw when it asked (e.g. an HTTP If-Match). When the stream has moved
   * on since, the command fails with WrongExpectedRevisionError before being decided, rather
   * than being applied to a state its author never saw.
   */
  readonly expectedRevision?: StreamRevision;
}

export interface CommandHandled<E extends Event, S> {
  /** What the decider decided, in order; empty when the command changed nothing. */
  readonly newEvents: readonly E[];
  /** The stream's revision after this command: the expected revision of the next one. */
  readonly nextExpectedRevision: StreamRevision;
  /** The state after the new events. */
  readonly newState: S;
}

/** The current state of one aggregate, folded from its whole stream. */
export async function loadAggregate<E extends Event, S>(
  store: EventStore,
  streamId: string,
  decider: Pick<Decider<never, E, S>, 'evolve' | 'initialState'>,
): Promise<LoadedAggregate<S>> {
  const history = await store.readStream(streamId);
  return {
    state: stateAfter(decider, history.map((recorded) => toDomainEvent<E>(recorded))),
    revision: history.at(-1)?.revision ?? 'no_stream',
  };
}

/**
 * Loads a stream, decides, and appends with the revision it loaded, so a concurrent change
 * between load and append is a WrongExpectedRevisionError, never a lost update. There is
 * deliberately no retry: the user decided on a state that no longer exists, and must see the
 * conflict (a 409) and decide again.
 */
export async function handleCommand<C extends Command, E extends Event, S>(
  store: EventStore,
  streamId: string,
  decider: Decider<C, E, S>,
  command: C,
  options: HandleCommandOptions = {},
): Promise<CommandHandled<E, S>> {
  const { state, revision } = await loadAggregate(store, streamId, decider);
  if (options.expectedRevision !== undefined && options.expectedRevision !== revision) {
    throw new WrongExpectedRevisionError(streamId, options.expectedRevision, revision);
  }

  const newEvents = decider.decide(command, state);
  const newState = stateAfter({ evolve: decider.evolve, initialState: state }, newEvents);
  if (newEvents.length === 0) return { newEvents, nextExpectedRevision: revision, newState };

  const commandMetadata = eventMetadataFrom(command.metadata);
  const { nextExpectedRevision } = await store.appendToStream(
    streamId,
    newEvents.map(
      (event): EventToAppend => ({
        type: event.type,
        data: event.data,
        metadata: { ...event.metadata, ...commandMetadata },
      }),
    ),
    { expectedRevision: revision },
  );
  return { newEvents, nextExpectedRevision, newState };
}

/**
 * A stream holds the events of one decider only, so its recorded events are that decider's
 * events; the type parameter states this, it cannot check it.
 */
function toDomainEvent<E extends Event>(recorded: RecordedEvent): E {
  return { type: recorded.type, data: recorded.data, metadata: recorded.metadata } as E;
}

/**
 * Tracing and time of the command, on every event it caused (over any metadata the decider
 * gave an event itself). Absent fields stay absent.
 */
function eventMetadataFrom(command: CommandMetadata): EventMetadata {
  return {
    occurredAt: command.now.toISOString(),
    ...(command.correlationId !== undefined && { correlationId: command.correlationId }),
    ...(command.causationId !== undefined && { causationId: command.causationId }),
    ...(command.actorId !== undefined && { actorId: command.actorId }),
  };
}
