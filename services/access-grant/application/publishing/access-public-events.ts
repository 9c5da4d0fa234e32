import { type AccessEventType, type CabinetOpenedV2, type CabinetReminderSettingsChangedV2, type ColleagueInvitedV1, type DelegationGrantedV2, type IntegrationEnvelope, cabinetTimeZoneOf } from '@osteo/contracts';
import type { RecordedEvent } from '@osteo/event-sourcing';
import { integrationEnvelopeOf } from '@osteo/messaging';
import { EmailDigests, type PlatformConfig, SealedEmails, SealedPracticeContacts } from '@osteo/platform';
import type { DelegationEvent, DelegationTerms } from '../../domain/delegation';
import type { CabinetEvent } from '../../domain/cabinet';

/**
 * access-grant's cabinet and delegation events are its public contract as they stand (their
 * data is already made of primitives, libs/contracts/access pins the shapes); slot claims stay
 * private, and a grant's e-mail address is published sealed, with its keyed digest (#11: no
 * address in clear on a topic), a practice's address and phone sealed (#14: version 2 of
 * CabinetOpened and CabinetReminderSettingsChanged; the store keeps them in clear, as typed).
 * A new domain event type does not compile here until it is classified.
 */
const published: Record<CabinetEvent['type'] | DelegationEvent['type'], AccessEventType> = {
  CabinetOpened: 'CabinetOpened',
  CabinetRenamed: 'CabinetRenamed',
  CabinetTimeZoneChanged: 'CabinetTimeZoneChanged',
  CabinetReminderSettingsChanged: 'CabinetReminderSettingsChanged',
  CabinetClosed: 'CabinetClosed',
  ColleagueInvited: 'ColleagueInvited',
  ColleagueJoined: 'ColleagueJoined',
  ColleagueRemoved: 'ColleagueRemoved',
  DelegationGranted: 'DelegationGranted',
  DelegationActivated: 'DelegationActivated',
  DelegationCabinetsChanged: 'DelegationCabinetsChanged',
  DelegationRetrocessionChanged: 'DelegationRetrocessionChanged',
  DelegationRevoked: 'DelegationRevoked',
};

export function toAccessPublicEvent(recorded: RecordedEvent, config: PlatformConfig): IntegrationEnvelope | null {
  const type = (published as Record<string, AccessEventType | undefined>)[recorded.type];
  if (type === undefined) return null;
  if (type === 'DelegationGranted') return integrationEnvelopeOf(recorded, type, delegationGrantedV2(recorded.data as unknown as DelegationTerms, config), 2);
  if (type === 'CabinetOpened') return integrationEnvelopeOf(recorded, type, cabinetOpenedV2(recorded, config), 2);
  if (type === 'CabinetReminderSettingsChanged') return integrationEnvelopeOf(recorded, type, reminderSettingsChangedV2(recorded, config), 2);
  if (type === 'ColleagueInvited') {
    // The address the owner typed stays here: the owner's lists show it from a private feed.
    const { invitationId, cabinetId, ownerId, inviteeAccountId } = recorded.data as unknown as ColleagueInvitedV1;
    return integrationEnvelopeOf<'ColleagueInvited', ColleagueInvitedV1>(recorded, type, { invitationId, cabinetId, ownerId, inviteeAccountId });
  }
  return integrationEnvelopeOf(recorded, type, recorded.data);
}

function delegationGrantedV2({ granteeEmail, ...terms }: DelegationTerms, config: PlatformConfig): DelegationGrantedV2 {
  return {
    ...terms,
    granteeEmailDigest: EmailDigests.from(config).of(granteeEmail),
    granteeEmailSealed: SealedEmails.from(config).seal(granteeEmail, terms.delegationId),
  };
}

type StoredCabinetOpened = Extract<CabinetEvent, { type: 'CabinetOpened' }>['data'];
type StoredReminderSettingsChanged = Extract<CabinetEvent, { type: 'CabinetReminderSettingsChanged' }>['data'];

/** Sealed from the stored event and bound to its id: each re-publication seals alike. */
function cabinetOpenedV2(recorded: RecordedEvent, config: PlatformConfig): CabinetOpenedV2 {
  const { cabinetId, ownerId, name, address, timeZone } = recorded.data as unknown as StoredCabinetOpened;
  const sealedIn = { cabinetId, eventId: recorded.eventId };
  return { cabinetId, ownerId, name, addressSealed: SealedPracticeContacts.from(config).seal(address, 'address', sealedIn), timeZone: cabinetTimeZoneOf({ timeZone }) };
}

function reminderSettingsChangedV2(recorded: RecordedEvent, config: PlatformConfig): CabinetReminderSettingsChangedV2 {
  const { cabinetId, ownerId, delayHours, address, phone } = recorded.data as unknown as StoredReminderSettingsChanged;
  const seals = SealedPracticeContacts.from(config);
  const sealedIn = { cabinetId, eventId: recorded.eventId };
  return { cabinetId, ownerId, delayHours, addressSealed: seals.seal(address, 'address', sealedIn), phoneSealed: seals.seal(phone, 'phone', sealedIn) };
}
