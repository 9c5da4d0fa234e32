import { InMemoryAccessGrant, past } from '../test-support/in-memory-access-grant';
import { ListCabinetsQuery } from './list-cabinets.query';

const ANNE = 'anne';
const BRUNO = 'bruno';
const SAM = 'sam';
const SEB = 'seb';

describe('the cabinets of a caller', () => {
  let accessGrant: InMemoryAccessGrant;
  let listCabinets: ListCabinetsQuery;

  beforeEach(async () => {
    accessGrant = new InMemoryAccessGrant();
    listCabinets = new ListCabinetsQuery(accessGrant.reader, accessGrant.accountNames, accessGrant.reminderSettings, accessGrant.practiceContacts);
    await accessGrant.givenAccounts(
      { accountId: ANNE, email: 'anne.roux@example.fr', displayName: 'Dr Anne Roux', kind: 'main' },
      { accountId: BRUNO, email: 'bruno.leroy@example.fr', displayName: 'Dr Bruno Leroy', kind: 'main' },
    );
    await accessGrant.given(
      past.cabinetOpened('roses', ANNE, 'Cabinet des Roses'),
      past.cabinetOpened('lilas', ANNE, 'Cabinet des Lilas'),
      past.cabinetOpened('gare', BRUNO, 'Cabinet de la Gare'),
      past.colleagueInvited('gare', BRUNO, SAM),
      past.colleagueJoined('gare', BRUNO, SAM),
      past.delegationGranted('d-sam', { ownerId: BRUNO, granteeAccountId: SAM, role: 'substitute', cabinetIds: ['gare'], retrocessionBasisPoints: 3000 }),
      past.delegationGranted('d-sam-anne', { ownerId: ANNE, granteeAccountId: SAM, role: 'substitute', cabinetIds: ['lilas'], retrocessionBasisPoints: 2500 }),
      past.delegationGranted('d-seb', { ownerId: ANNE, granteeAccountId: SEB, cabinetIds: ['lilas', 'roses'] }),
    );
  });

  afterEach(() => accessGrant.close());

  it('given an owner of two cabinets, when she lists hers, then both, by name, with her as owner and her name', async () => {
    expect(await listCabinets.execute(ANNE)).toEqual([
      { cabinetId: 'lilas', name: 'Cabinet des Lilas', address: null, timeZone: 'Europe/Paris', reminderSettings: { delayHours: 24, address: null, phone: null }, ownerId: ANNE, ownerDisplayName: 'Dr Anne Roux', role: 'owner', roles: ['owner'] },
      { cabinetId: 'roses', name: 'Cabinet des Roses', address: null, timeZone: 'Europe/Paris', reminderSettings: { delayHours: 24, address: null, phone: null }, ownerId: ANNE, ownerDisplayName: 'Dr Anne Roux', role: 'owner', roles: ['owner'] },
    ]);
  });

  it('given a colleague who also substitutes there, and substitutes elsewhere, when he lists his, then each cabinet once, with his strongest role first', async () => {
    expect((await listCabinets.execute(SAM)).map(({ cabinetId, ownerDisplayName, role, roles }) => ({ cabinetId, ownerDisplayName, role, roles }))).toEqual([
      { cabinetId: 'gare', ownerDisplayName: 'Dr Bruno Leroy', role: 'colleague', roles: ['colleague', 'substitute'] },
      { cabinetId: 'lilas', ownerDisplayName: 'Dr Anne Roux', role: 'substitute', roles: ['substitute'] },
    ]);
  });

  it('given a cabinet closed and a delegation revoked, when their people list theirs, then neither is listed any more', async () => {
    await accessGrant.given(past.cabinetClosed('roses', ANNE), past.delegationRevoked('d-sam-anne', ANNE));

    expect((await listCabinets.execute(ANNE)).map(({ cabinetId }) => cabinetId)).toEqual(['lilas']);
    expect((await listCabinets.execute(SEB)).map(({ cabinetId, role }) => ({ cabinetId, role }))).toEqual([{ cabinetId: 'lilas', role: 'secretary' }]);
    expect((await listCabinets.execute(SAM)).map(({ cabinetId }) => cabinetId)).toEqual(['gare']);
  });

  it('given reminder settings on one cabinet, when its owner and its secretary list theirs, then both see them there, and the defaults elsewhere', async () => {
    const settings = { delayHours: 48, address: '3 rue des Lilas, 69004 Lyon', phone: '+33478000000' };
    await accessGrant.given(past.cabinetReminderSettingsChanged('lilas', ANNE, settings));

    const reminding = (cabinets: readonly { cabinetId: string; reminderSettings: unknown }[]) => cabinets.map(({ cabinetId, reminderSettings }) => ({ cabinetId, reminderSettings }));
    const expected = [
      { cabinetId: 'lilas', reminderSettings: settings },
      { cabinetId: 'roses', reminderSettings: { delayHours: 24, address: null, phone: null } },
    ];
    expect(reminding(await listCabinets.execute(ANNE))).toEqual(expected);
    expect(reminding(await listCabinets.execute(SEB))).toEqual(expected);
  });

  it('given a cabinet opened with an address and reminder settings with theirs, all published sealed (#14), when its owner lists hers, then she reads them in clear', async () => {
    const settings = { delayHours: 12, address: '12 rue Dumenge, 69004 Lyon', phone: '+33478000001' };
    await accessGrant.given(past.cabinetOpened('pentes', ANNE, 'Cabinet des Pentes', '4 montée de la Grande Côte, 69001 Lyon'), past.cabinetReminderSettingsChanged('pentes', ANNE, settings));

    expect((await listCabinets.execute(ANNE)).find(({ cabinetId }) => cabinetId === 'pentes')).toMatchObject({ address: '4 montée de la Grande Côte, 69001 Lyon', reminderSettings: settings });
  });

  it('given an account in no cabinet, when it lists its cabinets, then there are none', async () => {
    expect(await listCabinets.execute('nobody')).toEqual([]);
  });
});
