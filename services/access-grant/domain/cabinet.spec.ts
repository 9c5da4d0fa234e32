import { specFor } from '@osteo/event-sourcing/decider-spec';
import { cabinetDecider, type CabinetCommand, type CabinetEvent, type ReminderSettings } from './cabinet';

const metadata = { now: new Date('2026-03-02T08:30:00.000Z') };

const CABINET = 'cab-lyon';
const OWNER = 'acc-claire';
const COLLEAGUE = 'acc-hugo';
const OTHER = 'acc-lea';

const cabinet = { cabinetId: CABINET, ownerId: OWNER, name: 'Cabinet de Lyon', address: '3 rue Mercière, Lyon', timeZone: 'Europe/Paris' };

// Events
const opened: CabinetEvent = { type: 'CabinetOpened', data: cabinet };
/** As stored before cabinets had a time zone. */
const { timeZone: _none, ...cabinetWithoutTimeZone } = cabinet;
const openedBeforeTimeZones: CabinetEvent = { type: 'CabinetOpened', data: cabinetWithoutTimeZone };
const renamed = (name: string): CabinetEvent => ({ type: 'CabinetRenamed', data: { cabinetId: CABINET, ownerId: OWNER, name } });
const movedTo = (timeZone: string): CabinetEvent => ({ type: 'CabinetTimeZoneChanged', data: { cabinetId: CABINET, ownerId: OWNER, timeZone } });
const reminding = (settings: Partial<ReminderSettings> = {}): CabinetEvent => ({
  type: 'CabinetReminderSettingsChanged',
  data: { cabinetId: CABINET, ownerId: OWNER, delayHours: 24, address: null, phone: null, ...settings },
});
const closed: CabinetEvent = { type: 'CabinetClosed', data: { cabinetId: CABINET, ownerId: OWNER } };
const invited = (invitationId: string, inviteeAccountId: string): CabinetEvent => ({
  type: 'ColleagueInvited',
  data: { invitationId, cabinetId: CABINET, ownerId: OWNER, inviteeAccountId, inviteeEmail: `${inviteeAccountId}@example.fr` },
});
const joined = (invitationId: string, colleagueAccountId: string): CabinetEvent => ({
  type: 'ColleagueJoined',
  data: { invitationId, cabinetId: CABINET, ownerId: OWNER, colleagueAccountId },
});
const removed = (colleagueAccountId: string): CabinetEvent => ({ type: 'ColleagueRemoved', data: { cabinetId: CABINET, ownerId: OWNER, colleagueAccountId } });

// Commands
const open: CabinetCommand = { type: 'OpenCabinet', data: cabinet, metadata };
const openIn = (timeZone: string): CabinetCommand => ({ type: 'OpenCabinet', data: { ...cabinet, timeZone }, metadata });
const change = (byAccountId: string, changes: { name?: string; timeZone?: string }): CabinetCommand => ({ type: 'ChangeCabinet', data: { byAccountId, ...changes }, metadata });
const rename = (byAccountId: string, name: string): CabinetCommand => change(byAccountId, { name });
const remindWith = (byAccountId: string, settings: Partial<ReminderSettings> = {}): CabinetCommand => ({
  type: 'ChangeReminderSettings',
  data: { byAccountId, delayHours: 24, address: null, phone: null, ...settings },
  metadata,
});
const close = (byAccountId: string): CabinetCommand => ({ type: 'CloseCabinet', data: { byAccountId }, metadata });
const invite = (byAccountId: string, invitationId: string, inviteeAccountId: string): CabinetCommand => ({
  type: 'InviteColleague',
  data: { byAccountId, invitationId, inviteeAccountId, inviteeEmail: `${inviteeAccountId}@example.fr` },
  metadata,
});
const accept = (invitationId: string, byAccountId: string): CabinetCommand => ({ type: 'AcceptInvitation', data: { invitationId, byAccountId }, metadata });
const remove = (byAccountId: string, colleagueAccountId: string): CabinetCommand => ({
  type: 'RemoveColleague',
  data: { byAccountId, colleagueAccountId },
  metadata,
});

