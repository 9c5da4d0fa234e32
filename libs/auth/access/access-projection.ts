/**
 * The access projection: what access.events (Topics.access) say about cabinets and delegations,
 * kept as two read models in each service that enforces access (ARCHITECTURE.md, "Access
 * control"), and in access-grant itself for its queries. AccessReader turns them into a
 * PrincipalAccess for `can`.
 *
 * Documents hold plain fields and arrays of strings or flat subdocuments only, so MongoDB and
 * FerretDB v1 store and index them alike.
 */
import { type AccessPublicEvent, type DelegatedRole, type IntegrationEnvelope, cabinetTimeZoneOf } from '@osteo/contracts';
import type { DocumentProjection } from '@osteo/messaging';

/** Stored names (collection, projection) written before the code took the word "cabinet" (docs/adr/0004-one-word-cabinet.md). */
export const ACCESS_CABINETS = 'access_practices';
export const ACCESS_DELEGATIONS = 'access_delegations';

/** One cabinet by its `cabinetId`. A closed cabinet is kept (closed: true) so ids stay resolvable. */
export type AccessCabinet = {
  readonly _id: string;
  readonly cabinetId: string;
  readonly ownerId: string;
  readonly name: string;
  /** The address it opened with, in clear only from a CabinetOpened version 1 (before #14); null since. */
  readonly address: string | null;
  /**
   * Since #14 (CabinetOpened v2): that address sealed for access-grant and patient-records
   * (libs/platform/sealed-practice-contacts.ts), with the id of the event it is bound to;
   * access-grant opens it for its answers. Absent from documents of a version 1.
   */
  readonly addressSealed?: { readonly sealed: string; readonly eventId: string } | null;
  /**
   * IANA zone of the cabinet's agenda and reminders. Absent from documents projected before
   * time zones existed (until a replay): read it with `cabinetTimeZoneOf`, which says Europe/Paris then.
   */
  readonly timeZone?: string;
  readonly closed: boolean;
  /** Accounts that accepted an invitation and were not removed since. */
  readonly colleagueIds: readonly string[];
};

/** `pending`: granted to an e-mail address that has no account yet; it gives no access. */
export type DelegationStatus = 'pending' | 'active' | 'revoked';

export type RetrocessionRateSet = {
  /** ISO-8601: when the owner set this rate. */
  readonly since: string;
  readonly basisPoints: number;
};

/** One delegation by its `delegationId`. A revoked one is kept (status: revoked) for the owner's listing. */
export type AccessDelegation = {
  readonly _id: string;
  readonly delegationId: string;
  readonly ownerId: string;
  /** In clear only from a grant published before #11 (DelegationGranted v1); null since. */
  readonly granteeEmail: string | null;
  /**
   * Since #11 (v2): the address sealed for identity and access-grant (libs/platform/sealed-emails.ts,
   * bound to `delegationId`), which alone may show it; null for a v1 grant.
   */
  readonly granteeEmailSealed: string | null;
  readonly granteeAccountId: string | null;
  readonly role: DelegatedRole;
  /** As the owner selected them; ids that are not (or no longer) open cabinets of the owner give nothing. */
  readonly cabinetIds: readonly string[];
  /** The rate in force now, in basis points; null for secretaries and accountants. */
  readonly retrocessionBasisPoints: number | null;
  /**
   * Every rate the owner set, oldest first: a consultation is settled at the rate in force when
   * it was completed, which a late reader can then still find.
   */
  readonly retrocessionHistory: readonly RetrocessionRateSet[];
  /** Last day of access (YYYY-MM-DD, inclusive); null: until revoked. */
  readonly endsOn: string | null;
  readonly status: DelegationStatus;
  readonly grantedAt: string;
  readonly revokedAt?: string;
};

type CabinetEvent = Extract<
  AccessPublicEvent,
  { type: 'CabinetOpened' | 'CabinetRenamed' | 'CabinetTimeZoneChanged' | 'CabinetClosed' | 'ColleagueInvited' | 'ColleagueJoined' | 'ColleagueRemoved' }
>;
/**
 * Access events that say nothing about who may work where, and which no access read model takes:
 * how a cabinet reminds its patients is read by the services that send reminders.
 */
type NotAboutAccess = Extract<AccessPublicEvent, { type: 'CabinetReminderSettingsChanged' }>;
/** Every other access event: a new event type fails to compile until a projection handles it or it is named above. */
type DelegationEvent = Exclude<AccessPublicEvent, CabinetEvent | NotAboutAccess>;

/** The keys of a record that must name every member of a union, no more: a checked list of event types. */
function everyTypeOf<T extends string>(types: Record<T, true>): readonly T[] {
  return Object.keys(types) as T[];
}

