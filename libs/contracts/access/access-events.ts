import { BASIS_POINTS_PER_UNIT } from '../bounds';
import type { IntegrationEnvelope } from '../envelope';
import type { JsonSchema, PublicEventContract } from '../json-schema';
import { Topics } from '../topics';

/**
 * What access-grant tells the platform: who may work where. Every service that enforces access
 * builds its access projection from these events (libs/auth). Stream ids: `cabinet-<cabinetId>`
 * and `delegation-<delegationId>`, the message key on the topic.
 */
export type DelegatedRole = 'secretary' | 'substitute' | 'accountant';
export const delegatedRoles: readonly DelegatedRole[] = ['secretary', 'substitute', 'accountant'];

/** Where a cabinet's agenda and reminders work when nothing else was said, and what an event written before time zones means. */
export const DEFAULT_CABINET_TIME_ZONE = 'Europe/Paris';

/**
 * Version 2 (#14): no postal address in clear. `addressSealed`, the address the practice opened
 * with, sealed for access-grant and patient-records (libs/platform/sealed-practice-contacts.ts,
 * bound to the practice, this event's id and the field); the time zone always said.
 */
export type CabinetOpenedV2 = {
  readonly cabinetId: string;
  readonly ownerId: string;
  readonly name: string;
  readonly addressSealed: string | null;
  readonly timeZone: string;
};

/** Published before #14 (the address in clear); still read where topics keep it. */
export type CabinetOpenedV1 = {
  readonly cabinetId: string;
  readonly ownerId: string;
  readonly name: string;
  readonly address: string | null;
  /**
   * IANA time zone (`Europe/Paris`). Added to version 1 as an optional field: cabinets opened
   * before time zones existed carry none and are in DEFAULT_CABINET_TIME_ZONE (`cabinetTimeZoneOf`).
   */
  readonly timeZone?: string;
};
export type CabinetTimeZoneChangedV1 = { readonly cabinetId: string; readonly ownerId: string; readonly timeZone: string };
export type CabinetRenamedV1 = { readonly cabinetId: string; readonly ownerId: string; readonly name: string };
/** The cabinet's time zone as an event (or a document projected from one) says it, the default when it says none. */
export const cabinetTimeZoneOf = (cabinet: { readonly timeZone?: string | null }): string => cabinet.timeZone ?? DEFAULT_CABINET_TIME_ZONE;

/** Reminders go this many hours before an appointment when the owner has said nothing (no CabinetReminderSettingsChanged yet). */
export const DEFAULT_REMINDER_DELAY_HOURS = 24;
/** The earliest a reminder may go: seven days before. 0 means no reminders. */
export const MAX_REMINDER_DELAY_HOURS = 168;
/** A phone number in E.164 (`+33612345678`): a plus, then up to fifteen digits, the first not zero. */
export const E164_PHONE_NUMBER = /^\+[1-9][0-9]{6,14}$/;

/**
 * How the cabinet reminds patients of their appointments: `delayHours` before (0: no reminders),
 * showing `address` and `phone` (E.164, the number to call to cancel). A cabinet that never had
 * this event has DEFAULT_REMINDER_DELAY_HOURS and neither address nor phone.
 */
export type CabinetReminderSettingsChangedV2 = {
  readonly cabinetId: string;
  readonly ownerId: string;
  readonly delayHours: number;
  /** Version 2 (#14): the address and phone sealed as CabinetOpened v2's `addressSealed`, each bound to its field. */
  readonly addressSealed: string | null;
  readonly phoneSealed: string | null;
};

/** Published before #14 (address and phone in clear); still read where topics keep it. */
export type CabinetReminderSettingsChangedV1 = {
  readonly cabinetId: string;
  readonly ownerId: string;
  readonly delayHours: number;
  readonly address: string | null;
  readonly phone: string | null;
};

export type CabinetClosedV1 = { readonly cabinetId: string; readonly ownerId: string };
export type ColleagueInvitedV1 = {
  readonly invitationId: string;
  readonly cabinetId: string;
  readonly ownerId: string;
  readonly inviteeAccountId: string;
};
export type ColleagueJoinedV1 = { readonly invitationId: string; readonly cabinetId: string; readonly ownerId: string; readonly colleagueAccountId: string };
export type ColleagueRemovedV1 = { readonly cabinetId: string; readonly ownerId: string; readonly colleagueAccountId: string };

/**
 * Version 2 (#11): no e-mail address in clear. `granteeEmailDigest` to match the grantee's account
 * (as AccountRegistered v2's `emailDigest`); `granteeEmailSealed`, the address only identity and
 * access-grant can open (libs/platform/sealed-emails.ts, bound to `delegationId`), for identity to
 * create the grantee's account and mail it, and for the owner's list.
 */
export type DelegationGrantedV2 = Omit<DelegationGrantedV1, 'granteeEmail'> & {
  readonly granteeEmailDigest: string;
  readonly granteeEmailSealed: string;
};

