import { InMemoryAccessGrant, past } from '../test-support/in-memory-access-grant';
import { CloseCabinetHandler } from './close-cabinet.handler';

const ANNE = 'anne';
const CAMILLE = 'camille';
const SEB = 'seb';
const BRUNO = 'bruno';

describe('closing a cabinet', () => {
  let accessGrant: InMemoryAccessGrant;
  let closeCabinet: CloseCabinetHandler;

  beforeEach(async () => {
    accessGrant = new InMemoryAccessGrant();
    closeCabinet = new CloseCabinetHandler(accessGrant.store, accessGrant.access, accessGrant.clock);
    await accessGrant.given(
      past.cabinetOpened('lilas', ANNE),
      past.colleagueInvited('lilas', ANNE, CAMILLE),
      past.colleagueJoined('lilas', ANNE, CAMILLE),
      past.delegationGranted('d-seb', { ownerId: ANNE, granteeAccountId: SEB, cabinetIds: ['lilas'] }),
      past.cabinetOpened('bruno-1', BRUNO),
    );
  });

  afterEach(() => accessGrant.close());

  it('given her open cabinet, when the owner closes it, then it is closed', async () => {
    await closeCabinet.execute(accessGrant.caller(ANNE), 'lilas');

    expect(await accessGrant.written()).toEqual([{ type: 'CabinetClosed', data: { cabinetId: 'lilas', ownerId: ANNE } }]);
  });

  it('given a colleague or a secretary of the cabinet, when they close it, then it is forbidden and it stays open', async () => {
    await expect(closeCabinet.execute(accessGrant.caller(CAMILLE), 'lilas')).rejects.toMatchObject({ code: 'ACCESS.FORBIDDEN', kind: 'forbidden' });
    await expect(closeCabinet.execute(accessGrant.caller(SEB, 'specific'), 'lilas')).rejects.toMatchObject({ code: 'ACCESS.FORBIDDEN', kind: 'forbidden' });
    expect(await accessGrant.written()).toEqual([]);
  });

  it('given someone else’s cabinet, when the caller closes it, then it is not found', async () => {
    await expect(closeCabinet.execute(accessGrant.caller(ANNE), 'bruno-1')).rejects.toMatchObject({ code: 'RESOURCE.NOT_FOUND', kind: 'not_found' });
    expect(await accessGrant.written()).toEqual([]);
  });

  it('given her cabinet already closed, when the owner closes it again, then it is not found: a closed cabinet is no longer among hers', async () => {
    await accessGrant.given(past.cabinetClosed('lilas', ANNE));

    await expect(closeCabinet.execute(accessGrant.caller(ANNE), 'lilas')).rejects.toMatchObject({ code: 'RESOURCE.NOT_FOUND', kind: 'not_found' });
    expect(await accessGrant.written()).toEqual([]);
  });
});
