import { InMemoryAccessGrant, invitationIdFor, past } from '../test-support/in-memory-access-grant';
import { ListInvitationsQuery } from './list-invitations.query';

const ANNE = 'anne';
const CAMILLE = 'camille';
const DAVID = 'david';

describe('the invitations of a caller', () => {
  let accessGrant: InMemoryAccessGrant;
  let listInvitations: ListInvitationsQuery;

  beforeEach(async () => {
    accessGrant = new InMemoryAccessGrant();
    listInvitations = new ListInvitationsQuery(accessGrant.readStore, accessGrant.reader, accessGrant.accountNames, accessGrant.inviteeAddresses);
    await accessGrant.givenAccounts(
      { accountId: ANNE, email: 'anne.roux@example.fr', displayName: 'Dr Anne Roux', kind: 'main' },
      { accountId: CAMILLE, email: 'camille.petit@example.fr', displayName: 'Dr Camille Petit', kind: 'main' },
    );
    await accessGrant.given(
      past.cabinetOpened('lilas', ANNE, 'Cabinet des Lilas'),
      past.colleagueInvited('lilas', ANNE, CAMILLE, 'camille.petit@example.fr'),
      past.colleagueInvited('lilas', ANNE, DAVID, 'david@example.fr'),
      past.colleagueJoined('lilas', ANNE, DAVID),
    );
  });

  afterEach(() => accessGrant.close());

  it('given an invitation waiting for her, when the invitee lists hers, then she receives it with the cabinet’s and the inviter’s names', async () => {
    expect(await listInvitations.execute(CAMILLE)).toEqual({
      received: [
        {
          invitationId: invitationIdFor('lilas', CAMILLE),
          cabinetId: 'lilas',
          ownerId: ANNE,
          inviteeAccountId: CAMILLE,
          status: 'pending',
          cabinetName: 'Cabinet des Lilas',
          ownerDisplayName: 'Dr Anne Roux',
          inviteeEmail: 'camille.petit@example.fr',
          inviteeDisplayName: 'Dr Camille Petit',
        },
      ],
      sent: [],
    });
  });

  it('given an invitation accepted, when the invitee lists hers, then it is no longer waiting for him', async () => {
    expect(await listInvitations.execute(DAVID)).toEqual({ received: [], sent: [] });
  });

  it('given invitations she sent, when the owner lists hers, then each where it stands, with the address she typed', async () => {
    const { received, sent } = await listInvitations.execute(ANNE);

    expect(received).toEqual([]);
    expect(sent.map(({ inviteeAccountId, inviteeEmail, inviteeDisplayName, status }) => ({ inviteeAccountId, inviteeEmail, inviteeDisplayName, status }))).toEqual([
      { inviteeAccountId: CAMILLE, inviteeEmail: 'camille.petit@example.fr', inviteeDisplayName: 'Dr Camille Petit', status: 'pending' },
      { inviteeAccountId: DAVID, inviteeEmail: 'david@example.fr', inviteeDisplayName: null, status: 'accepted' },
    ]);
  });

  it('given the cabinet renamed since, when the invitee lists hers, then the invitation shows its current name', async () => {
    await accessGrant.given(past.cabinetRenamed('lilas', ANNE, 'Cabinet des Roses'));

    expect((await listInvitations.execute(CAMILLE)).received).toEqual([expect.objectContaining({ cabinetName: 'Cabinet des Roses' })]);
  });
});
