/**
 * The envelope every public event travels in on Kafka (ARCHITECTURE.md, "Flow of an event").
 * Fields are primitives so any consumer, in any language, can read them.
 */
export interface IntegrationEnvelope<TType extends string = string, TData = Readonly<Record<string, unknown>>> {
  readonly eventId: string;
  readonly type: TType;
  /** Schema version of `data` for this type; bumped on any incompatible change. */
  readonly version: number;
  readonly streamId: string;
  readonly revision: number;
  /** ISO-8601. */
  readonly occurredAt: string;
  readonly actorId: string | null;
  readonly correlationId: string | null;
  readonly causationId: string | null;
  readonly data: TData;
}