describe('cabinet decider', () => {
  const spec = specFor(cabinetDecider);

  describe('opening', () => {
    it('given nothing, when the owner opens a cabinet, then it is opened with its name and address', () => {
      spec.given([]).when(open).then([opened]);
    });

    it('given an opened cabinet, when opening it again, then CABINET.ALREADY_EXISTS', () => {
      spec.given([opened]).when(open).thenThrows('CABINET.ALREADY_EXISTS');
    });

    it('given nothing, when the owner opens a cabinet in a zone spelt loosely, then it is opened in the zone as Intl spells it', () => {
      spec
        .given([])
        .when(openIn('america/martinique'))
        .then([{ type: 'CabinetOpened', data: { ...cabinet, timeZone: 'America/Martinique' } }]);
    });

    it.each(['Mars/Olympus_Mons', '+01:00', 'Paris', ''])('given nothing, when the owner opens a cabinet in %j, then CABINET.INVALID_TIME_ZONE', (timeZone) => {
      spec.given([]).when(openIn(timeZone)).thenThrows('CABINET.INVALID_TIME_ZONE');
    });
  });

  describe('changing the time zone', () => {
    it('given an opened cabinet, when the owner moves it to another zone, then its time zone changed', () => {
      spec.given([opened]).when(change(OWNER, { timeZone: 'America/Martinique' })).then([movedTo('America/Martinique')]);
    });

    it('given an opened cabinet, when the owner gives its current zone, then nothing happens', () => {
      spec.given([opened]).when(change(OWNER, { timeZone: 'Europe/Paris' })).then([]);
    });

    it('given a cabinet opened before time zones existed, when the owner gives Europe/Paris, then nothing happens: it was already there', () => {
      spec.given([openedBeforeTimeZones]).when(change(OWNER, { timeZone: 'Europe/Paris' })).then([]);
      spec.given([openedBeforeTimeZones]).when(change(OWNER, { timeZone: 'Indian/Reunion' })).then([movedTo('Indian/Reunion')]);
    });

    it('given a cabinet moved to another zone, when the owner gives that zone again, then nothing happens', () => {
      spec.given([opened, movedTo('Indian/Reunion')]).when(change(OWNER, { timeZone: 'Indian/Reunion' })).then([]);
    });

    it('given an opened cabinet, when the owner renames it and moves it at once, then both are decided together, the name first', () => {
      spec.given([opened]).when(change(OWNER, { name: 'Cabinet de Fort-de-France', timeZone: 'America/Martinique' })).then([renamed('Cabinet de Fort-de-France'), movedTo('America/Martinique')]);
    });

    it('given an opened cabinet, when the owner gives an unknown zone with a new name, then CABINET.INVALID_TIME_ZONE and not even the name changes', () => {
      spec.given([opened]).when(change(OWNER, { name: 'Cabinet martien', timeZone: 'Mars/Olympus_Mons' })).thenThrows('CABINET.INVALID_TIME_ZONE');
    });

    it('given an opened cabinet, when another account moves it, then CABINET.NOT_OWNER', () => {
      spec.given([opened]).when(change(OTHER, { timeZone: 'Asia/Tokyo' })).thenThrows('CABINET.NOT_OWNER');
    });

    it('given a closed cabinet, when the owner moves it, then CABINET.CLOSED', () => {
      spec.given([opened, closed]).when(change(OWNER, { timeZone: 'Asia/Tokyo' })).thenThrows('CABINET.CLOSED');
    });
  });

  describe('renaming', () => {
    it('given an opened cabinet, when the owner renames it, then it is renamed', () => {
      spec
        .given([opened])
        .when(rename(OWNER, 'Cabinet Lyon Presqu’île'))
        .then([renamed('Cabinet Lyon Presqu’île')]);
    });

    it('given an opened cabinet, when the owner renames it to its current name, then nothing happens', () => {
      spec.given([opened]).when(rename(OWNER, 'Cabinet de Lyon')).then([]);
    });

    it('given an opened cabinet, when another account renames it, then CABINET.NOT_OWNER', () => {
      spec.given([opened]).when(rename(OTHER, 'Mon cabinet')).thenThrows('CABINET.NOT_OWNER');
    });

    it('given a closed cabinet, when the owner renames it, then CABINET.CLOSED', () => {
      spec.given([opened, closed]).when(rename(OWNER, 'Cabinet fermé')).thenThrows('CABINET.CLOSED');
    });

    it('given no cabinet, when renaming it, then CABINET.NOT_FOUND', () => {
      spec.given([]).when(rename(OWNER, 'Cabinet de Lyon')).thenThrows('CABINET.NOT_FOUND');
    });
  });

  describe('reminder settings', () => {
    const lyon = { delayHours: 48, address: '3 rue Mercière, 69002 Lyon', phone: '+33478000000' };

    it('given an opened cabinet, when the owner sets its delay, address and phone, then its reminder settings changed, all three', () => {
      spec.given([opened]).when(remindWith(OWNER, lyon)).then([reminding(lyon)]);
    });

    it.each([0, 1, 168])('given an opened cabinet, when the owner sets %i hours, then that is the delay (0: no reminders)', (delayHours) => {
      spec.given([opened]).when(remindWith(OWNER, { delayHours })).then([reminding({ delayHours })]);
    });

    it('given a cabinet never set (24 hours, no address, no phone), when the owner sends those, then nothing happens', () => {
      spec.given([opened]).when(remindWith(OWNER)).then([]);
    });

    it('given settings already changed, when the owner sends them again, then nothing happens; when she clears the phone, then only that differs', () => {
      spec.given([opened, reminding(lyon)]).when(remindWith(OWNER, lyon)).then([]);
      spec.given([opened, reminding(lyon)]).when(remindWith(OWNER, { ...lyon, phone: null })).then([reminding({ ...lyon, phone: null })]);
    });

    it.each([-1, 169, 1.5, Number.NaN])('given an opened cabinet, when the owner sets %p hours, then CABINET.INVALID_REMINDER_DELAY', (delayHours) => {
      spec.given([opened]).when(remindWith(OWNER, { delayHours })).thenThrows('CABINET.INVALID_REMINDER_DELAY');
    });

    it.each(['04 78 00 00 00', '+0478000000', '+33 4 78 00 00 00'])('given an opened cabinet, when the phone is %j (not E.164), then CABINET.INVALID_PHONE', (phone) => {
      spec.given([opened]).when(remindWith(OWNER, { phone })).thenThrows('CABINET.INVALID_PHONE');
    });

    it.each(['', '   ', 'x'.repeat(301)])('given an opened cabinet, when the address is %j, then CABINET.INVALID_REMINDER_ADDRESS', (address) => {
      spec.given([opened]).when(remindWith(OWNER, { address })).thenThrows('CABINET.INVALID_REMINDER_ADDRESS');
    });

    it('given an opened cabinet, when a colleague or another account sets them, then CABINET.NOT_OWNER', () => {
      spec.given([opened, invited('inv-1', COLLEAGUE), joined('inv-1', COLLEAGUE)]).when(remindWith(COLLEAGUE, lyon)).thenThrows('CABINET.NOT_OWNER');
      spec.given([opened]).when(remindWith(OTHER, lyon)).thenThrows('CABINET.NOT_OWNER');
    });

    it('given a closed cabinet, or none, when the owner sets them, then CABINET.CLOSED, or CABINET.NOT_FOUND', () => {
      spec.given([opened, closed]).when(remindWith(OWNER, lyon)).thenThrows('CABINET.CLOSED');
      spec.given([]).when(remindWith(OWNER, lyon)).thenThrows('CABINET.NOT_FOUND');
    });
  });

  describe('closing', () => {
    it('given an opened cabinet, when the owner closes it, then it is closed', () => {
      spec.given([opened]).when(close(OWNER)).then([closed]);
    });

    it('given a closed cabinet, when the owner closes it again, then nothing happens', () => {
      spec.given([opened, closed]).when(close(OWNER)).then([]);
    });
  });

  describe('inviting a colleague', () => {
    it('given an opened cabinet, when the owner invites another account, then the colleague is invited', () => {
      spec.given([opened]).when(invite(OWNER, 'inv-1', COLLEAGUE)).then([invited('inv-1', COLLEAGUE)]);
    });

    it('given an opened cabinet, when the owner invites themself, then INVITATION.SELF', () => {
      spec.given([opened]).when(invite(OWNER, 'inv-1', OWNER)).thenThrows('INVITATION.SELF');
    });

    it('given a colleague who joined, when the owner invites them again, then INVITATION.ALREADY_COLLEAGUE', () => {
      spec
        .given([opened, invited('inv-1', COLLEAGUE), joined('inv-1', COLLEAGUE)])
        .when(invite(OWNER, 'inv-2', COLLEAGUE))
        .thenThrows('INVITATION.ALREADY_COLLEAGUE');
    });

    it('given a pending invitation, when the owner invites the same account again, then INVITATION.ALREADY_PENDING', () => {
      spec.given([opened, invited('inv-1', COLLEAGUE)]).when(invite(OWNER, 'inv-2', COLLEAGUE)).thenThrows('INVITATION.ALREADY_PENDING');
    });

    it('given an opened cabinet, when another account invites a colleague, then CABINET.NOT_OWNER', () => {
      spec.given([opened]).when(invite(OTHER, 'inv-1', COLLEAGUE)).thenThrows('CABINET.NOT_OWNER');
    });

    it('given a colleague who was removed, when the owner invites them again, then they are invited', () => {
      spec
        .given([opened, invited('inv-1', COLLEAGUE), joined('inv-1', COLLEAGUE), removed(COLLEAGUE)])
        .when(invite(OWNER, 'inv-2', COLLEAGUE))
        .then([invited('inv-2', COLLEAGUE)]);
    });
  });

  describe('accepting an invitation', () => {
    it('given a pending invitation, when the invitee accepts it, then the colleague joins', () => {
      spec.given([opened, invited('inv-1', COLLEAGUE)]).when(accept('inv-1', COLLEAGUE)).then([joined('inv-1', COLLEAGUE)]);
    });

    it('given a pending invitation, when another account accepts it, then INVITATION.NOT_INVITEE', () => {
      spec.given([opened, invited('inv-1', COLLEAGUE)]).when(accept('inv-1', OTHER)).thenThrows('INVITATION.NOT_INVITEE');
    });

    it('given an invitation another account already accepted, when a colleague accepts it, then INVITATION.NOT_INVITEE', () => {
      // OTHER shares the cabinet too: being a colleague must not let them "accept" COLLEAGUE's invitation.
      spec
        .given([opened, invited('inv-1', COLLEAGUE), joined('inv-1', COLLEAGUE), invited('inv-2', OTHER), joined('inv-2', OTHER)])
        .when(accept('inv-1', OTHER))
        .thenThrows('INVITATION.NOT_INVITEE');
    });

    it('given an opened cabinet, when accepting an invitation that was never sent, then INVITATION.NOT_FOUND', () => {
      spec.given([opened]).when(accept('inv-unknown', COLLEAGUE)).thenThrows('INVITATION.NOT_FOUND');
    });

    it('given a colleague who joined, when they accept an invitation that was never sent, then INVITATION.NOT_FOUND', () => {
      spec
        .given([opened, invited('inv-1', COLLEAGUE), joined('inv-1', COLLEAGUE)])
        .when(accept('inv-unknown', COLLEAGUE))
        .thenThrows('INVITATION.NOT_FOUND');
    });

    it('given no cabinet, when accepting an invitation, then INVITATION.NOT_FOUND', () => {
      spec.given([]).when(accept('inv-1', COLLEAGUE)).thenThrows('INVITATION.NOT_FOUND');
    });

    it('given an accepted invitation, when the colleague accepts it again, then nothing happens', () => {
      spec.given([opened, invited('inv-1', COLLEAGUE), joined('inv-1', COLLEAGUE)]).when(accept('inv-1', COLLEAGUE)).then([]);
    });

    it('given a pending invitation to a cabinet closed since, when the invitee accepts it, then CABINET.CLOSED', () => {
      spec.given([opened, invited('inv-1', COLLEAGUE), closed]).when(accept('inv-1', COLLEAGUE)).thenThrows('CABINET.CLOSED');
    });
  });

  describe('removing a colleague', () => {
    it('given a colleague who joined, when the owner removes them, then the colleague is removed', () => {
      spec.given([opened, invited('inv-1', COLLEAGUE), joined('inv-1', COLLEAGUE)]).when(remove(OWNER, COLLEAGUE)).then([removed(COLLEAGUE)]);
    });

    it('given an account that does not share the cabinet, when the owner removes it, then COLLEAGUE.NOT_FOUND', () => {
      spec.given([opened, invited('inv-1', COLLEAGUE)]).when(remove(OWNER, COLLEAGUE)).thenThrows('COLLEAGUE.NOT_FOUND');
    });
  });
});
