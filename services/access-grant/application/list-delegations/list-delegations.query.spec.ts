import { ERASED } from '@osteo/personal-data';
import { InMemoryAccessGrant, past } from '../test-support/in-memory-access-grant';
import { ListDelegationsQuery } from './list-delegations.query';

const ANNE = 'anne';
const SAM = 'sam';
const SEB = 'seb';

describe('the delegations of a caller', () => {
  let accessGrant: InMemoryAccessGrant;
  let listDelegations: ListDelegationsQuery;

  beforeEach(async () => {
    accessGrant = new InMemoryAccessGrant();
    listDelegations = new ListDelegationsQuery(accessGrant.reader, accessGrant.accountNames, accessGrant.seals);
    await accessGrant.givenAccounts(
      { accountId: ANNE, email: 'anne.roux@example.fr', displayName: 'Dr Anne Roux', kind: 'main' },
      { accountId: SAM, email: 'sam.lefevre@example.fr', displayName: 'Sam Lefèvre', kind: 'main' },
      { accountId: SEB, email: 'secretariat@example.fr', displayName: 'Sébastien', kind: 'specific' },
    );
    await accessGrant.given(
      past.cabinetOpened('lilas', ANNE),
      past.delegationGranted('d-sam', {
        ownerId: ANNE,
        granteeAccountId: SAM,
        granteeEmail: 'sam.lefevre@example.fr',
        role: 'substitute',
        cabinetIds: ['lilas'],
        retrocessionBasisPoints: 3050,
        endsOn: '2026-08-31',
      }),
      past.delegationGranted('d-seb', { ownerId: ANNE, granteeAccountId: SEB, granteeEmail: 'secretariat@example.fr', cabinetIds: ['lilas'] }),
      // Granted to an address with no account yet.
      past.delegationGranted('d-compta', { ownerId: ANNE, granteeEmail: 'compta@example.fr', role: 'accountant', cabinetIds: ['lilas'] }),
    );
  });

  afterEach(() => accessGrant.close());

  it('given delegations she granted, when the owner lists hers, then each with the address she typed (opened from its seal), the grantee’s name when known, and the rate in percent', async () => {
    expect(await listDelegations.execute(ANNE)).toEqual({
      granted: [
        {
          delegationId: 'd-sam',
          ownerId: ANNE,
          ownerDisplayName: 'Dr Anne Roux',
          granteeEmail: 'sam.lefevre@example.fr',
          granteeAccountId: SAM,
          granteeDisplayName: 'Sam Lefèvre',
          role: 'substitute',
          cabinetIds: ['lilas'],
          retrocessionPercent: 30.5,
          endsOn: '2026-08-31',
          status: 'active',
        },
        expect.objectContaining({ delegationId: 'd-seb', granteeEmail: 'secretariat@example.fr', granteeDisplayName: 'Sébastien', role: 'secretary', retrocessionPercent: null, status: 'active' }),
        expect.objectContaining({ delegationId: 'd-compta', granteeEmail: 'compta@example.fr', granteeAccountId: null, granteeDisplayName: null, status: 'pending' }),
      ],
      received: [],
    });
  });

  it('given a delegation granted to him, when the grantee lists his, then he receives it, with the owner’s name', async () => {
    const { granted, received } = await listDelegations.execute(SAM);

    expect(granted).toEqual([]);
    expect(received).toEqual([expect.objectContaining({ delegationId: 'd-sam', ownerDisplayName: 'Dr Anne Roux', retrocessionPercent: 30.5, status: 'active' })]);
  });

  it('given a delegation revoked, when the owner lists hers, then it is listed as revoked', async () => {
    await accessGrant.given(past.delegationRevoked('d-seb', ANNE));

    expect((await listDelegations.execute(ANNE)).granted.map(({ delegationId, status }) => ({ delegationId, status }))).toEqual([
      { delegationId: 'd-sam', status: 'active' },
      { delegationId: 'd-seb', status: 'revoked' },
      { delegationId: 'd-compta', status: 'pending' },
    ]);
  });

  it('given a grantee’s account erased since, when the owner lists hers, then its address and name read erased', async () => {
    await accessGrant.givenAccountErased(SEB);

    expect((await listDelegations.execute(ANNE)).granted[1]).toMatchObject({ delegationId: 'd-seb', granteeEmail: ERASED, granteeDisplayName: ERASED });
  });

  it('given an account that granted and received nothing, when it lists its delegations, then both lists are empty', async () => {
    expect(await listDelegations.execute('nobody')).toEqual({ granted: [], received: [] });
  });
});
