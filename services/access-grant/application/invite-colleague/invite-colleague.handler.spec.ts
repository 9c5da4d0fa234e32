import { InMemoryAccessGrant, past } from '../test-support/in-memory-access-grant';
import { InviteColleagueHandler } from './invite-colleague.handler';

const ANNE = 'anne';
const CAMILLE = 'camille';
const BRUNO = 'bruno';

describe('inviting a colleague', () => {
  let accessGrant: InMemoryAccessGrant;
  let inviteColleague: InviteColleagueHandler;

  beforeEach(async () => {
    accessGrant = new InMemoryAccessGrant();
    inviteColleague = new InviteColleagueHandler(accessGrant.store, accessGrant.access, accessGrant.directory, accessGrant.clock);
    await accessGrant.givenAccounts(
      { accountId: ANNE, email: 'anne.roux@example.fr', displayName: 'Dr Anne Roux', kind: 'main' },
      { accountId: CAMILLE, email: 'camille.petit@example.fr', displayName: 'Dr Camille Petit', kind: 'main' },
      { accountId: BRUNO, email: 'bruno.leroy@example.fr', displayName: 'Dr Bruno Leroy', kind: 'main' },
      { accountId: 'seb', email: 'secretariat@example.fr', displayName: 'Sébastien', kind: 'specific' },
    );
    await accessGrant.given(past.cabinetOpened('lilas', ANNE), past.cabinetOpened('bruno-1', BRUNO));
  });

  afterEach(() => accessGrant.close());

  it('given an osteopath with a main account, when the owner invites them by their address, then they are invited, the address kept as typed but trimmed and lower-cased', async () => {
    const { invitationId } = await inviteColleague.execute(accessGrant.caller(ANNE), 'lilas', ' Camille.Petit@Example.fr ');

    expect(await accessGrant.written()).toEqual([
      { type: 'ColleagueInvited', data: { invitationId, cabinetId: 'lilas', ownerId: ANNE, inviteeAccountId: CAMILLE, inviteeEmail: 'camille.petit@example.fr' } },
    ]);
  });

  it('given an address of no account, or of a specific account, when the owner invites it, then it is refused: a colleague registers first', async () => {
    await expect(inviteColleague.execute(accessGrant.caller(ANNE), 'lilas', 'nobody@example.fr')).rejects.toMatchObject({ code: 'INVITATION.NOT_A_MAIN_ACCOUNT', kind: 'invalid' });
    await expect(inviteColleague.execute(accessGrant.caller(ANNE), 'lilas', 'secretariat@example.fr')).rejects.toMatchObject({
      code: 'INVITATION.NOT_A_MAIN_ACCOUNT',
      kind: 'invalid',
    });
    expect(await accessGrant.written()).toEqual([]);
  });

  it('given her own address, when the owner invites herself, then it is refused', async () => {
    await expect(inviteColleague.execute(accessGrant.caller(ANNE), 'lilas', 'anne.roux@example.fr')).rejects.toMatchObject({ code: 'INVITATION.SELF', kind: 'invalid' });
    expect(await accessGrant.written()).toEqual([]);
  });

  it('given a colleague already invited, or already sharing the cabinet, when the owner invites them again, then it is a conflict', async () => {
    await accessGrant.given(past.colleagueInvited('lilas', ANNE, CAMILLE));
    await expect(inviteColleague.execute(accessGrant.caller(ANNE), 'lilas', 'camille.petit@example.fr')).rejects.toMatchObject({
      code: 'INVITATION.ALREADY_PENDING',
      kind: 'conflict',
    });

    await accessGrant.given(past.colleagueJoined('lilas', ANNE, CAMILLE));
    await expect(inviteColleague.execute(accessGrant.caller(ANNE), 'lilas', 'camille.petit@example.fr')).rejects.toMatchObject({
      code: 'INVITATION.ALREADY_COLLEAGUE',
      kind: 'conflict',
    });
    expect(await accessGrant.written()).toEqual([]);
  });

  it('given a colleague of the cabinet, when she invites someone, then it is forbidden; given someone else’s cabinet, then it is not found', async () => {
    await accessGrant.given(past.colleagueInvited('lilas', ANNE, CAMILLE), past.colleagueJoined('lilas', ANNE, CAMILLE));

    await expect(inviteColleague.execute(accessGrant.caller(CAMILLE), 'lilas', 'bruno.leroy@example.fr')).rejects.toMatchObject({ code: 'ACCESS.FORBIDDEN', kind: 'forbidden' });
    await expect(inviteColleague.execute(accessGrant.caller(ANNE), 'bruno-1', 'camille.petit@example.fr')).rejects.toMatchObject({
      code: 'RESOURCE.NOT_FOUND',
      kind: 'not_found',
    });
    expect(await accessGrant.written()).toEqual([]);
  });
});
