import { InMemoryAccessGrant, invitationIdFor, past } from '../test-support/in-memory-access-grant';
import { AcceptInvitationHandler } from './accept-invitation.handler';

const ANNE = 'anne';
const CAMILLE = 'camille';
const BRUNO = 'bruno';
const INVITATION = invitationIdFor('lilas', CAMILLE);

describe('accepting an invitation', () => {
  let accessGrant: InMemoryAccessGrant;
  let acceptInvitation: AcceptInvitationHandler;

  beforeEach(async () => {
    accessGrant = new InMemoryAccessGrant();
    acceptInvitation = new AcceptInvitationHandler(accessGrant.store, accessGrant.readStore, accessGrant.clock);
    await accessGrant.given(past.cabinetOpened('lilas', ANNE), past.colleagueInvited('lilas', ANNE, CAMILLE));
  });

  afterEach(() => accessGrant.close());

  it('given an invitation to share a cabinet, when the invitee accepts it, then she joins the cabinet', async () => {
    await acceptInvitation.execute(accessGrant.caller(CAMILLE), INVITATION);

    expect(await accessGrant.written()).toEqual([
      { type: 'ColleagueJoined', data: { invitationId: INVITATION, cabinetId: 'lilas', ownerId: ANNE, colleagueAccountId: CAMILLE } },
    ]);
  });

  it('given an invitation she already accepted, when the invitee accepts it again, then nothing changes', async () => {
    await accessGrant.given(past.colleagueJoined('lilas', ANNE, CAMILLE));

    await acceptInvitation.execute(accessGrant.caller(CAMILLE), INVITATION);

    expect(await accessGrant.written()).toEqual([]);
  });

  it('given an invitation to someone else, when another osteopath accepts it, then it is forbidden', async () => {
    await expect(acceptInvitation.execute(accessGrant.caller(BRUNO), INVITATION)).rejects.toMatchObject({ code: 'INVITATION.NOT_INVITEE', kind: 'forbidden' });
    expect(await accessGrant.written()).toEqual([]);
  });

  it('given no such invitation, when someone accepts it, then it is not found', async () => {
    await expect(acceptInvitation.execute(accessGrant.caller(CAMILLE), 'no-such-invitation')).rejects.toMatchObject({ code: 'INVITATION.NOT_FOUND', kind: 'not_found' });
    expect(await accessGrant.written()).toEqual([]);
  });

  it('given the cabinet closed since the invitation, when the invitee accepts it, then it is a conflict', async () => {
    await accessGrant.given(past.cabinetClosed('lilas', ANNE));

    await expect(acceptInvitation.execute(accessGrant.caller(CAMILLE), INVITATION)).rejects.toMatchObject({ code: 'CABINET.CLOSED', kind: 'conflict' });
    expect(await accessGrant.written()).toEqual([]);
  });
});
