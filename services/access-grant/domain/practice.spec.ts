import { specFor } from '@osteo/event-sourcing/decider-spec';
import { practiceDecider, type PracticeCommand, type PracticeEvent } from './practice';

const metadata = { now: new Date('2026-03-02T08:30:00.000Z') };

const CABINET = 'cab-lyon';
const OWNER = 'acc-claire';
const COLLEAGUE = 'acc-hugo';
const OTHER = 'acc-lea';

const practice = { cabinetId: CABINET, ownerId: OWNER, name: 'Cabinet de Lyon', address: '3 rue Mercière, Lyon' };

// Events
const opened: PracticeEvent = { type: 'PracticeOpened', data: practice };
const closed: PracticeEvent = { type: 'PracticeClosed', data: { cabinetId: CABINET, ownerId: OWNER } };
const invited = (invitationId: string, inviteeAccountId: string): PracticeEvent => ({
  type: 'ColleagueInvited',
  data: { invitationId, cabinetId: CABINET, ownerId: OWNER, inviteeAccountId },
});
const joined = (invitationId: string, colleagueAccountId: string): PracticeEvent => ({
  type: 'ColleagueJoined',
  data: { invitationId, cabinetId: CABINET, ownerId: OWNER, colleagueAccountId },
});
const removed = (colleagueAccountId: string): PracticeEvent => ({ type: 'ColleagueRemoved', data: { cabinetId: CABINET, ownerId: OWNER, colleagueAccountId } });

// Commands
const open: PracticeCommand = { type: 'OpenPractice', data: practice, metadata };
const rename = (byAccountId: string, name: string): PracticeCommand => ({ type: 'RenamePractice', data: { byAccountId, name }, metadata });
const close = (byAccountId: string): PracticeCommand => ({ type: 'ClosePractice', data: { byAccountId }, metadata });
const invite = (byAccountId: string, invitationId: string, inviteeAccountId: string): PracticeCommand => ({
  type: 'InviteColleague',
  data: { byAccountId, invitationId, inviteeAccountId },
  metadata,
});
const accept = (invitationId: string, byAccountId: string): PracticeCommand => ({ type: 'AcceptInvitation', data: { invitationId, byAccountId }, metadata });
const remove = (byAccountId: string, colleagueAccountId: string): PracticeCommand => ({
  type: 'RemoveColleague',
  data: { byAccountId, colleagueAccountId },
  metadata,
});

describe('practice decider', () => {
  const spec = specFor(practiceDecider);

  describe('opening', () => {
    it('given nothing, when the owner opens a practice, then it is opened with its name and address', () => {
      spec.given([]).when(open).then([opened]);
    });

    it('given an opened practice, when opening it again, then PRACTICE.ALREADY_EXISTS', () => {
      spec.given([opened]).when(open).thenThrows('PRACTICE.ALREADY_EXISTS');
    });
  });

  describe('renaming', () => {
    it('given an opened practice, when the owner renames it, then it is renamed', () => {
      spec
        .given([opened])
        .when(rename(OWNER, 'Cabinet Lyon Presqu’île'))
        .then([{ type: 'PracticeRenamed', data: { cabinetId: CABINET, ownerId: OWNER, name: 'Cabinet Lyon Presqu’île' } }]);
    });

    it('given an opened practice, when the owner renames it to its current name, then nothing happens', () => {
      spec.given([opened]).when(rename(OWNER, 'Cabinet de Lyon')).then([]);
    });

    it('given an opened practice, when another account renames it, then PRACTICE.NOT_OWNER', () => {
      spec.given([opened]).when(rename(OTHER, 'Mon cabinet')).thenThrows('PRACTICE.NOT_OWNER');
    });

    it('given a closed practice, when the owner renames it, then PRACTICE.CLOSED', () => {
      spec.given([opened, closed]).when(rename(OWNER, 'Cabinet fermé')).thenThrows('PRACTICE.CLOSED');
    });

    it('given no practice, when renaming it, then PRACTICE.NOT_FOUND', () => {
      spec.given([]).when(rename(OWNER, 'Cabinet de Lyon')).thenThrows('PRACTICE.NOT_FOUND');
    });
  });

  describe('closing', () => {
    it('given an opened practice, when the owner closes it, then it is closed', () => {
      spec.given([opened]).when(close(OWNER)).then([closed]);
    });

    it('given a closed practice, when the owner closes it again, then nothing happens', () => {
      spec.given([opened, closed]).when(close(OWNER)).then([]);
    });
  });

  describe('inviting a colleague', () => {
    it('given an opened practice, when the owner invites another account, then the colleague is invited', () => {
      spec.given([opened]).when(invite(OWNER, 'inv-1', COLLEAGUE)).then([invited('inv-1', COLLEAGUE)]);
    });

    it('given an opened practice, when the owner invites themself, then INVITATION.SELF', () => {
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

    it('given an opened practice, when another account invites a colleague, then PRACTICE.NOT_OWNER', () => {
      spec.given([opened]).when(invite(OTHER, 'inv-1', COLLEAGUE)).thenThrows('PRACTICE.NOT_OWNER');
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
      // OTHER shares the practice too: being a colleague must not let them "accept" COLLEAGUE's invitation.
      spec
        .given([opened, invited('inv-1', COLLEAGUE), joined('inv-1', COLLEAGUE), invited('inv-2', OTHER), joined('inv-2', OTHER)])
        .when(accept('inv-1', OTHER))
        .thenThrows('INVITATION.NOT_INVITEE');
    });

    it('given an opened practice, when accepting an invitation that was never sent, then INVITATION.NOT_FOUND', () => {
      spec.given([opened]).when(accept('inv-unknown', COLLEAGUE)).thenThrows('INVITATION.NOT_FOUND');
    });

    it('given a colleague who joined, when they accept an invitation that was never sent, then INVITATION.NOT_FOUND', () => {
      spec
        .given([opened, invited('inv-1', COLLEAGUE), joined('inv-1', COLLEAGUE)])
        .when(accept('inv-unknown', COLLEAGUE))
        .thenThrows('INVITATION.NOT_FOUND');
    });

    it('given no practice, when accepting an invitation, then INVITATION.NOT_FOUND', () => {
      spec.given([]).when(accept('inv-1', COLLEAGUE)).thenThrows('INVITATION.NOT_FOUND');
    });

    it('given an accepted invitation, when the colleague accepts it again, then nothing happens', () => {
      spec.given([opened, invited('inv-1', COLLEAGUE), joined('inv-1', COLLEAGUE)]).when(accept('inv-1', COLLEAGUE)).then([]);
    });

    it('given a pending invitation to a practice closed since, when the invitee accepts it, then PRACTICE.CLOSED', () => {
      spec.given([opened, invited('inv-1', COLLEAGUE), closed]).when(accept('inv-1', COLLEAGUE)).thenThrows('PRACTICE.CLOSED');
    });
  });

  describe('removing a colleague', () => {
    it('given a colleague who joined, when the owner removes them, then the colleague is removed', () => {
      spec.given([opened, invited('inv-1', COLLEAGUE), joined('inv-1', COLLEAGUE)]).when(remove(OWNER, COLLEAGUE)).then([removed(COLLEAGUE)]);
    });

    it('given an account that does not share the practice, when the owner removes it, then COLLEAGUE.NOT_FOUND', () => {
      spec.given([opened, invited('inv-1', COLLEAGUE)]).when(remove(OWNER, COLLEAGUE)).thenThrows('COLLEAGUE.NOT_FOUND');
    });
  });
});
