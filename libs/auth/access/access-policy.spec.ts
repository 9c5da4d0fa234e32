import {
  type Action,
  type Decision,
  type PrincipalAccess,
  type Resource,
  type Role,
  can,
  ledgerCabinetsVisibleTo,
} from './access-policy';

/**
 * Owen owns two cabinets, north and south, and selected north only for his specific accounts;
 * Colin shares north with him. Olga owns a cabinet of her own. Nadia has an account and nothing else.
 */
const OWEN = 'owen';
const COLIN = 'colin';
const OLGA = 'olga';

type Caller = Role | 'nobody';
const callers = {
  owner: OWEN,
  colleague: COLIN,
  secretary: 'sarah',
  substitute: 'sam',
  accountant: 'alice',
  nobody: 'nadia',
} as const satisfies Record<Caller, string>;

type Situation = 'north' | 'south' | "Olga's";
const cabinets: Record<Situation, string> = { north: 'owen-north', south: 'owen-south', "Olga's": 'olga-main' };
const situationNames: Record<Situation, string> = {
  north: "Owen's north cabinet (selected, shared)",
  south: "Owen's south cabinet (not selected, not shared)",
  "Olga's": "Olga's cabinet",
};

/** Where each caller holds its role: in those the permissions below decide, elsewhere not_found. */
const standingsOf: Record<Caller, readonly Situation[]> = {
  owner: ['north', 'south'],
  colleague: ['north'],
  secretary: ['north'],
  substitute: ['north'],
  accountant: ['north'],
  nobody: [],
};

function accessOf(caller: Caller): PrincipalAccess {
  const standings = new Map(
    standingsOf[caller].map((situation) => [
      cabinets[situation],
      { ownerId: OWEN, roles: new Set<Role>([caller as Role]) },
    ]),
  );
  return { accountId: callers[caller], cabinets: standings };
}

const Y: Decision = 'allow';
const N: Decision = 'forbidden';

/** PRODUCT.md, "Who uses it": what each role may do in a cabinet where it holds that role. */
const permissions: readonly (readonly [Action, Record<Role, Decision>])[] = [
  //                           owner     colleague     secretary     substitute     accountant
  ['cabinet.read',           { owner: Y, colleague: Y, secretary: Y, substitute: Y, accountant: Y }],
  ['cabinet.manage',         { owner: Y, colleague: N, secretary: N, substitute: N, accountant: N }],
  ['appointment.read',        { owner: Y, colleague: Y, secretary: Y, substitute: N, accountant: N }],
  ['appointment.write',       { owner: Y, colleague: Y, secretary: Y, substitute: N, accountant: N }],
  ['patient.read',            { owner: Y, colleague: Y, secretary: N, substitute: Y, accountant: N }],
  ['patient.write',           { owner: Y, colleague: Y, secretary: N, substitute: Y, accountant: N }],
  ['patient.delete',          { owner: Y, colleague: N, secretary: N, substitute: N, accountant: N }],
  ['consultation.write',      { owner: Y, colleague: Y, secretary: N, substitute: Y, accountant: N }],
  ['consultation.complete',   { owner: Y, colleague: Y, secretary: N, substitute: Y, accountant: N }],
  ['consultation.delete',     { owner: Y, colleague: N, secretary: N, substitute: N, accountant: N }],
  ['patient.access-log.read', { owner: Y, colleague: N, secretary: N, substitute: N, accountant: N }],
  // Ledgers are reached as ledgers, never through a cabinet: not even the owner.
  ['ledger.read',             { owner: N, colleague: N, secretary: N, substitute: N, accountant: N }],
  ['ledger.export',           { owner: N, colleague: N, secretary: N, substitute: N, accountant: N }],
  ['ledger.write',            { owner: N, colleague: N, secretary: N, substitute: N, accountant: N }],
];

/** Fails to compile when an action is added to the policy and not to the table above. */
const everyAction = Object.keys({
  'cabinet.read': true,
  'cabinet.manage': true,
  'appointment.read': true,
  'appointment.write': true,
  'patient.read': true,
  'patient.write': true,
  'patient.delete': true,
  'consultation.write': true,
  'consultation.complete': true,
  'consultation.delete': true,
  'patient.access-log.read': true,
  'ledger.read': true,
  'ledger.export': true,
  'ledger.write': true,
} satisfies Record<Action, true>) as Action[];

function expectedIn(situation: Situation, caller: Caller): Record<string, Decision> {
  return Object.fromEntries(
    permissions.map(([action, byRole]) => [
      action,
      caller !== 'nobody' && standingsOf[caller].includes(situation) ? byRole[caller] : 'not_found',
    ]),
  );
}

function decisionsIn(situation: Situation, caller: Caller): Record<string, Decision> {
  const access = accessOf(caller);
  const cabinet: Resource = { kind: 'cabinet', cabinetId: cabinets[situation] };
  return Object.fromEntries(everyAction.map((action) => [action, can(access, action, cabinet)]));
}

