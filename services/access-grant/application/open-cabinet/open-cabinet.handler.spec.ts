import { InMemoryAccessGrant } from '../test-support/in-memory-access-grant';
import { OpenCabinetHandler } from './open-cabinet.handler';

const ANNE = 'anne';

describe('opening a cabinet', () => {
  let accessGrant: InMemoryAccessGrant;
  let openCabinet: OpenCabinetHandler;

  beforeEach(() => {
    accessGrant = new InMemoryAccessGrant();
    openCabinet = new OpenCabinetHandler(accessGrant.store, accessGrant.clock);
  });

  afterEach(() => accessGrant.close());

  it('given a main account, when it opens a cabinet with a name and nothing else, then the cabinet is opened in its name, in Europe/Paris, with no address', async () => {
    const { cabinetId } = await openCabinet.execute(accessGrant.caller(ANNE), { name: '  Cabinet des Lilas ' });

    expect(await accessGrant.written()).toEqual([
      { type: 'CabinetOpened', data: { cabinetId, ownerId: ANNE, name: 'Cabinet des Lilas', address: null, timeZone: 'Europe/Paris' } },
    ]);
  });

  it('given a main account, when it opens a cabinet with an address and a time zone, then both are kept, the address trimmed', async () => {
    const { cabinetId } = await openCabinet.execute(accessGrant.caller(ANNE), { name: 'Cabinet de la Réunion', address: ' 3 rue des Flamboyants ', timeZone: 'Indian/Reunion' });

    expect(await accessGrant.written()).toEqual([
      { type: 'CabinetOpened', data: { cabinetId, ownerId: ANNE, name: 'Cabinet de la Réunion', address: '3 rue des Flamboyants', timeZone: 'Indian/Reunion' } },
    ]);
  });

  it('given a blank address, when a cabinet is opened, then it has no address', async () => {
    await openCabinet.execute(accessGrant.caller(ANNE), { name: 'Cabinet des Lilas', address: '   ' });

    expect(await accessGrant.written()).toEqual([expect.objectContaining({ data: expect.objectContaining({ address: null }) })]);
  });

  it('given a specific account (a secretary), when it opens a cabinet, then it is forbidden and nothing is written', async () => {
    await expect(openCabinet.execute(accessGrant.caller('seb', 'specific'), { name: 'Cabinet de Seb' })).rejects.toMatchObject({
      code: 'CABINET.MAIN_ACCOUNT_REQUIRED',
      kind: 'forbidden',
    });
    expect(await accessGrant.written()).toEqual([]);
  });

  it('given a time zone that is not an IANA zone, when a cabinet is opened, then it is refused and nothing is written', async () => {
    await expect(openCabinet.execute(accessGrant.caller(ANNE), { name: 'Cabinet des Lilas', timeZone: 'Paris' })).rejects.toMatchObject({
      code: 'CABINET.INVALID_TIME_ZONE',
      kind: 'invalid',
    });
    expect(await accessGrant.written()).toEqual([]);
  });
});