export const accessCabinetsProjection: DocumentProjection<AccessCabinet> = {
  name: 'access.practices',
  collection: ACCESS_CABINETS,
  handles: everyTypeOf<CabinetEvent['type']>({
    CabinetOpened: true,
    CabinetRenamed: true,
    CabinetTimeZoneChanged: true,
    CabinetClosed: true,
    ColleagueInvited: true,
    ColleagueJoined: true,
    ColleagueRemoved: true,
  }),
  // CabinetOpened v2 (#14) differs from v1 only by carrying the address sealed.
  understoodVersions: [1, 2],
  documentId: (envelope: IntegrationEnvelope) => String(envelope.data.cabinetId),
  evolve(cabinet, envelope) {
    const event = envelope as CabinetEvent;
    switch (event.type) {
      case 'CabinetOpened': {
        const { cabinetId, ownerId, name } = event.data;
        const opened = { _id: cabinetId, cabinetId, ownerId, name, timeZone: cabinetTimeZoneOf(event.data), closed: false, colleagueIds: [] };
        if (!('addressSealed' in event.data)) return { ...opened, address: event.data.address };
        const { addressSealed } = event.data;
        return { ...opened, address: null, addressSealed: addressSealed === null ? null : { sealed: addressSealed, eventId: envelope.eventId } };
      }
      case 'CabinetRenamed':
        return cabinet && { ...cabinet, name: event.data.name };
      case 'CabinetTimeZoneChanged':
        return cabinet && { ...cabinet, timeZone: event.data.timeZone };
      case 'CabinetClosed':
        return cabinet && { ...cabinet, closed: true };
      case 'ColleagueInvited':
        // The invitee works in the cabinet once they accept (ColleagueJoined), not before.
        return cabinet;
      case 'ColleagueJoined': {
        const { colleagueAccountId } = event.data;
        if (cabinet === null || cabinet.colleagueIds.includes(colleagueAccountId)) return cabinet;
        return { ...cabinet, colleagueIds: [...cabinet.colleagueIds, colleagueAccountId] };
      }
      case 'ColleagueRemoved':
        return cabinet && {
          ...cabinet,
          colleagueIds: cabinet.colleagueIds.filter((colleagueId) => colleagueId !== event.data.colleagueAccountId),
        };
      default: {
        const unhandled: never = event;
        throw new Error(`${accessCabinetsProjection.name} does not handle ${(unhandled as IntegrationEnvelope).type}`);
      }
    }
  },
};

export const accessDelegationsProjection: DocumentProjection<AccessDelegation> = {
  name: 'access.delegations',
  collection: ACCESS_DELEGATIONS,
  handles: everyTypeOf<DelegationEvent['type']>({
    DelegationGranted: true,
    DelegationActivated: true,
    DelegationCabinetsChanged: true,
    DelegationRetrocessionChanged: true,
    DelegationRevoked: true,
  }),
  // DelegationGranted v2 (#11) differs from v1 only by how it carries the grantee's address.
  understoodVersions: [1, 2],
  documentId: (envelope: IntegrationEnvelope) => String(envelope.data.delegationId),
  evolve(delegation, envelope) {
    const event = envelope as DelegationEvent;
    switch (event.type) {
      case 'DelegationGranted': {
        const granteeEmail = 'granteeEmail' in event.data ? event.data.granteeEmail : null;
        const granteeEmailSealed = 'granteeEmailSealed' in event.data ? event.data.granteeEmailSealed : null;
        const { delegationId, ownerId, granteeAccountId, role, cabinetIds, retrocessionBasisPoints, endsOn } =
          event.data;
        return {
          _id: delegationId,
          delegationId,
          ownerId,
          granteeEmail,
          granteeEmailSealed,
          granteeAccountId,
          role,
          cabinetIds: [...cabinetIds],
          retrocessionBasisPoints,
          retrocessionHistory:
            retrocessionBasisPoints === null ? [] : [{ since: event.occurredAt, basisPoints: retrocessionBasisPoints }],
          endsOn,
          status: granteeAccountId === null ? 'pending' : 'active',
          grantedAt: event.occurredAt,
        };
      }
      case 'DelegationActivated':
        return delegation && {
          ...delegation,
          granteeAccountId: event.data.granteeAccountId,
          status: delegation.status === 'revoked' ? 'revoked' : 'active',
        };
      case 'DelegationCabinetsChanged':
        return delegation && { ...delegation, cabinetIds: [...event.data.cabinetIds] };
      case 'DelegationRetrocessionChanged': {
        const { retrocessionBasisPoints } = event.data;
        return delegation && {
          ...delegation,
          retrocessionBasisPoints,
          retrocessionHistory: [
            ...delegation.retrocessionHistory,
            { since: event.occurredAt, basisPoints: retrocessionBasisPoints },
          ],
        };
      }
      case 'DelegationRevoked':
        return delegation && { ...delegation, status: 'revoked', revokedAt: event.occurredAt };
      default: {
        const unhandled: never = event;
        throw new Error(`access.delegations does not handle ${(unhandled as IntegrationEnvelope).type}`);
      }
    }
  },
};

/**
 * Both read models, for `subscribeProjection` on Topics.access. Their subscriber must write the
 * access change marker after each event they apply (`accessChangeMarking`, ./access-changes.ts),
 * as every service's AccessReactor (libs/platform) does, or AccessReaders keep answering from before it.
 */
export const accessProjections: readonly DocumentProjection[] = [accessCabinetsProjection, accessDelegationsProjection];
