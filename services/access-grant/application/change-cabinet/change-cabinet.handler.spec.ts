import { InMemoryAccessGrant, past } from '../test-support/in-memory-access-grant';
import { ChangeCabinetHandler } from './change-cabinet.handler';

const ANNE = 'anne';
const CAMILLE = 'camille';
const BRUNO = 'bruno';

describe('changing a cabinet', () => {
  let accessGrant: InMemoryAccessGrant;
  let changeCabinet: ChangeCabinetHandler;

  beforeEach(async () => {
    accessGrant = new InMemoryAccessGrant();
    changeCabinet = new ChangeCabinetHandler(accessGrant.store, accessGrant.access, accessGrant.clock);
    await accessGrant.given(
      past.cabinetOpened('lilas', ANNE, 'Cabinet des Lilas'),
      past.colleagueInvited('lilas', ANNE, CAMILLE),
      past.colleagueJoined('lilas', ANNE, CAMILLE),
      past.cabinetOpened('bruno-1', BRUNO),
    );
  });

  afterEach(() => accessGrant.close());

  it('given her cabinet, when the owner changes its name and time zone, then it is renamed and moved, both at once', async () => {
    await changeCabinet.execute(accessGrant.caller(ANNE), 'lilas', { name: ' Cabinet des Roses ', timeZone: 'America/Martinique' });

    expect(await accessGrant.written()).toEqual([
      { type: 'CabinetRenamed', data: { cabinetId: 'lilas', ownerId: ANNE, name: 'Cabinet des Roses' } },
      { type: 'CabinetTimeZoneChanged', data: { cabinetId: 'lilas', ownerId: ANNE, timeZone: 'America/Martinique' } },
    ]);
  });

  it('given her cabinet, when the owner sends what it already is (and null for what she leaves), then nothing is written', async () => {
    await changeCabinet.execute(accessGrant.caller(ANNE), 'lilas', { name: 'Cabinet des Lilas', timeZone: null });

    expect(await accessGrant.written()).toEqual([]);
  });

  it('given a new name with a time zone that is not an IANA zone, when the owner changes both, then neither changes', async () => {
    await expect(changeCabinet.execute(accessGrant.caller(ANNE), 'lilas', { name: 'Cabinet des Roses', timeZone: 'Paris' })).rejects.toMatchObject({
      code: 'CABINET.INVALID_TIME_ZONE',
      kind: 'invalid',
    });
    expect(await accessGrant.written()).toEqual([]);
  });

  it('given a colleague of the cabinet, when she renames it, then it is forbidden (she sees it, only its owner manages it)', async () => {
    await expect(changeCabinet.execute(accessGrant.caller(CAMILLE), 'lilas', { name: 'Chez Camille' })).rejects.toMatchObject({
      code: 'ACCESS.FORBIDDEN',
      kind: 'forbidden',
    });
    expect(await accessGrant.written()).toEqual([]);
  });

  it('given someone else’s cabinet, or no such cabinet, when the caller renames it, then it is not found', async () => {
    await expect(changeCabinet.execute(accessGrant.caller(ANNE), 'bruno-1', { name: 'Chez Anne' })).rejects.toMatchObject({ code: 'RESOURCE.NOT_FOUND', kind: 'not_found' });
    await expect(changeCabinet.execute(accessGrant.caller(ANNE), 'nowhere', { name: 'Chez Anne' })).rejects.toMatchObject({ code: 'RESOURCE.NOT_FOUND', kind: 'not_found' });
    expect(await accessGrant.written()).toEqual([]);
  });

  it('given her cabinet closed, when the owner renames it, then it is not found: a closed cabinet is no longer among hers', async () => {
    await accessGrant.given(past.cabinetClosed('lilas', ANNE));

    await expect(changeCabinet.execute(accessGrant.caller(ANNE), 'lilas', { name: 'Cabinet des Roses' })).rejects.toMatchObject({ code: 'RESOURCE.NOT_FOUND', kind: 'not_found' });
    expect(await accessGrant.written()).toEqual([]);
  });
});
