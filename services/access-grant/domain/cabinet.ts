import { DEFAULT_REMINDER_DELAY_HOURS, E164_PHONE_NUMBER, MAX_REMINDER_DELAY_HOURS, cabinetTimeZoneOf } from '@osteo/contracts';
import { unreachable, type CommandMetadata, type Decider } from '@osteo/event-sourcing/decider';
import { Rejection } from '@osteo/event-sourcing/rejection';
import { ianaTimeZone } from './cabinet-time-zone';

/**
 * A cabinet ("cabinet"): its owner, its name, its time zone, how it reminds its patients, and
 * the colleagues sharing it.
 * Only the owner changes it; a closed cabinet changes no more.
 */
export type CabinetCommand =
  | {
      readonly type: 'OpenCabinet';
      readonly data: { readonly cabinetId: string; readonly ownerId: string; readonly name: string; readonly address: string | null; readonly timeZone: string };
      readonly metadata: CommandMetadata;
    }
  /** What the owner changes at once (PATCH): each field given and different is one event, decided together. */
  | { readonly type: 'ChangeCabinet'; readonly data: { readonly byAccountId: string; readonly name?: string; readonly timeZone?: string }; readonly metadata: CommandMetadata }
  /** The whole of the reminder settings (PUT): `phone` already in E.164, as the use case normalised it. */
  | { readonly type: 'ChangeReminderSettings'; readonly data: { readonly byAccountId: string } & ReminderSettings; readonly metadata: CommandMetadata }
  | { readonly type: 'CloseCabinet'; readonly data: { readonly byAccountId: string }; readonly metadata: CommandMetadata }
  | {
      readonly type: 'InviteColleague';
      /** `inviteeEmail`: the address the owner typed, kept in this store only (never published). */
      readonly data: { readonly byAccountId: string; readonly invitationId: string; readonly inviteeAccountId: string; readonly inviteeEmail: string };
      readonly metadata: CommandMetadata;
    }
  | { readonly type: 'AcceptInvitation'; readonly data: { readonly invitationId: string; readonly byAccountId: string }; readonly metadata: CommandMetadata }
  | { readonly type: 'RemoveColleague'; readonly data: { readonly byAccountId: string; readonly colleagueAccountId: string }; readonly metadata: CommandMetadata };

export type CabinetEvent =
  | {
      readonly type: 'CabinetOpened';
      /** `timeZone` is absent from cabinets opened before time zones existed: they are in Europe/Paris (cabinetTimeZoneOf). */
      readonly data: { readonly cabinetId: string; readonly ownerId: string; readonly name: string; readonly address: string | null; readonly timeZone?: string };
    }
  | { readonly type: 'CabinetRenamed'; readonly data: { readonly cabinetId: string; readonly ownerId: string; readonly name: string } }
  | { readonly type: 'CabinetTimeZoneChanged'; readonly data: { readonly cabinetId: string; readonly ownerId: string; readonly timeZone: string } }
  | { readonly type: 'CabinetReminderSettingsChanged'; readonly data: { readonly cabinetId: string; readonly ownerId: string } & ReminderSettings }
  | { readonly type: 'CabinetClosed'; readonly data: { readonly cabinetId: string; readonly ownerId: string } }
  | {
      readonly type: 'ColleagueInvited';
      /** `inviteeEmail`: private (stripped from access.events); absent from invitations stored before #11. */
      readonly data: { readonly invitationId: string; readonly cabinetId: string; readonly ownerId: string; readonly inviteeAccountId: string; readonly inviteeEmail?: string };
    }
  | { readonly type: 'ColleagueJoined'; readonly data: { readonly invitationId: string; readonly cabinetId: string; readonly ownerId: string; readonly colleagueAccountId: string } }
  | { readonly type: 'ColleagueRemoved'; readonly data: { readonly cabinetId: string; readonly ownerId: string; readonly colleagueAccountId: string } };

/**
 * How the cabinet reminds its patients of their appointments: `delayHours` before (0: never), with
 * the address and the phone number (E.164, to cancel) the reminders show.
 */
export type ReminderSettings = { readonly delayHours: number; readonly address: string | null; readonly phone: string | null };

/** What a cabinet whose owner never said anything has. */
export const defaultReminderSettings: ReminderSettings = { delayHours: DEFAULT_REMINDER_DELAY_HOURS, address: null, phone: null };

/** As long as CabinetOpened's address. */
export const MAX_REMINDER_ADDRESS_LENGTH = 300;

