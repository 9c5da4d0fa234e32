import { InMemoryAccessGrant, past } from '../test-support/in-memory-access-grant';
import { RevokeDelegationHandler } from './revoke-delegation.handler';

const ANNE = 'anne';
const SEB = 'seb';
const BRUNO = 'bruno';

describe('revoking a delegation', () => {
  let accessGrant: InMemoryAccessGrant;
  let revokeDelegation: RevokeDelegationHandler;

  beforeEach(async () => {
    accessGrant = new InMemoryAccessGrant();
    revokeDelegation = new RevokeDelegationHandler(accessGrant.store, accessGrant.delegationOwnership, accessGrant.clock);
    await accessGrant.given(past.cabinetOpened('lilas', ANNE), past.delegationGranted('d-seb', { ownerId: ANNE, granteeAccountId: SEB, cabinetIds: ['lilas'] }));
  });

  afterEach(() => accessGrant.close());

  it('given her secretary’s delegation, when the owner revokes it, then it is revoked', async () => {
    await revokeDelegation.execute(accessGrant.caller(ANNE), 'd-seb');

    expect(await accessGrant.written()).toEqual([{ type: 'DelegationRevoked', data: { delegationId: 'd-seb', ownerId: ANNE } }]);
  });

  it('given a delegation she revoked already, when the owner revokes it again, then nothing changes', async () => {
    await accessGrant.given(past.delegationRevoked('d-seb', ANNE));

    await revokeDelegation.execute(accessGrant.caller(ANNE), 'd-seb');

    expect(await accessGrant.written()).toEqual([]);
  });

  it('given a delegation, when its grantee revokes it, then it is forbidden', async () => {
    await expect(revokeDelegation.execute(accessGrant.caller(SEB, 'specific'), 'd-seb')).rejects.toMatchObject({ code: 'DELEGATION.NOT_OWNER', kind: 'forbidden' });
    expect(await accessGrant.written()).toEqual([]);
  });

  it('given a delegation of someone else, or none, when the caller revokes it, then it is not found', async () => {
    await expect(revokeDelegation.execute(accessGrant.caller(BRUNO), 'd-seb')).rejects.toMatchObject({ code: 'DELEGATION.NOT_FOUND', kind: 'not_found' });
    await expect(revokeDelegation.execute(accessGrant.caller(ANNE), 'd-none')).rejects.toMatchObject({ code: 'DELEGATION.NOT_FOUND', kind: 'not_found' });
    expect(await accessGrant.written()).toEqual([]);
  });
});
