import { InMemoryAccessGrant, invitationIdFor, past } from '../test-support/in-memory-access-grant';
import { ListColleaguesQuery } from './list-colleagues.query';

const ANNE = 'anne';
const CAMILLE = 'camille';
const DAVID = 'david';
const EVE = 'eve';
const FRED = 'fred';
const BRUNO = 'bruno';

const sentToday = expect.stringMatching(/^2026-03-02T/);

describe('the colleagues of a cabinet', () => {
  let accessGrant: InMemoryAccessGrant;
  let listColleagues: ListColleaguesQuery;

  beforeEach(async () => {
    accessGrant = new InMemoryAccessGrant();
    listColleagues = new ListColleaguesQuery(accessGrant.access, accessGrant.readStore, accessGrant.accountNames, accessGrant.inviteeAddresses);
    await accessGrant.givenAccounts({ accountId: CAMILLE, email: 'camille.petit@example.fr', displayName: 'Dr Camille Petit', kind: 'main' });
    await accessGrant.given(
      past.cabinetOpened('lilas', ANNE),
      past.colleagueInvited('lilas', ANNE, CAMILLE, 'camille.petit@example.fr'),
      past.colleagueJoined('lilas', ANNE, CAMILLE),
      past.colleagueInvited('lilas', ANNE, DAVID, 'david@example.fr'),
      past.colleagueInvited('lilas', ANNE, EVE, 'eve@example.fr'),
      past.colleagueJoined('lilas', ANNE, EVE),
      past.colleagueRemoved('lilas', ANNE, EVE),
      // Invited before #11: no address was kept.
      past.colleagueInvited('lilas', ANNE, FRED, null),
      past.cabinetOpened('roses', ANNE),
      past.cabinetOpened('gare', BRUNO),
    );
  });

  afterEach(() => accessGrant.close());

  it('given colleagues active, invited and removed, when the owner lists them, then each where they stand, with the address she typed and their name when known', async () => {
    expect(await listColleagues.execute(ANNE, 'lilas')).toEqual([
      { accountId: CAMILLE, email: 'camille.petit@example.fr', displayName: 'Dr Camille Petit', status: 'active', invitationId: invitationIdFor('lilas', CAMILLE), invitedAt: sentToday },
      { accountId: DAVID, email: 'david@example.fr', displayName: null, status: 'invited', invitationId: invitationIdFor('lilas', DAVID), invitedAt: sentToday },
      { accountId: EVE, email: 'eve@example.fr', displayName: null, status: 'removed', invitationId: invitationIdFor('lilas', EVE), invitedAt: sentToday },
      { accountId: FRED, email: null, displayName: null, status: 'invited', invitationId: invitationIdFor('lilas', FRED), invitedAt: sentToday },
    ]);
  });

  it('given a cabinet nobody was invited to, when its owner lists its colleagues, then there are none', async () => {
    expect(await listColleagues.execute(ANNE, 'roses')).toEqual([]);
  });

  it('given a colleague of the cabinet, when she lists its colleagues, then it is forbidden: the list is the owner’s', async () => {
    await expect(listColleagues.execute(CAMILLE, 'lilas')).rejects.toMatchObject({ code: 'ACCESS.FORBIDDEN', kind: 'forbidden' });
  });

  it('given someone else’s cabinet, when the caller lists its colleagues, then it is not found', async () => {
    await expect(listColleagues.execute(ANNE, 'gare')).rejects.toMatchObject({ code: 'RESOURCE.NOT_FOUND', kind: 'not_found' });
    await expect(listColleagues.execute(DAVID, 'lilas')).rejects.toMatchObject({ code: 'RESOURCE.NOT_FOUND', kind: 'not_found' });
  });
});