export type CabinetState =
  | { readonly status: 'absent' }
  | {
      readonly status: 'open' | 'closed';
      readonly cabinetId: string;
      readonly ownerId: string;
      readonly name: string;
      /** IANA, canonical as `Intl` spells it. */
      readonly timeZone: string;
      /** invitationId → invitee, while the invitation waits for an answer. */
      readonly pendingInvitations: Readonly<Record<string, string>>;
      /** invitationId → the account that accepted it, so accepting again is recognised. */
      readonly acceptedInvitations: Readonly<Record<string, string>>;
      readonly colleagueIds: readonly string[];
      readonly reminderSettings: ReminderSettings;
    };

/** A stored name, written before the code took the word "cabinet" (docs/adr/0004-one-word-cabinet.md). */
export const cabinetStreamId = (cabinetId: string): string => `practice-${cabinetId}`;

type ExistingCabinet = Extract<CabinetState, { status: 'open' | 'closed' }>;

function openCabinetOwnedBy(state: CabinetState, accountId: string): ExistingCabinet {
  if (state.status === 'absent') throw new Rejection('not_found', 'CABINET.NOT_FOUND', 'No such cabinet');
  if (state.ownerId !== accountId) throw new Rejection('forbidden', 'CABINET.NOT_OWNER', 'Only the owner of the cabinet may do this');
  if (state.status === 'closed') throw new Rejection('conflict', 'CABINET.CLOSED', 'This cabinet is closed');
  return state;
}

function requireTimeZone(candidate: string): string {
  const timeZone = ianaTimeZone(candidate);
  if (timeZone === null) throw new Rejection('invalid', 'CABINET.INVALID_TIME_ZONE', `timeZone: ${candidate} is not an IANA time zone such as Europe/Paris`);
  return timeZone;
}

function requireReminderSettings({ delayHours, address, phone }: ReminderSettings): ReminderSettings {
  if (!Number.isInteger(delayHours) || delayHours < 0 || delayHours > MAX_REMINDER_DELAY_HOURS) {
    throw new Rejection('invalid', 'CABINET.INVALID_REMINDER_DELAY', `delayHours must be a whole number of hours from 0 (no reminders) to ${MAX_REMINDER_DELAY_HOURS} (7 days)`);
  }
  if (address !== null && (address.trim() === '' || address.length > MAX_REMINDER_ADDRESS_LENGTH)) {
    throw new Rejection('invalid', 'CABINET.INVALID_REMINDER_ADDRESS', `address must be null or text of 1 to ${MAX_REMINDER_ADDRESS_LENGTH} characters`);
  }
  if (phone !== null && !E164_PHONE_NUMBER.test(phone)) throw new Rejection('invalid', 'CABINET.INVALID_PHONE', 'phone must be a phone number in E.164 (+33478000000)');
  return { delayHours, address, phone };
}

const sameReminderSettings = (left: ReminderSettings, right: ReminderSettings): boolean =>
  left.delayHours === right.delayHours && left.address === right.address && left.phone === right.phone;

