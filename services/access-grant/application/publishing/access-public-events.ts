import type { AccessEventType, IntegrationEnvelope } from '@osteo/contracts';
import type { RecordedEvent } from '@osteo/event-sourcing';
import { integrationEnvelopeOf } from '@osteo/messaging';
import type { DelegationEvent } from '../../domain/delegation';
import type { PracticeEvent } from '../../domain/practice';

/**
 * access-grant's practice and delegation events are its public contract as they stand (their
 * data is already made of primitives, libs/contracts/access pins the shapes); slot claims stay
 * private. A new domain event type does not compile here until it is classified.
 */
const published: Record<PracticeEvent['type'] | DelegationEvent['type'], AccessEventType> = {
  PracticeOpened: 'PracticeOpened',
  PracticeRenamed: 'PracticeRenamed',
  PracticeTimeZoneChanged: 'PracticeTimeZoneChanged',
  PracticeClosed: 'PracticeClosed',
  ColleagueInvited: 'ColleagueInvited',
  ColleagueJoined: 'ColleagueJoined',
  ColleagueRemoved: 'ColleagueRemoved',
  DelegationGranted: 'DelegationGranted',
  DelegationActivated: 'DelegationActivated',
  DelegationPracticesChanged: 'DelegationPracticesChanged',
  DelegationRetrocessionChanged: 'DelegationRetrocessionChanged',
  DelegationRevoked: 'DelegationRevoked',
};

export function toAccessPublicEvent(recorded: RecordedEvent): IntegrationEnvelope | null {
  const type = (published as Record<string, AccessEventType | undefined>)[recorded.type];
  if (type === undefined) return null;
  return integrationEnvelopeOf(recorded, type, recorded.data);
}
