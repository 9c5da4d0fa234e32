import { InMemoryAccessGrant, past } from '../test-support/in-memory-access-grant';
import { RemoveColleagueHandler } from './remove-colleague.handler';

const ANNE = 'anne';
const CAMILLE = 'camille';
const DAVID = 'david';
const BRUNO = 'bruno';

describe('removing a colleague', () => {
  let accessGrant: InMemoryAccessGrant;
  let removeColleague: RemoveColleagueHandler;

  beforeEach(async () => {
    accessGrant = new InMemoryAccessGrant();
    removeColleague = new RemoveColleagueHandler(accessGrant.store, accessGrant.access, accessGrant.clock);
    await accessGrant.given(
      past.cabinetOpened('lilas', ANNE),
      past.colleagueInvited('lilas', ANNE, CAMILLE),
      past.colleagueJoined('lilas', ANNE, CAMILLE),
      past.colleagueInvited('lilas', ANNE, DAVID),
      past.cabinetOpened('bruno-1', BRUNO),
    );
  });

  afterEach(() => accessGrant.close());

  it('given a colleague sharing her cabinet, when the owner removes her, then she no longer shares it', async () => {
    await removeColleague.execute(accessGrant.caller(ANNE), 'lilas', CAMILLE);

    expect(await accessGrant.written()).toEqual([{ type: 'ColleagueRemoved', data: { cabinetId: 'lilas', ownerId: ANNE, colleagueAccountId: CAMILLE } }]);
  });

  it('given an osteopath only invited, or removed already, when the owner removes them, then they are not found among the colleagues', async () => {
    await expect(removeColleague.execute(accessGrant.caller(ANNE), 'lilas', DAVID)).rejects.toMatchObject({ code: 'COLLEAGUE.NOT_FOUND', kind: 'not_found' });

    await accessGrant.given(past.colleagueRemoved('lilas', ANNE, CAMILLE));
    await expect(removeColleague.execute(accessGrant.caller(ANNE), 'lilas', CAMILLE)).rejects.toMatchObject({ code: 'COLLEAGUE.NOT_FOUND', kind: 'not_found' });
    expect(await accessGrant.written()).toEqual([]);
  });

  it('given a colleague of the cabinet, when she removes herself, then it is forbidden: only the owner manages the cabinet', async () => {
    await expect(removeColleague.execute(accessGrant.caller(CAMILLE), 'lilas', CAMILLE)).rejects.toMatchObject({ code: 'ACCESS.FORBIDDEN', kind: 'forbidden' });
    expect(await accessGrant.written()).toEqual([]);
  });

  it('given someone else’s cabinet, when the caller removes one of its colleagues, then it is not found', async () => {
    await expect(removeColleague.execute(accessGrant.caller(BRUNO), 'lilas', CAMILLE)).rejects.toMatchObject({ code: 'RESOURCE.NOT_FOUND', kind: 'not_found' });
    expect(await accessGrant.written()).toEqual([]);
  });
});