export const cabinetDecider: Decider<CabinetCommand, CabinetEvent, CabinetState> = {
  initialState: { status: 'absent' },

  decide(command, state) {
    switch (command.type) {
      case 'OpenCabinet':
        if (state.status !== 'absent') throw new Rejection('conflict', 'CABINET.ALREADY_EXISTS', 'This cabinet already exists');
        return [{ type: 'CabinetOpened', data: { ...command.data, timeZone: requireTimeZone(command.data.timeZone) } }];

      case 'ChangeCabinet': {
        const cabinet = openCabinetOwnedBy(state, command.data.byAccountId);
        const { name } = command.data;
        const timeZone = command.data.timeZone === undefined ? undefined : requireTimeZone(command.data.timeZone);
        const { cabinetId, ownerId } = cabinet;
        return [
          ...(name !== undefined && name !== cabinet.name ? [{ type: 'CabinetRenamed' as const, data: { cabinetId, ownerId, name } }] : []),
          ...(timeZone !== undefined && timeZone !== cabinet.timeZone ? [{ type: 'CabinetTimeZoneChanged' as const, data: { cabinetId, ownerId, timeZone } }] : []),
        ];
      }

      case 'ChangeReminderSettings': {
        const cabinet = openCabinetOwnedBy(state, command.data.byAccountId);
        const settings = requireReminderSettings(command.data);
        if (sameReminderSettings(settings, cabinet.reminderSettings)) return [];
        return [{ type: 'CabinetReminderSettingsChanged', data: { cabinetId: cabinet.cabinetId, ownerId: cabinet.ownerId, ...settings } }];
      }

      case 'CloseCabinet': {
        if (state.status === 'closed' && state.ownerId === command.data.byAccountId) return [];
        const cabinet = openCabinetOwnedBy(state, command.data.byAccountId);
        return [{ type: 'CabinetClosed', data: { cabinetId: cabinet.cabinetId, ownerId: cabinet.ownerId } }];
      }

      case 'InviteColleague': {
        const cabinet = openCabinetOwnedBy(state, command.data.byAccountId);
        const invitee = command.data.inviteeAccountId;
        if (invitee === cabinet.ownerId) throw new Rejection('invalid', 'INVITATION.SELF', 'The owner cannot invite themself');
        if (cabinet.colleagueIds.includes(invitee)) throw new Rejection('conflict', 'INVITATION.ALREADY_COLLEAGUE', 'This account already shares the cabinet');
        if (Object.values(cabinet.pendingInvitations).includes(invitee)) {
          throw new Rejection('conflict', 'INVITATION.ALREADY_PENDING', 'This account already has a pending invitation to the cabinet');
        }
        return [
          {
            type: 'ColleagueInvited',
            data: { invitationId: command.data.invitationId, cabinetId: cabinet.cabinetId, ownerId: cabinet.ownerId, inviteeAccountId: invitee, inviteeEmail: command.data.inviteeEmail },
          },
        ];
      }

      case 'AcceptInvitation': {
        if (state.status === 'absent') throw new Rejection('not_found', 'INVITATION.NOT_FOUND', 'No such invitation');
        const invitee = state.pendingInvitations[command.data.invitationId];
        if (invitee === undefined) {
          const acceptedBy = state.acceptedInvitations[command.data.invitationId];
          // Accepting again what one already accepted changes nothing.
          if (acceptedBy === command.data.byAccountId) return [];
          if (acceptedBy !== undefined) throw new Rejection('forbidden', 'INVITATION.NOT_INVITEE', 'Only the invited account may accept this invitation');
          throw new Rejection('not_found', 'INVITATION.NOT_FOUND', 'No such pending invitation');
        }
        if (invitee !== command.data.byAccountId) throw new Rejection('forbidden', 'INVITATION.NOT_INVITEE', 'Only the invited account may accept this invitation');
        if (state.status === 'closed') throw new Rejection('conflict', 'CABINET.CLOSED', 'This cabinet is closed');
        return [
          { type: 'ColleagueJoined', data: { invitationId: command.data.invitationId, cabinetId: state.cabinetId, ownerId: state.ownerId, colleagueAccountId: invitee } },
        ];
      }

      case 'RemoveColleague': {
        const cabinet = openCabinetOwnedBy(state, command.data.byAccountId);
        if (!cabinet.colleagueIds.includes(command.data.colleagueAccountId)) {
          throw new Rejection('not_found', 'COLLEAGUE.NOT_FOUND', 'This account does not share the cabinet');
        }
        return [{ type: 'ColleagueRemoved', data: { cabinetId: cabinet.cabinetId, ownerId: cabinet.ownerId, colleagueAccountId: command.data.colleagueAccountId } }];
      }

      default:
        return unreachable(command);
    }
  },

  evolve(state, event) {
    if (event.type === 'CabinetOpened') {
      const { cabinetId, ownerId, name } = event.data;
      return { status: 'open', cabinetId, ownerId, name, timeZone: cabinetTimeZoneOf(event.data), pendingInvitations: {}, acceptedInvitations: {}, colleagueIds: [], reminderSettings: defaultReminderSettings };
    }
    if (state.status === 'absent') return state;
    switch (event.type) {
      case 'CabinetRenamed':
        return { ...state, name: event.data.name };
      case 'CabinetTimeZoneChanged':
        return { ...state, timeZone: event.data.timeZone };
      case 'CabinetReminderSettingsChanged': {
        const { delayHours, address, phone } = event.data;
        return { ...state, reminderSettings: { delayHours, address, phone } };
      }
      case 'CabinetClosed':
        return { ...state, status: 'closed' };
      case 'ColleagueInvited':
        return { ...state, pendingInvitations: { ...state.pendingInvitations, [event.data.invitationId]: event.data.inviteeAccountId } };
      case 'ColleagueJoined': {
        const { [event.data.invitationId]: _accepted, ...stillPending } = state.pendingInvitations;
        return {
          ...state,
          pendingInvitations: stillPending,
          acceptedInvitations: { ...state.acceptedInvitations, [event.data.invitationId]: event.data.colleagueAccountId },
          colleagueIds: [...state.colleagueIds, event.data.colleagueAccountId],
        };
      }
      case 'ColleagueRemoved':
        return { ...state, colleagueIds: state.colleagueIds.filter((id) => id !== event.data.colleagueAccountId) };
      default:
        return unreachable(event);
    }
  },
};
