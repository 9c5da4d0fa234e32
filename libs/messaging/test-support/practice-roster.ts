/**
 * A small read model and a deterministic history for the publisher and projection suites:
 * practices opened, staffed, renamed and some closed (deleted), with private events mixed in.
 * `eventsApplied` counts applications, so an envelope applied twice would show.
 */
import { randomUUID } from 'node:crypto';
import type { IntegrationEnvelope } from '@osteo/contracts';
import type { EventToAppend, RecordedEvent } from '@osteo/event-sourcing';
import type { DocumentProjection } from '../projection/document-projection';

export type PracticeRoster = {
  readonly practiceId: string;
  readonly name: string;
  readonly colleagues: readonly string[];
  readonly eventsApplied: number;
};

type PublicPracticeEventType =
  | 'PracticeOpened'
  | 'ColleagueJoined'
  | 'ColleagueLeft'
  | 'PracticeRenamed'
  | 'PracticeClosed';
/** Stays in the practice's own store: never published. */
type PrivatePracticeEventType = 'PracticeNotesEdited';

export interface PracticeEvent {
  readonly streamId: string;
  readonly type: PublicPracticeEventType | PrivatePracticeEventType;
  readonly data: Readonly<Record<string, string>>;
}

export const practiceRosterProjection: DocumentProjection<PracticeRoster> = {
  name: 'practiceRosterProjection',
  collection: 'practice_rosters',
  handles: ['PracticeOpened', 'ColleagueJoined', 'ColleagueLeft', 'PracticeRenamed', 'PracticeClosed'],
  documentId: (envelope) => envelope.streamId,
  evolve(roster, envelope) {
    const type = envelope.type as PublicPracticeEventType;
    const data = envelope.data as Readonly<Record<string, string>>;
    if (type === 'PracticeOpened') {
      return { practiceId: envelope.streamId, name: data.name!, colleagues: [], eventsApplied: 1 };
    }
    if (roster === null) return null;
    const applied = { ...roster, eventsApplied: roster.eventsApplied + 1 };
    switch (type) {
      case 'ColleagueJoined':
        return { ...applied, colleagues: [...roster.colleagues, data.colleagueId!] };
      case 'ColleagueLeft':
        return { ...applied, colleagues: roster.colleagues.filter((colleague) => colleague !== data.colleagueId) };
      case 'PracticeRenamed':
        return { ...applied, name: data.name! };
      case 'PracticeClosed':
        return null;
      default: {
        const unhandled: never = type;
        throw new Error(`practiceRosterProjection does not handle ${String(unhandled)}`);
      }
    }
  },
};

/**
 * `practices` practices, each living through `stepsPerPractice` events (every third one ends
 * closed), interleaved round-robin as concurrent activity would be.
 */
export function practiceHistory(practices: number, stepsPerPractice: number): PracticeEvent[] {
  const lives = Array.from({ length: practices }, (_, index) =>
    lifeOfPractice(`practice-${index}`, stepsPerPractice, index % 3 === 2),
  );
  return Array.from({ length: stepsPerPractice }, (_, step) => lives.map((life) => life[step]!)).flat();
}

function lifeOfPractice(streamId: string, steps: number, endsClosed: boolean): PracticeEvent[] {
  return Array.from({ length: steps }, (_, step): PracticeEvent => {
    if (step === 0) return { streamId, type: 'PracticeOpened', data: { name: `${streamId} osteopathy` } };
    if (endsClosed && step === steps - 1) return { streamId, type: 'PracticeClosed', data: {} };
    switch (step % 5) {
      case 1:
      case 3:
        return { streamId, type: 'ColleagueJoined', data: { colleagueId: `${streamId}-colleague-${step}` } };
      case 2:
        return { streamId, type: 'PracticeNotesEdited', data: { notes: `notes ${step}` } };
      case 4:
        return { streamId, type: 'ColleagueLeft', data: { colleagueId: `${streamId}-colleague-${step - 3}` } };
      default:
        return { streamId, type: 'PracticeRenamed', data: { name: `${streamId} clinic ${step}` } };
    }
  });
}

export function isPublic(event: { readonly type: string }): boolean {
  return event.type !== 'PracticeNotesEdited';
}

export function toAppend(event: PracticeEvent, correlationId: string): EventToAppend {
  return { type: event.type, data: event.data, metadata: { correlationId, actorId: 'osteopath-1' } };
}

/** The practice service's public mapping, as the publisher applies it. */
export function toPublicPracticeEvent(recorded: RecordedEvent): IntegrationEnvelope | null {
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
export function publicEnvelopesOf(history: readonly PracticeEvent[]): IntegrationEnvelope[] {
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
