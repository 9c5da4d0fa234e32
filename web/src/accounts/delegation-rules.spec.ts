import {
  changeValuesOf,
  delegationActions,
  delegationStanding,
  erasureRows,
  grantFieldOfError,
  granteeOf,
  isErasedGrantee,
  mayEraseGrantee,
  parsePercent,
  parseTypedDay,
  percentToInput,
  showsChange,
  showsErased,
  sortDelegations,
  toChangeBody,
  toGrantBody,
  validateChange,
  validateGrant,
  type Delegation,
  type GrantValues,
} from './delegation-rules';

const today = '2026-12-04';

const delegation = (over: Partial<Delegation> = {}): Delegation => ({
  delegationId: 'd1',
  ownerId: 'claire',
  ownerDisplayName: 'Dr Claire Martin',
  granteeEmail: 'secretariat@example.fr',
  granteeAccountId: 'sec',
  granteeDisplayName: 'Sophie Bernard',
  role: 'secretary',
  cabinetIds: ['lyon'],
  retrocessionPercent: null,
  endsOn: null,
  status: 'active',
  ...over,
});

const values = (over: Partial<GrantValues> = {}): GrantValues => ({
  email: 'remplacant@example.fr',
  role: 'substitute',
  cabinetIds: ['lyon'],
  retrocessionPercent: '30',
  endsOn: null,
  ...over,
});

describe('where a delegation stands', () => {
  it('is pending, active, ended once its last day has passed, or revoked', () => {
    expect(delegationStanding(delegation({ status: 'pending' }), today)).toBe('pending');
    expect(delegationStanding(delegation({ status: 'active', endsOn: today }), today)).toBe('active');
    expect(delegationStanding(delegation({ status: 'active', endsOn: '2026-12-03' }), today)).toBe('ended');
    expect(delegationStanding(delegation({ status: 'revoked', endsOn: '2026-12-03' }), today)).toBe('revoked');
  });

  it('offers change and revoke while in force, revoke only once ended, nothing once revoked', () => {
    expect(delegationActions('pending')).toEqual({ change: true, revoke: true });
    expect(delegationActions('active')).toEqual({ change: true, revoke: true });
    expect(delegationActions('ended')).toEqual({ change: false, revoke: true });
    expect(delegationActions('revoked')).toEqual({ change: false, revoke: false });
  });

  it('lists those in force first, by person, then the ended, then the revoked', () => {
    const sorted = sortDelegations(
      [
        delegation({ delegationId: 'revoked', status: 'revoked', granteeDisplayName: 'Anne' }),
        delegation({ delegationId: 'zoe', granteeDisplayName: 'Zoé' }),
        delegation({ delegationId: 'ended', endsOn: '2026-11-30', granteeDisplayName: 'Albert' }),
        delegation({ delegationId: 'pending', status: 'pending', granteeDisplayName: null, granteeEmail: 'bruno@example.fr' }),
      ],
      today,
    );
    expect(sorted.map((d) => d.delegationId)).toEqual(['pending', 'zoe', 'ended', 'revoked']);
  });
});

describe('the retrocession rate', () => {
  it('reads 0 to 100 with two decimals at most, in either notation', () => {
    expect(parsePercent('30')).toBe(30);
    expect(parsePercent(' 12,5 % ')).toBe(12.5);
    expect(parsePercent('12.75')).toBe(12.75);
    expect(parsePercent('0')).toBe(0);
    expect(parsePercent('100')).toBe(100);
    expect(parsePercent('')).toBeUndefined();
    expect(parsePercent('100,01')).toBe('range');
    expect(parsePercent('12,345')).toBe('decimals');
    expect(parsePercent('-5')).toBe('invalid');
    expect(parsePercent('trente')).toBe('invalid');
  });

  it('goes back into the field in the reader\'s notation', () => {
    expect(percentToInput(12.5, 'fr')).toBe('12,5');
    expect(percentToInput(12.5, 'en')).toBe('12.5');
    expect(percentToInput(null, 'fr')).toBe('');
  });
});

