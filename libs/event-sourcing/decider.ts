/**
 * The shape of every aggregate: a decider (STYLE.md 1). Domains import this file directly, so it
 * stays as pure as they are: no import at all (dependency-cruiser's `pure-kernel-stays-pure`).
 */

/** What an event or a command says about itself beyond its meaning (ids, tracing, time). */
export type MessageMetadata = Readonly<Record<string, unknown>>;

/**
 * A domain event: past tense `type` stored verbatim, data, and metadata: usually absent on an
 * event just decided (the command handler adds the command's when appending), present on an
 * event read back from the store.
 */
export type Event<Type extends string = string, Data extends object = Record<string, unknown>> = {
  readonly type: Type;
  readonly data: Readonly<Data>;
  readonly metadata?: MessageMetadata;
};

/**
 * Everything a decision may depend on besides the command's data and the state: time and the
 * caller come in here, so that a decision can be replayed and tested.
 */
export type CommandMetadata = {
  /** The moment of the decision; stored on every resulting event as `occurredAt` (ISO-8601). */
  readonly now: Date;
  readonly correlationId?: string;
  readonly causationId?: string;
  /** Who asked, when a person or service did. */
  readonly actorId?: string;
};

/** An imperative request: `type` such as 'ReserveEmail'. */
export type Command<Type extends string = string, Data extends object = Record<string, unknown>> = {
  readonly type: Type;
  readonly data: Readonly<Data>;
  readonly metadata: CommandMetadata;
};

/**
 * An aggregate as two pure functions and a starting point. `decide` returns the events a
 * command causes (none when it changes nothing) or throws a Rejection (./rejection.ts);
 * `evolve` applies one event to the state and never fails: what happened, happened.
 */
export type Decider<C extends Command, E extends Event, S> = {
  readonly decide: (command: C, state: S) => readonly E[];
  readonly evolve: (state: S, event: E) => S;
  readonly initialState: S;
};

/** The state after `events`, from the decider's initial state. */
export function stateAfter<E extends Event, S>(
  decider: Pick<Decider<never, E, S>, 'evolve' | 'initialState'>,
  events: readonly E[],
): S {
  return events.reduce(decider.evolve, decider.initialState);
}

/**
 * Ends every switch over a union of commands or events: adding a variant without handling it
 * is then a compile error, and an unknown value at run time a loud one.
 */
export function unreachable(value: never): never {
  throw new Error(`Unhandled variant: ${JSON.stringify(value)}`);
}
