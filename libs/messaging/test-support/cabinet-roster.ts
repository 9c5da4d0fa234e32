/**
 * A small read model and a deterministic history for the publisher and projection suites:
 * cabinets opened, staffed, renamed and some closed (deleted), with private events mixed in.
 * `eventsApplied` counts applications, so an envelope applied twice would show.
 */
import { randomUUID } from 'node:crypto';
import type { IntegrationEnvelope } from '@osteo/contracts';
import type { EventToAppend, RecordedEvent } from '@osteo/event-sourcing';
import type { DocumentProjection } from '../projection/document-projection';

export type CabinetRoster = {
  readonly cabinetId: string;
  readonly name: string;
  readonly colleagues: readonly string[];
  readonly eventsApplied: number;
};

type PublicCabinetEventType =
  | 'CabinetOpened'
  | 'ColleagueJoined'
  | 'ColleagueLeft'
  | 'CabinetRenamed'
  | 'CabinetClosed';
/** Stays in the cabinet's own store: never published. */
type PrivateCabinetEventType = 'CabinetNotesEdited';

export interface CabinetEvent {
  readonly streamId: string;
  readonly type: PublicCabinetEventType | PrivateCabinetEventType;
  readonly data: Readonly<Record<string, string>>;
}

export const cabinetRosterProjection: DocumentProjection<CabinetRoster> = {
  name: 'cabinetRosterProjection',
  collection: 'cabinet_rosters',
  handles: ['CabinetOpened', 'ColleagueJoined', 'ColleagueLeft', 'CabinetRenamed', 'CabinetClosed'],
  documentId: (envelope) => envelope.streamId,
  evolve(roster, envelope) {
    const type = envelope.type as PublicCabinetEventType;
    const data = envelope.data as Readonly<Record<string, string>>;
    if (type === 'CabinetOpened') {
      return { cabinetId: envelope.streamId, name: data.name!, colleagues: [], eventsApplied: 1 };
    }
    if (roster === null) return null;
    const applied = { ...roster, eventsApplied: roster.eventsApplied + 1 };
    switch (type) {
      case 'ColleagueJoined':
        return { ...applied, colleagues: [...roster.colleagues, data.colleagueId!] };
      case 'ColleagueLeft':
        return { ...applied, colleagues: roster.colleagues.filter((colleague) => colleague !== data.colleagueId) };
      case 'CabinetRenamed':
        return { ...applied, name: data.name! };
      case 'CabinetClosed':
        return null;
      default: {
        const unhandled: never = type;
        throw new Error(`cabinetRosterProjection does not handle ${String(unhandled)}`);
      }
    }
  },
};

/**
 * `cabinets` cabinets, each living through `stepsPerCabinet` events (every third one ends
 * closed), interleaved round-robin as concurrent activity would be.
 */
export function cabinetHistory(cabinets: number, stepsPerCabinet: number): CabinetEvent[] {
  const lives = Array.from({ length: cabinets }, (_, index) =>
    lifeOfCabinet(`cabinet-${index}`, stepsPerCabinet, index % 3 === 2),
  );
  return Array.from({ length: stepsPerCabinet }, (_, step) => lives.map((life) => life[step]!)).flat();
}

function lifeOfCabinet(streamId: string, steps: number, endsClosed: boolean): CabinetEvent[] {
  return Array.from({ length: steps }, (_, step): CabinetEvent => {
    if (step === 0) return { streamId, type: 'CabinetOpened', data: { name: `${streamId} osteopathy` } };
    if (endsClosed && step === steps - 1) return { streamId, type: 'CabinetClosed', data: {} };
    switch (step % 5) {
      case 1:
      case 3:
        return { streamId, type: 'ColleagueJoined', data: { colleagueId: `${streamId}-colleague-${step}` } };
      case 2:
        return { streamId, type: 'CabinetNotesEdited', data: { notes: `notes ${step}` } };
      case 4:
        return { streamId, type: 'ColleagueLeft', data: { colleagueId: `${streamId}-colleague-${step - 3}` } };
      default:
        return { streamId, type: 'CabinetRenamed', data: { name: `${streamId} clinic ${step}` } };
    }
  });
}

export function isPublic(event: { readonly type: string }): boolean {
  return event.type !== 'CabinetNotesEdited';
}

export function toAppend(event: CabinetEvent, correlationId: string): EventToAppend {
  return { type: event.type, data: event.data, metadata: { correlationId, actorId: 'osteopath-1' } };
}

/** The cabinet service's public mapping, as the publisher applies it. */
export function toPublicCabinetEvent(recorded: RecordedEvent): IntegrationEnvelope | null {
  if (!isPublic(recorded)) return null;
  return {
    eventId: recorded.eventId,
    type: recorded.type,
    version: 1,
    streamId: recorded.streamId,
    revision: recorded.revision,
    occurredAt: recorded.metadata.occurredAt ?? recorded.recordedAt,
    actorId: recorded.metadata.actorId ?? null,
    correlationId: recorded.metadata.correlationId ?? null,
    causationId: recorded.metadata.causationId ?? null,
    data: recorded.data,
  };
}

/** The public envelopes of a history as the publisher would produce them, without a store. */
export function publicEnvelopesOf(history: readonly CabinetEvent[]): IntegrationEnvelope[] {
  const nextRevision = new Map<string, number>();
  return history.flatMap((event) => {
    const revision = nextRevision.get(event.streamId) ?? 0;
    nextRevision.set(event.streamId, revision + 1);
    if (!isPublic(event)) return [];
    return [
      {
        eventId: randomUUID(),
        type: event.type,
        version: 1,
        streamId: event.streamId,
        revision,
        occurredAt: new Date(Date.UTC(2025, 0, 1) + revision * 60_000).toISOString(),
        actorId: 'osteopath-1',
        correlationId: null,
        causationId: null,
        data: event.data,
      },
    ];
  });
}