/** Published before #11; still read where topics keep it. */
export type DelegationGrantedV1 = {
  readonly delegationId: string;
  readonly ownerId: string;
  /** Lower-cased. The account is created by identity when none exists for it. */
  readonly granteeEmail: string;
  /** Known when an account already existed at grant time; else set by DelegationActivated. */
  readonly granteeAccountId: string | null;
  readonly role: DelegatedRole;
  readonly cabinetIds: readonly string[];
  /** Substitutes only: the share of each fee retroceded, in basis points (30 % = 3000). */
  readonly retrocessionBasisPoints: number | null;
  /** Last day of a replacement period (YYYY-MM-DD, inclusive); null: until revoked. */
  readonly endsOn: string | null;
};
export type DelegationActivatedV1 = { readonly delegationId: string; readonly ownerId: string; readonly granteeAccountId: string };
export type DelegationCabinetsChangedV1 = { readonly delegationId: string; readonly ownerId: string; readonly cabinetIds: readonly string[] };
export type DelegationRetrocessionChangedV1 = { readonly delegationId: string; readonly ownerId: string; readonly retrocessionBasisPoints: number };
export type DelegationRevokedV1 = { readonly delegationId: string; readonly ownerId: string };

export type AccessPublicEvent =
  | IntegrationEnvelope<'CabinetOpened', CabinetOpenedV2>
  | IntegrationEnvelope<'CabinetOpened', CabinetOpenedV1>
  | IntegrationEnvelope<'CabinetRenamed', CabinetRenamedV1>
  | IntegrationEnvelope<'CabinetTimeZoneChanged', CabinetTimeZoneChangedV1>
  | IntegrationEnvelope<'CabinetReminderSettingsChanged', CabinetReminderSettingsChangedV2>
  | IntegrationEnvelope<'CabinetReminderSettingsChanged', CabinetReminderSettingsChangedV1>
  | IntegrationEnvelope<'CabinetClosed', CabinetClosedV1>
  | IntegrationEnvelope<'ColleagueInvited', ColleagueInvitedV1>
  | IntegrationEnvelope<'ColleagueJoined', ColleagueJoinedV1>
  | IntegrationEnvelope<'ColleagueRemoved', ColleagueRemovedV1>
  | IntegrationEnvelope<'DelegationGranted', DelegationGrantedV2>
  | IntegrationEnvelope<'DelegationGranted', DelegationGrantedV1>
  | IntegrationEnvelope<'DelegationActivated', DelegationActivatedV1>
  | IntegrationEnvelope<'DelegationCabinetsChanged', DelegationCabinetsChangedV1>
  | IntegrationEnvelope<'DelegationRetrocessionChanged', DelegationRetrocessionChangedV1>
  | IntegrationEnvelope<'DelegationRevoked', DelegationRevokedV1>;

export type AccessEventType = AccessPublicEvent['type'];

const id: JsonSchema = { type: 'string', minLength: 1, maxLength: 64 };
const ids: JsonSchema = { type: 'array', items: id };
/** An IANA zone name as `Intl` accepts it; access-grant checks it with `Intl` before deciding. */
const timeZone: JsonSchema = { type: 'string', minLength: 1, maxLength: 64 };
const object = (properties: Record<string, JsonSchema>): JsonSchema => ({
  type: 'object',
  additionalProperties: false,
  required: Object.keys(properties),
  properties,
});
const contract = (type: AccessEventType, description: string, dataSchema: JsonSchema, version = 1): PublicEventContract => ({
  type,
  version,
  topic: Topics.access,
  description,
  dataSchema,
});

/** A practice's address or phone as version 2 carries it (libs/platform/sealed-practice-contacts.ts): `$se1$` and base64url. */
const sealedContact: JsonSchema = { type: ['string', 'null'], pattern: '^\\$se1\\$[A-Za-z0-9_-]+$', maxLength: 1024 };
const SEALED_FOR_REMINDERS =
  'sealed for access-grant and patient-records, which prints them in reminders (AES-256-GCM under a key derived from EMAIL_DIGEST_KEY, bound to the cabinet, this event and the field): no other reader can open them';

