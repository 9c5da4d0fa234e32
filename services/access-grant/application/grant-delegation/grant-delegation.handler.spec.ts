import { InMemoryAccessGrant, past } from '../test-support/in-memory-access-grant';
import { type GrantDelegationInput, GrantDelegationHandler } from './grant-delegation.handler';

const ANNE = 'anne';
const CAMILLE = 'camille';
const BRUNO = 'bruno';
const SAM = 'sam';

const secretary: GrantDelegationInput = { email: ' Secretariat@Example.fr ', role: 'secretary', cabinetIds: ['lilas'] };

describe('granting a delegation', () => {
  let accessGrant: InMemoryAccessGrant;
  let grantDelegation: GrantDelegationHandler;

  beforeEach(async () => {
    accessGrant = new InMemoryAccessGrant();
    grantDelegation = new GrantDelegationHandler(accessGrant.store, accessGrant.directory, accessGrant.ownedCabinets, accessGrant.clock, accessGrant.digests);
    await accessGrant.givenAccounts(
      { accountId: ANNE, email: 'anne.roux@example.fr', displayName: 'Dr Anne Roux', kind: 'main' },
      { accountId: SAM, email: 'sam.lefevre@example.fr', displayName: 'Sam Lefèvre', kind: 'main' },
    );
    await accessGrant.given(
      past.cabinetOpened('lilas', ANNE),
      past.cabinetOpened('roses', ANNE),
      past.cabinetOpened('bruno-1', BRUNO),
      past.colleagueInvited('bruno-1', BRUNO, ANNE),
      past.colleagueJoined('bruno-1', BRUNO, ANNE),
      past.cabinetOpened('camille-1', CAMILLE),
    );
  });

  afterEach(() => accessGrant.close());

  it('given an address of no account yet, when the owner grants it a secretary’s access, then the slot is claimed and the delegation waits for the account', async () => {
    const { delegationId } = await grantDelegation.execute(accessGrant.caller(ANNE), secretary);

    expect(await accessGrant.written()).toEqual([
      { type: 'DelegationSlotClaimed', data: { delegationId } },
      {
        type: 'DelegationGranted',
        data: {
          delegationId,
          ownerId: ANNE,
          granteeEmail: 'secretariat@example.fr',
          granteeAccountId: null,
          role: 'secretary',
          cabinetIds: ['lilas'],
          retrocessionBasisPoints: null,
          endsOn: null,
        },
      },
    ]);
  });

  it('given an osteopath’s account, when the owner makes them her substitute at 30.5 % until a day, then the delegation names the account and keeps the rate in basis points', async () => {
    const { delegationId } = await grantDelegation.execute(accessGrant.caller(ANNE), {
      email: 'sam.lefevre@example.fr',
      role: 'substitute',
      cabinetIds: ['lilas', 'roses'],
      retrocessionPercent: 30.5,
      endsOn: '2026-08-31',
    });

    expect((await accessGrant.written()).at(-1)).toEqual({
      type: 'DelegationGranted',
      data: {
        delegationId,
        ownerId: ANNE,
        granteeEmail: 'sam.lefevre@example.fr',
        granteeAccountId: SAM,
        role: 'substitute',
        cabinetIds: ['lilas', 'roses'],
        retrocessionBasisPoints: 3050,
        endsOn: '2026-08-31',
      },
    });
  });

  it('given a specific account, or the owner’s own address, when it is granted, then it is refused and nothing is written', async () => {
    await expect(grantDelegation.execute(accessGrant.caller('seb', 'specific'), secretary)).rejects.toMatchObject({
      code: 'DELEGATION.MAIN_ACCOUNT_REQUIRED',
      kind: 'forbidden',
    });
    await expect(grantDelegation.execute(accessGrant.caller(ANNE), { ...secretary, email: 'Anne.Roux@example.fr' })).rejects.toMatchObject({
      code: 'DELEGATION.TO_SELF',
      kind: 'invalid',
    });
    expect(await accessGrant.written()).toEqual([]);
  });

  it('given terms the rules refuse (no rate for a substitute, a last day before today), when the owner grants them, then nothing is written, not even the slot', async () => {
    await expect(grantDelegation.execute(accessGrant.caller(ANNE), { ...secretary, role: 'substitute' })).rejects.toMatchObject({
      code: 'DELEGATION.RETROCESSION_REQUIRED',
      kind: 'invalid',
    });
    await expect(grantDelegation.execute(accessGrant.caller(ANNE), { ...secretary, endsOn: '2026-03-01' })).rejects.toMatchObject({
      code: 'DELEGATION.ENDS_IN_THE_PAST',
      kind: 'invalid',
    });
    expect(await accessGrant.written()).toEqual([]);
  });

  it('given cabinets that are not hers to delegate, when the owner names them, then a colleague’s is forbidden, a stranger’s not found, her closed one a conflict, and nothing is written', async () => {
    await accessGrant.given(past.cabinetClosed('roses', ANNE));

    await expect(grantDelegation.execute(accessGrant.caller(ANNE), { ...secretary, cabinetIds: ['lilas', 'bruno-1'] })).rejects.toMatchObject({
      code: 'ACCESS.FORBIDDEN',
      kind: 'forbidden',
    });
    await expect(grantDelegation.execute(accessGrant.caller(ANNE), { ...secretary, cabinetIds: ['camille-1'] })).rejects.toMatchObject({
      code: 'RESOURCE.NOT_FOUND',
      kind: 'not_found',
    });
    await expect(grantDelegation.execute(accessGrant.caller(ANNE), { ...secretary, cabinetIds: ['roses'] })).rejects.toMatchObject({ code: 'CABINET.CLOSED', kind: 'conflict' });
    expect(await accessGrant.written()).toEqual([]);
  });

  it('given the same person already her secretary, when the owner grants it again, then it is a duplicate; once revoked, it may be granted anew', async () => {
    const { delegationId: first } = await grantDelegation.execute(accessGrant.caller(ANNE), secretary);
    await accessGrant.given();

    await expect(grantDelegation.execute(accessGrant.caller(ANNE), { ...secretary, cabinetIds: ['roses'] })).rejects.toMatchObject({
      code: 'DELEGATION.DUPLICATE',
      kind: 'conflict',
    });
    expect(await accessGrant.written()).toEqual([]);

    await accessGrant.given(past.delegationRevoked(first, ANNE));
    const { delegationId: second } = await grantDelegation.execute(accessGrant.caller(ANNE), { ...secretary, cabinetIds: ['roses'] });

    expect((await accessGrant.written()).map(({ type }) => type)).toEqual(['DelegationSlotClaimed', 'DelegationGranted']);
    expect(second).not.toBe(first);
  });
});
