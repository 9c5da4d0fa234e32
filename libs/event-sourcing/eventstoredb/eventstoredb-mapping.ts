/**
 * Pure translations between the EventStore port and @eventstore/db-client: expected revisions,
 * bigint revisions, $all positions, recorded events and the conflict error.
 */
import { currentEventType } from '@osteo/contracts';
import {
  ANY,
  NO_STREAM,
  WrongExpectedVersionError,
  type AppendExpectedRevision,
  type Position,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import {
  WrongExpectedRevisionError,
  type EventMetadata,
  type ExpectedRevision,
  type RecordedEvent,
} from '../event-store';

export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'any':
      return ANY;
    default:
      return BigInt(expected);
  }
}

/** Stream revisions are bigints in the client; a stream of 2^53 events is not a real concern. */
export function toRevisionNumber(revision: bigint): number {
  const asNumber = Number(revision);
  if (!Number.isSafeInteger(asNumber)) throw new RangeError(`Revision ${revision} is out of range`);
  return asNumber;
}

/** Both parts are unsigned 64-bit integers: at most 20 decimal digits. */
const POSITION_PART_DIGITS = 20;
const ENCODED_POSITION = /^(\d{20})\/(\d{20})$/;

/**
 * `commit/prepare`, each zero-padded to 20 digits, so that comparing two encoded positions as
 * strings orders them as EventStoreDB does (commit first, then prepare).
 */
export function encodePosition(position: Position): string {
  const pad = (part: bigint): string => part.toString().padStart(POSITION_PART_DIGITS, '0');
  return `${pad(position.commit)}/${pad(position.prepare)}`;
}

export function decodePosition(encoded: string): Position {
  const match = ENCODED_POSITION.exec(encoded);
  if (match === null) throw new RangeError(`Not a position of an EventStoreDB event store: "${encoded}"`);
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
}

export function isAfter(position: Position, reference: Position): boolean {
  return (
    position.commit > reference.commit ||
    (position.commit === reference.commit && position.prepare > reference.prepare)
  );
}

/**
 * One service's streams in an EventStoreDB that several services may share: each stores its
 * stream `x` as `<service>.x` and reads back only the streams under its own prefix. Without it,
 * every service's publisher would read every other service's events from $all.
 */
export class StreamNamespace {
  readonly prefix: string;

  constructor(readonly service: string) {
    // The `.` separator must not occur in the name, or `a.b` could read `a`'s streams.
    if (!/^[a-z][a-z0-9-]*$/.test(service)) throw new RangeError(`Stream namespace "${service}": use lower-case letters, digits and dashes`);
    this.prefix = `${service}.`;
  }

  /** The stream's name in EventStoreDB. */
  stored(streamId: string): string {
    return this.prefix + streamId;
  }

  /** The service's stream id of a stream read from EventStoreDB; null for a stream of another service or of EventStoreDB itself. */
  own(storedStreamId: string): string | null {
    return storedStreamId.startsWith(this.prefix) ? storedStreamId.slice(this.prefix.length) : null;
  }

  /** The service's stream id of an event read from $all; null for EventStoreDB's own events and other services' ones. */
  streamOf(event: { readonly type: string; readonly streamId: string }): string | null {
    return isSystemEvent(event) ? null : this.own(event.streamId);
  }
}

/** EventStoreDB's own events ($metadata, $> links, $statistics...) and streams start with `$`. */
export function isSystemEvent(event: { readonly type: string; readonly streamId: string }): boolean {
  return event.type.startsWith('$') || event.streamId.startsWith('$');
}

/**
 * The client's conflict as ours; undefined for any other error. The expected revision is the
 * one we asked for, the actual one is what the server reported.
 */
export function toWrongExpectedRevisionError(
  error: unknown,
  streamId: string,
  expected: ExpectedRevision,
): WrongExpectedRevisionError | undefined {
  if (!(error instanceof WrongExpectedVersionError)) return undefined;
  const current = error.actualVersion;
  const actual = current === NO_STREAM ? 'no_stream' : toRevisionNumber(current);
  return new WrongExpectedRevisionError(streamId, expected, actual);
}

/** Maps an event this adapter wrote; anything else (binary, no position) is refused loudly. */
/** The event, read from the namespace's own stream `streamId` (see StreamNamespace.own). */
export function toRecordedEvent(event: EsdbRecordedEvent, streamId: string = event.streamId): RecordedEvent {
  if (!event.isJson || !isPlainObject(event.data)) {
    throw new TypeError(`Event ${event.id} of ${event.streamId} is not a JSON object`);
  }
  if (event.position === undefined) {
    // Events read from a stream carry their $all position since EventStoreDB 22.6.
    throw new TypeError(`Event ${event.id} of ${event.streamId} has no position: EventStoreDB 22.6+ is required`);
  }
  return {
    eventId: event.id,
    type: currentEventType(event.type),
    streamId,
    revision: toRevisionNumber(event.revision),
    position: encodePosition(event.position),
    data: event.data,
    metadata: toEventMetadata(event),
    recordedAt: event.created.toISOString(),
  };
}

function toEventMetadata(event: EsdbRecordedEvent): EventMetadata {
  if (event.metadata === undefined) return {};
  if (!isPlainObject(event.metadata)) {
    throw new TypeError(`Event ${event.id} of ${event.streamId} has metadata that is not a JSON object`);
  }
  return event.metadata;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}