describe('creating a specific account', () => {
  it('needs an e-mail, a role and at least one cabinet', () => {
    expect(validateGrant({ email: ' ', role: '', cabinetIds: [], retrocessionPercent: '', endsOn: null }, today)).toEqual({
      email: 'required',
      role: 'required',
      cabinetIds: 'required',
    });
    expect(validateGrant(values({ email: 'not-an-address' }), today)).toEqual({ email: 'invalid' });
    expect(validateGrant(values({ email: `${'a'.repeat(250)}@x.fr` }), today)).toEqual({ email: 'tooLong' });
  });

  it('requires the rate of a substitute only', () => {
    expect(validateGrant(values({ retrocessionPercent: '' }), today)).toEqual({ retrocessionPercent: 'required' });
    expect(validateGrant(values({ retrocessionPercent: '120' }), today)).toEqual({ retrocessionPercent: 'range' });
    expect(validateGrant(values({ role: 'secretary', retrocessionPercent: '' }), today)).toEqual({});
    expect(validateGrant(values({ role: 'accountant', retrocessionPercent: 'whatever is left' }), today)).toEqual({});
  });

  it('takes an end date from today on', () => {
    expect(validateGrant(values({ endsOn: today }), today)).toEqual({});
    expect(validateGrant(values({ endsOn: '2026-12-03' }), today)).toEqual({ endsOn: 'past' });
    expect(validateGrant(values({ endsOn: '2026-02-30' }), today)).toEqual({ endsOn: 'invalid' });
  });

  it('sends the rate for a substitute only and the end date when given', () => {
    expect(toGrantBody(values({ email: ' remplacant@example.fr ', retrocessionPercent: '12,5', endsOn: '2027-01-31' }))).toEqual({
      email: 'remplacant@example.fr',
      role: 'substitute',
      cabinetIds: ['lyon'],
      retrocessionPercent: 12.5,
      endsOn: '2027-01-31',
    });
    expect(toGrantBody(values({ role: 'secretary', retrocessionPercent: '30', cabinetIds: ['lyon', 'villeurbanne', 'lyon'] }))).toEqual({
      email: 'remplacant@example.fr',
      role: 'secretary',
      cabinetIds: ['lyon', 'villeurbanne'],
    });
  });
});

describe('changing a specific account', () => {
  const substitute = delegation({ role: 'substitute', cabinetIds: ['lyon', 'villeurbanne'], retrocessionPercent: 30 });

  it('starts from what the delegation holds', () => {
    expect(changeValuesOf(substitute, 'fr')).toEqual({ cabinetIds: ['lyon', 'villeurbanne'], retrocessionPercent: '30' });
  });

  it('keeps at least one cabinet, and a valid rate for a substitute', () => {
    expect(validateChange({ cabinetIds: [], retrocessionPercent: '30' }, 'substitute')).toEqual({ cabinetIds: 'required' });
    expect(validateChange({ cabinetIds: ['lyon'], retrocessionPercent: '' }, 'substitute')).toEqual({ retrocessionPercent: 'required' });
    expect(validateChange({ cabinetIds: ['lyon'], retrocessionPercent: '' }, 'secretary')).toEqual({});
  });

  it('sends only what changed, the cabinets as a set', () => {
    expect(toChangeBody(substitute, { cabinetIds: ['villeurbanne', 'lyon'], retrocessionPercent: '30,00' })).toBeNull();
    expect(toChangeBody(substitute, { cabinetIds: ['lyon'], retrocessionPercent: '30' })).toEqual({ cabinetIds: ['lyon'] });
    expect(toChangeBody(substitute, { cabinetIds: ['lyon', 'villeurbanne'], retrocessionPercent: '35,5' })).toEqual({ retrocessionPercent: 35.5 });
    expect(toChangeBody(delegation(), { cabinetIds: ['lyon'], retrocessionPercent: '50' })).toBeNull();
  });

  it('knows when the list shows the change', () => {
    expect(showsChange(substitute, { cabinetIds: ['villeurbanne', 'lyon'] })).toBe(true);
    expect(showsChange(substitute, { cabinetIds: ['lyon'] })).toBe(false);
    expect(showsChange(substitute, { retrocessionPercent: 35 })).toBe(false);
    expect(showsChange(undefined, {})).toBe(false);
  });
});

describe('a typed day', () => {
  it('reads DD/MM/YYYY and YYYY-MM-DD', () => {
    expect(parseTypedDay('04/12/2026')).toBe('2026-12-04');
    expect(parseTypedDay('4/1/2027')).toBe('2027-01-04');
    expect(parseTypedDay('2027-01-31')).toBe('2027-01-31');
    expect(parseTypedDay('31/02/2027')).toBeNull();
    expect(parseTypedDay('demain')).toBeNull();
  });
});

describe('an API refusal of the create form', () => {
  it('shows under the field it is about', () => {
    expect(grantFieldOfError('DELEGATION.DUPLICATE')).toBe('email');
    expect(grantFieldOfError('DELEGATION.TO_SELF')).toBe('email');
    expect(grantFieldOfError('DELEGATION.NO_CABINET')).toBe('cabinetIds');
    expect(grantFieldOfError('DELEGATION.INVALID_RETROCESSION')).toBe('retrocessionPercent');
    expect(grantFieldOfError('DELEGATION.ENDS_IN_THE_PAST')).toBe('endsOn');
    expect(grantFieldOfError('CABINET.NOT_FOUND')).toBeUndefined();
  });
});

