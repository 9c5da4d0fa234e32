import { InMemoryAccessGrant, past } from '../test-support/in-memory-access-grant';
import { ChangeDelegationHandler } from './change-delegation.handler';

const ANNE = 'anne';
const SAM = 'sam';
const SEB = 'seb';
const BRUNO = 'bruno';

describe('changing a delegation', () => {
  let accessGrant: InMemoryAccessGrant;
  let changeDelegation: ChangeDelegationHandler;

  beforeEach(async () => {
    accessGrant = new InMemoryAccessGrant();
    changeDelegation = new ChangeDelegationHandler(accessGrant.store, accessGrant.delegationOwnership, accessGrant.ownedCabinets, accessGrant.clock);
    await accessGrant.given(
      past.cabinetOpened('lilas', ANNE),
      past.cabinetOpened('roses', ANNE),
      past.cabinetOpened('bruno-1', BRUNO),
      past.delegationGranted('d-sam', { ownerId: ANNE, granteeAccountId: SAM, role: 'substitute', cabinetIds: ['lilas'], retrocessionBasisPoints: 3000 }),
      past.delegationGranted('d-seb', { ownerId: ANNE, granteeAccountId: SEB, cabinetIds: ['lilas'] }),
    );
  });

  afterEach(() => accessGrant.close());

  it('given her substitute, when the owner changes the cabinets and the rate, then both change, the rate in basis points', async () => {
    await changeDelegation.execute(accessGrant.caller(ANNE), 'd-sam', { cabinetIds: ['lilas', 'roses'], retrocessionPercent: 25.5 });

    expect(await accessGrant.written()).toEqual([
      { type: 'DelegationCabinetsChanged', data: { delegationId: 'd-sam', ownerId: ANNE, cabinetIds: ['lilas', 'roses'] } },
      { type: 'DelegationRetrocessionChanged', data: { delegationId: 'd-sam', ownerId: ANNE, retrocessionBasisPoints: 2550 } },
    ]);
  });

  it('given a delegation, when its grantee changes it, then it is forbidden; when anyone else does, or the delegation does not exist, then it is not found', async () => {
    await expect(changeDelegation.execute(accessGrant.caller(SAM), 'd-sam', { retrocessionPercent: 60 })).rejects.toMatchObject({ code: 'DELEGATION.NOT_OWNER', kind: 'forbidden' });
    await expect(changeDelegation.execute(accessGrant.caller(BRUNO), 'd-sam', { retrocessionPercent: 60 })).rejects.toMatchObject({ code: 'DELEGATION.NOT_FOUND', kind: 'not_found' });
    await expect(changeDelegation.execute(accessGrant.caller(ANNE), 'd-none', { retrocessionPercent: 60 })).rejects.toMatchObject({ code: 'DELEGATION.NOT_FOUND', kind: 'not_found' });
    expect(await accessGrant.written()).toEqual([]);
  });

  it('given a cabinet that is not hers, or one she closed, when the owner adds it with a new rate, then neither changes', async () => {
    await expect(changeDelegation.execute(accessGrant.caller(ANNE), 'd-sam', { cabinetIds: ['lilas', 'bruno-1'], retrocessionPercent: 25 })).rejects.toMatchObject({
      code: 'RESOURCE.NOT_FOUND',
      kind: 'not_found',
    });

    await accessGrant.given(past.cabinetClosed('roses', ANNE));
    await expect(changeDelegation.execute(accessGrant.caller(ANNE), 'd-sam', { cabinetIds: ['roses'], retrocessionPercent: 25 })).rejects.toMatchObject({
      code: 'CABINET.CLOSED',
      kind: 'conflict',
    });
    expect(await accessGrant.written()).toEqual([]);
  });

  it('given a secretary, when the owner gives her a retrocession rate, then it is refused: a rate is a substitute’s', async () => {
    await expect(changeDelegation.execute(accessGrant.caller(ANNE), 'd-seb', { retrocessionPercent: 10 })).rejects.toMatchObject({
      code: 'DELEGATION.RETROCESSION_NOT_ALLOWED',
      kind: 'invalid',
    });
    expect(await accessGrant.written()).toEqual([]);
  });

  it('given a revoked delegation, when the owner changes it, then it is a conflict', async () => {
    await accessGrant.given(past.delegationRevoked('d-sam', ANNE));

    await expect(changeDelegation.execute(accessGrant.caller(ANNE), 'd-sam', { cabinetIds: ['roses'] })).rejects.toMatchObject({ code: 'DELEGATION.REVOKED', kind: 'conflict' });
    expect(await accessGrant.written()).toEqual([]);
  });
});
