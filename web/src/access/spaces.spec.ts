import { areasIn, ledgerHoldersIn, principalAccessOf, spacesOf } from './spaces';

const claire = 'acc-claire';
const paul = 'acc-paul';

describe('spaces and the menu, decided by the API\'s own policy', () => {
  it('gives an owner their own space with every area, even before their first cabinet', () => {
    const access = principalAccessOf(claire, []);
    const [own] = spacesOf(access, true);
    expect(own).toEqual({ ownerId: claire, roles: ['owner'], cabinetIds: [] });
    expect(areasIn(access, own, true)).toEqual(['ledger', 'accounts', 'cabinets']);
  });

  it('shows an owner with cabinets the agenda, patients, ledger, accounts and cabinets', () => {
    const access = principalAccessOf(claire, [{ ownerId: claire, role: 'owner', cabinetIds: ['c1', 'c2'] }]);
    const [own] = spacesOf(access, true);
    expect(areasIn(access, own, true)).toEqual(['agenda', 'patients', 'ledger', 'accounts', 'cabinets']);
  });

  it('shows a secretary the agenda and nothing else', () => {
    const access = principalAccessOf('acc-sec', [{ ownerId: claire, role: 'secretary', cabinetIds: ['c1'] }]);
    const spaces = spacesOf(access, false);
    expect(spaces).toHaveLength(1);
    expect(areasIn(access, spaces[0], false)).toEqual(['agenda']);
    expect(ledgerHoldersIn(access, spaces[0], false)).toEqual([]);
  });

  it('shows a substitute the patients and their own ledger, not the owner\'s', () => {
    const access = principalAccessOf('acc-sub', [{ ownerId: claire, role: 'substitute', cabinetIds: ['c1'] }]);
    const [space] = spacesOf(access, false);
    expect(areasIn(access, space, false)).toEqual(['patients', 'ledger']);
    expect(ledgerHoldersIn(access, space, false)).toEqual(['acc-sub']);
  });

  it('shows an accountant the owner\'s ledger only', () => {
    const access = principalAccessOf('acc-cpt', [{ ownerId: claire, role: 'accountant', cabinetIds: ['c1'] }]);
    const [space] = spacesOf(access, false);
    expect(areasIn(access, space, false)).toEqual(['ledger']);
    expect(ledgerHoldersIn(access, space, false)).toEqual([claire]);
  });

  it('gives a colleague their own space first, then the shared cabinet with agenda, patients and their own ledger', () => {
    const access = principalAccessOf(paul, [
      { ownerId: paul, role: 'owner', cabinetIds: ['p1'] },
      { ownerId: claire, role: 'colleague', cabinetIds: ['c1'] },
    ]);
    const spaces = spacesOf(access, true);
    expect(spaces.map((space) => space.ownerId)).toEqual([paul, claire]);
    expect(areasIn(access, spaces[1], true)).toEqual(['agenda', 'patients', 'ledger']);
    expect(ledgerHoldersIn(access, spaces[1], true)).toEqual([paul]);
  });

  it('keeps one space per owner for a person with grants from several owners, with the union of roles', () => {
    const access = principalAccessOf('acc-x', [
      { ownerId: paul, role: 'secretary', cabinetIds: ['p1'] },
      { ownerId: claire, role: 'substitute', cabinetIds: ['c1'] },
      { ownerId: claire, role: 'secretary', cabinetIds: ['c2'] },
    ]);
    const spaces = spacesOf(access, false);
    expect(spaces.map((space) => [space.ownerId, space.roles])).toEqual([
      [claire, ['substitute', 'secretary']],
      [paul, ['secretary']],
    ]);
    expect(areasIn(access, spaces[0], false)).toEqual(['agenda', 'patients', 'ledger']);
    expect(areasIn(access, spaces[1], false)).toEqual(['agenda']);
  });
});