describe('the grantee as the table names them', () => {
  it('tells a grantee whose account was erased, whose name and address the API gives as erased', () => {
    expect(isErasedGrantee(delegation({ granteeDisplayName: '[erased]', granteeEmail: '[erased]' }))).toBe(true);
    expect(isErasedGrantee(delegation())).toBe(false);
    expect(isErasedGrantee(delegation({ granteeDisplayName: null }))).toBe(false);
  });

  it('shows the name above the e-mail, or the e-mail alone when the name is unknown or is the address', () => {
    expect(granteeOf(delegation())).toEqual({ name: 'Sophie Bernard', email: 'secretariat@example.fr' });
    expect(granteeOf(delegation({ granteeDisplayName: null }))).toEqual({ name: null, email: 'secretariat@example.fr' });
    expect(granteeOf(delegation({ granteeDisplayName: 'Secretariat@Example.fr' }))).toEqual({ name: null, email: 'secretariat@example.fr' });
  });
});

describe('erasing a grantee\'s account', () => {
  const revoked = (over: Partial<Delegation> = {}) => delegation({ status: 'revoked', ...over });
  const ended = (over: Partial<Delegation> = {}) => delegation({ status: 'active', endsOn: '2026-12-03', ...over });
  const erased = { granteeDisplayName: '[erased]', granteeEmail: '[erased]' } as const;

  it('is offered once every delegation of mine to it is revoked or past its last day', () => {
    expect(mayEraseGrantee('sec', [revoked()], today)).toBe(true);
    expect(mayEraseGrantee('sec', [ended()], today)).toBe(true);
    expect(mayEraseGrantee('sec', [revoked({ delegationId: 'd1' }), ended({ delegationId: 'd2', role: 'accountant' })], today)).toBe(true);
  });

  it('is not offered while one delegation to it is in force, pending, or ends today', () => {
    expect(mayEraseGrantee('sec', [delegation()], today)).toBe(false);
    expect(mayEraseGrantee('sec', [delegation({ endsOn: today })], today)).toBe(false);
    expect(mayEraseGrantee('sec', [revoked({ delegationId: 'd1' }), delegation({ delegationId: 'd2', role: 'accountant' })], today)).toBe(false);
    expect(mayEraseGrantee('sec', [revoked({ delegationId: 'd1' }), delegation({ delegationId: 'd2', status: 'pending' })], today)).toBe(false);
  });

  it('is not offered for an account already erased, not yet created, or not among my grants', () => {
    expect(mayEraseGrantee('sec', [revoked(erased)], today)).toBe(false);
    expect(mayEraseGrantee(null, [revoked({ granteeAccountId: null })], today)).toBe(false);
    expect(mayEraseGrantee('someone-else', [revoked()], today)).toBe(false);
  });

  it('looks at the delegations to that account only', () => {
    const granted = [revoked({ delegationId: 'd1' }), delegation({ delegationId: 'd2', granteeAccountId: 'acc', granteeEmail: 'comptable@example.fr' })];
    expect(mayEraseGrantee('sec', granted, today)).toBe(true);
    expect(mayEraseGrantee('acc', granted, today)).toBe(false);
  });

  it('puts one button per account, on its first row in the table\'s order', () => {
    const granted = [
      revoked({ delegationId: 'sec-revoked' }),
      ended({ delegationId: 'sec-ended', role: 'accountant' }),
      revoked({ delegationId: 'sub-revoked', granteeAccountId: 'sub', granteeEmail: 'remplacant@example.fr', granteeDisplayName: null }),
      delegation({ delegationId: 'acc-active', granteeAccountId: 'acc', granteeEmail: 'comptable@example.fr', granteeDisplayName: null }),
      revoked({ delegationId: 'acc-revoked', granteeAccountId: 'acc', granteeEmail: 'comptable@example.fr', granteeDisplayName: null }),
      revoked({ delegationId: 'gone', granteeAccountId: 'gone', ...erased }),
    ];
    expect([...erasureRows(granted, today)].sort()).toEqual(['sec-ended', 'sub-revoked']);
  });

  it('shows done once every row naming the account reads as erased', () => {
    const before = { granted: [revoked({ delegationId: 'd1' }), revoked({ delegationId: 'd2', role: 'accountant' })], received: [] };
    const halfway = { granted: [revoked({ delegationId: 'd1', ...erased }), revoked({ delegationId: 'd2', role: 'accountant' })], received: [] };
    const after = { granted: [revoked({ delegationId: 'd1', ...erased }), revoked({ delegationId: 'd2', role: 'accountant', ...erased })], received: [] };
    expect(showsErased(before, 'sec')).toBe(false);
    expect(showsErased(halfway, 'sec')).toBe(false);
    expect(showsErased(after, 'sec')).toBe(true);
    expect(showsErased(after, 'someone-else')).toBe(false);
  });
});