describe('can, on a cabinet', () => {
  it('the permissions table names every action once', () => {
    expect(permissions.map(([action]) => action).sort()).toEqual([...everyAction].sort());
  });

  const cases = (Object.keys(callers) as Caller[]).flatMap((caller) =>
    (Object.keys(cabinets) as Situation[]).map((situation) => ({
      caller,
      situation,
      who: caller === 'nobody' ? 'an account with no role' : `the ${caller}`,
      where: situationNames[situation],
    })),
  );

  it.each(cases)('given $who in $where, then each action is decided as the table says', ({ caller, situation }) => {
    expect(decisionsIn(situation, caller)).toEqual(expectedIn(situation, caller));
  });

  it("given two roles from the same owner in one cabinet, then the caller may do what either allows, nothing more", () => {
    const secretaryAndAccountant: PrincipalAccess = {
      accountId: 'sarah',
      cabinets: new Map([[cabinets.north, { ownerId: OWEN, roles: new Set<Role>(['secretary', 'accountant']) }]]),
    };
    const north: Resource = { kind: 'cabinet', cabinetId: cabinets.north };

    expect(can(secretaryAndAccountant, 'appointment.write', north)).toBe('allow');
    expect(can(secretaryAndAccountant, 'patient.read', north)).toBe('forbidden');
  });
});

describe('can, on a ledger', () => {
  const ledger = (holderId: string, cabinet: Situation | null): Resource => ({
    kind: 'ledger',
    holderId,
    cabinetId: cabinet && cabinets[cabinet],
  });

    const ledgerCases: readonly (readonly [string, Caller, Resource, Decision, Decision, Decision])[] = [
    //                                                                         read         export       write
    // A line is always written in a cabinet: a write names one.
    ['the owner, his own ledger as a whole',          'owner',      ledger(OWEN, null),       Y,           Y,           N],
    ['the owner, his own ledger in north',            'owner',      ledger(OWEN, 'north'),    Y,           Y,           Y],
    ["the owner, his own ledger in Olga's cabinet",  'owner',      ledger(OWEN, "Olga's"),   'not_found', 'not_found', 'not_found'],
    ['the accountant, the ledger in north (selected)','accountant', ledger(OWEN, 'north'),    Y,           Y,           N],
    ['the accountant, the ledger in south (not selected)', 'accountant', ledger(OWEN, 'south'), N,         N,           N],
    ['the accountant, the ledger as a whole',         'accountant', ledger(OWEN, null),       Y,           Y,           N],
    ["the accountant, Olga's ledger",                 'accountant', ledger(OLGA, null),       'not_found', 'not_found', 'not_found'],
    ["the secretary, the owner's ledger",             'secretary',  ledger(OWEN, 'north'),    N,           N,           N],
    ["the substitute, the owner's ledger",            'substitute', ledger(OWEN, null),       N,           N,           N],
    ["the colleague, the owner's ledger in north",    'colleague',  ledger(OWEN, 'north'),    N,           N,           N],
    ['the colleague, his own ledger in north',        'colleague',  ledger(COLIN, 'north'),   Y,           Y,           Y],
    ["the owner, the colleague's ledger in north",    'owner',      ledger(COLIN, 'north'),   'not_found', 'not_found', 'not_found'],
    ['the substitute, his own ledger in north',       'substitute', ledger('sam', 'north'),   Y,           Y,           Y],
    // Keeping a cabinet's agenda or books is not practising there: no lines of its own.
    ['the secretary, her own ledger in north',        'secretary',  ledger('sarah', 'north'),   Y,           Y,           N],
    ['the accountant, her own ledger in north',       'accountant', ledger('alice', 'north'),   Y,           Y,           N],
    ["nobody, the owner's ledger",                    'nobody',     ledger(OWEN, null),       'not_found', 'not_found', 'not_found'],
  ];

  it.each(ledgerCases)('given %s, then read, export and write are decided as the table says', (_, caller, resource, ...expected) => {
    const access = accessOf(caller);

    expect([
      can(access, 'ledger.read', resource),
      can(access, 'ledger.export', resource),
      can(access, 'ledger.write', resource),
    ]).toEqual(expected);
  });

  it('given a ledger the caller may read, then cabinet actions on it are forbidden', () => {
    expect(can(accessOf('owner'), 'patient.read', ledger(OWEN, null))).toBe('forbidden');
    expect(can(accessOf('accountant'), 'cabinet.read', ledger(OWEN, 'north'))).toBe('forbidden');
  });

  it("given the colleague also owns a cabinet where the owner works, then the colleague's ledger is forbidden to the owner, not hidden", () => {
    const owenAlsoSubstitutesForColin: PrincipalAccess = {
      accountId: OWEN,
      cabinets: new Map([
        [cabinets.north, { ownerId: OWEN, roles: new Set<Role>(['owner']) }],
        ['colin-own', { ownerId: COLIN, roles: new Set<Role>(['substitute']) }],
      ]),
    };

    expect(can(owenAlsoSubstitutesForColin, 'ledger.read', ledger(COLIN, 'north'))).toBe('forbidden');
  });
});

describe('ledgerCabinetsVisibleTo', () => {
  it('given the holder, then every cabinet of the ledger', () => {
    expect(ledgerCabinetsVisibleTo(accessOf('owner'), OWEN)).toBe('all');
  });

  it("given the holder's accountant, then the cabinets the holder selected for them", () => {
    expect(ledgerCabinetsVisibleTo(accessOf('accountant'), OWEN)).toEqual(new Set([cabinets.north]));
  });

  it('given anyone else, then none', () => {
    expect(ledgerCabinetsVisibleTo(accessOf('secretary'), OWEN)).toEqual(new Set());
    expect(ledgerCabinetsVisibleTo(accessOf('accountant'), OLGA)).toEqual(new Set());
    expect(ledgerCabinetsVisibleTo(accessOf('owner'), COLIN)).toEqual(new Set());
  });
});
