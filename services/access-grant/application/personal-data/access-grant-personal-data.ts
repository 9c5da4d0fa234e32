import type { PersonalDataPolicy, PersonalFieldsOfEvent } from '@osteo/personal-data';
import type { DelegationEvent } from '../../domain/delegation';
import type { DelegationSlotEvent } from '../../domain/delegation-slot';
import type { CabinetEvent } from '../../domain/cabinet';

type AccessGrantEventType = DelegationEvent['type'] | CabinetEvent['type'] | DelegationSlotEvent['type'];

/**
 * What of access-grant's events is stored encrypted (crypto-shredding): the address an owner
 * typed, to delegate or to invite. A grant is encrypted with its grantee account's key when the
 * account is known at the grant, else with the delegation's own key: the account does not exist
 * yet, and identity makes it from the grant. Erasing the account (AccountErased on
 * identity.events) erases both (account-erasure.reactor.ts). An invitation names a main account,
 * whose key nothing erases today (main accounts are kept: their ledgers), but is ready for it.
 * Ids, roles, cabinets and rates stay in clear. Every event type is classified here, or the
 * service does not compile.
 */
const personalFieldsByType: Readonly<Record<AccessGrantEventType, PersonalFieldsOfEvent | null>> = {
  DelegationGranted: { subject: ['granteeAccountId', 'delegationId'], fields: ['granteeEmail'] },
  DelegationActivated: null,
  DelegationCabinetsChanged: null,
  DelegationRetrocessionChanged: null,
  DelegationRevoked: null,
  CabinetOpened: null,
  CabinetRenamed: null,
  CabinetTimeZoneChanged: null,
  // The cabinet's own address and number, which it shows every patient it reminds.
  CabinetReminderSettingsChanged: null,
  CabinetClosed: null,
  ColleagueInvited: { subject: 'inviteeAccountId', fields: ['inviteeEmail'] },
  ColleagueJoined: null,
  ColleagueRemoved: null,
  DelegationSlotClaimed: null,
};

export const accessGrantPersonalData: PersonalDataPolicy = Object.fromEntries(
  Object.entries(personalFieldsByType).filter((entry): entry is [string, PersonalFieldsOfEvent] => entry[1] !== null),
);