export const accessEventContracts: readonly PublicEventContract[] = [
  contract(
    'CabinetOpened',
    `An owner opened a cabinet, in its time zone (IANA). No address in clear: \`addressSealed\` (null without one), ${SEALED_FOR_REMINDERS}.`,
    object({ cabinetId: id, ownerId: id, name: { type: 'string', minLength: 1, maxLength: 120 }, addressSealed: sealedContact, timeZone }),
    2,
  ),
  contract('CabinetOpened', "Version 1, published before version 2 and no longer: it carried the practice's address in clear. Consumers still read it where topics keep it. `timeZone` (IANA) is absent from cabinets opened before time zones existed: those are in Europe/Paris.", {
    // timeZone is the one optional field: added without a new version, since every event written
    // before still matches and every consumer of version 1 reads it (absent: Europe/Paris).
    ...object({ cabinetId: id, ownerId: id, name: { type: 'string', minLength: 1, maxLength: 120 }, address: { type: ['string', 'null'], maxLength: 300 }, timeZone }),
    required: ['cabinetId', 'ownerId', 'name', 'address'],
  }),
  contract('CabinetRenamed', 'The owner renamed a cabinet.', object({ cabinetId: id, ownerId: id, name: { type: 'string', minLength: 1, maxLength: 120 } })),
  contract('CabinetTimeZoneChanged', "The owner changed the cabinet's time zone (IANA), in which its agenda and reminders work.", object({ cabinetId: id, ownerId: id, timeZone })),
  contract(
    'CabinetReminderSettingsChanged',
    `The owner changed how the cabinet reminds patients of their appointments: how many hours before (0: no reminders; 24 until this event), and the address and phone number (E.164, to cancel) the reminders show, as \`addressSealed\` and \`phoneSealed\` (null: none), ${SEALED_FOR_REMINDERS}.`,
    object({
      cabinetId: id,
      ownerId: id,
      delayHours: { type: 'integer', minimum: 0, maximum: MAX_REMINDER_DELAY_HOURS },
      addressSealed: sealedContact,
      phoneSealed: sealedContact,
    }),
    2,
  ),
  contract(
    'CabinetReminderSettingsChanged',
    'Version 1, published before version 2 and no longer: it carried the address and phone number in clear. Consumers still read it where topics keep it.',
    object({
      cabinetId: id,
      ownerId: id,
      delayHours: { type: 'integer', minimum: 0, maximum: MAX_REMINDER_DELAY_HOURS },
      address: { type: ['string', 'null'], minLength: 1, maxLength: 300 },
      phone: { type: ['string', 'null'], pattern: E164_PHONE_NUMBER.source },
    }),
  ),
  contract('CabinetClosed', 'The owner closed a cabinet: nobody works in it any more.', object({ cabinetId: id, ownerId: id })),
  contract('ColleagueInvited', 'The owner invited another main account to share a cabinet.', object({ invitationId: id, cabinetId: id, ownerId: id, inviteeAccountId: id })),
  contract('ColleagueJoined', 'The invitee accepted: a colleague in that cabinet.', object({ invitationId: id, cabinetId: id, ownerId: id, colleagueAccountId: id })),
  contract('ColleagueRemoved', 'The owner removed a colleague from a cabinet.', object({ cabinetId: id, ownerId: id, colleagueAccountId: id })),
  contract(
    'DelegationGranted',
    'The owner gave a specific account (secretary, substitute, accountant) access to some of their cabinets. No e-mail address in clear: its keyed digest (as AccountRegistered v2) and the address sealed for identity, which provisions the account, and access-grant.',
    object({
      delegationId: id,
      ownerId: id,
      granteeEmailDigest: { type: 'string', minLength: 64, maxLength: 64 },
      granteeEmailSealed: { type: 'string', minLength: 1, maxLength: 1024 },
      granteeAccountId: { type: ['string', 'null'], maxLength: 64 },
      role: { type: 'string', enum: ['secretary', 'substitute', 'accountant'] },
      cabinetIds: ids,
      retrocessionBasisPoints: { type: ['integer', 'null'], minimum: 0, maximum: BASIS_POINTS_PER_UNIT },
      endsOn: { type: ['string', 'null'], format: 'date' },
    }),
    2,
  ),
  contract(
    'DelegationGranted',
    'Version 1, published before version 2 and no longer: it carried the grantee\'s e-mail address in clear. Consumers still read it where topics keep it.',
    object({
      delegationId: id,
      ownerId: id,
      granteeEmail: { type: 'string', format: 'email' },
      granteeAccountId: { type: ['string', 'null'], maxLength: 64 },
      role: { type: 'string', enum: ['secretary', 'substitute', 'accountant'] },
      cabinetIds: ids,
      retrocessionBasisPoints: { type: ['integer', 'null'], minimum: 0, maximum: BASIS_POINTS_PER_UNIT },
      endsOn: { type: ['string', 'null'], format: 'date' },
    }),
  ),
  contract('DelegationActivated', "The grantee's account exists: the delegation is in force.", object({ delegationId: id, ownerId: id, granteeAccountId: id })),
  contract('DelegationCabinetsChanged', 'The owner changed the cabinets a delegation covers.', object({ delegationId: id, ownerId: id, cabinetIds: ids })),
  contract(
    'DelegationRetrocessionChanged',
    "The owner changed a substitute's retrocession rate (applies to consultations completed from now on).",
    object({ delegationId: id, ownerId: id, retrocessionBasisPoints: { type: 'integer', minimum: 0, maximum: BASIS_POINTS_PER_UNIT } }),
  ),
  contract('DelegationRevoked', 'The owner revoked a delegation: its access is gone.', object({ delegationId: id, ownerId: id })),
];
