/**
 * The access policy against CASL (@casl/ability), the authorization library NestJS's own
 * authorization guide integrates, deciding the same requests from the same grants in the same run.
 *
 * 10,000 grants (ownerships, colleagues, delegations of every role) among 800 owners and 3,000
 * other accounts, many of them holding grants from several owners. Each side gets what it would
 * hold in a service: our PrincipalAccess per account, CASL one ability per account with a rule per
 * grant conditioned on cabinetId. Both decide a fixed pseudo-random mix of (account, action,
 * cabinet) requests, in the caller's cabinets, in other cabinets of the same owners and
 * anywhere; before timing, every decision of the mix is compared (not_found and forbidden both
 * count as a refusal, which is all CASL can say).
 *
 * `node dist/bench/policy.bench.js` after `npm run build`; bench/run.ts calls benchmarkPolicy().
 */
import { AbilityBuilder, type ForcedSubject, type MongoAbility, createMongoAbility, subject } from '@casl/ability';
import { delegatedRoles } from '@osteo/contracts';
import { type Action, type PrincipalAccess, type Resource, type Role, can } from '@osteo/auth';

export interface PolicyBenchmarkResult {
  /** Decisions per second of `can`. */
  readonly ours: number;
  /** Decisions per second of CASL's `ability.can`. */
  readonly casl: number;
  /** ours / casl. */
  readonly ratio: number;
  readonly grants: number;
  readonly principals: number;
  /** Distinct requests in the mix, each decided alike by both before timing. */
  readonly decisionsInMix: number;
  /** Share of the mix allowed, so a reader sees the mix is not all refusals. */
  readonly allowedShare: number;
}

const OWNERS = 800;
const OTHER_ACCOUNTS = 3_000;
const GRANTS = 10_000;
const COLLEAGUE_GRANTS = 1_500;
const MIX_SIZE = 1 << 16;
const ROUNDS = 4;
const ROUND_MS = 500;
const SEED = 20_250_314;

const everyAction: readonly Action[] = [
  'cabinet.read',
  'cabinet.manage',
  'appointment.read',
  'appointment.write',
  'patient.read',
  'patient.write',
  'patient.delete',
  'consultation.write',
  'consultation.complete',
  'consultation.delete',
  'patient.access-log.read',
  'ledger.read',
  'ledger.export',
  'ledger.write',
];

/**
 * The roles as a CASL user would write them, from PRODUCT.md: stated per role here, where the
 * policy states them per action, so the comparison of every decision also cross-checks the two.
 */
const caslActionsOf: Readonly<Record<Role, readonly Action[]>> = {
  owner: everyAction.filter((action) => !action.startsWith('ledger.')),
  colleague: [
    'cabinet.read',
    'appointment.read',
    'appointment.write',
    'patient.read',
    'patient.write',
    'consultation.write',
    'consultation.complete',
  ],
  secretary: ['cabinet.read', 'appointment.read', 'appointment.write'],
  substitute: ['cabinet.read', 'patient.read', 'patient.write', 'consultation.write', 'consultation.complete'],
  accountant: ['cabinet.read'],
};

type CabinetSubject = ForcedSubject<'Cabinet'> & { readonly cabinetId: string };
type CabinetAbility = MongoAbility<[Action, 'Cabinet' | CabinetSubject]>;

interface Grant {
  readonly accountId: string;
  readonly ownerId: string;
  readonly role: Role;
  readonly cabinetIds: readonly string[];
}

/** A fixed mix of requests, as parallel arrays so that timing reads them and allocates nothing. */
interface DecisionMix {
  readonly accesses: PrincipalAccess[];
  readonly abilities: CabinetAbility[];
  readonly actions: Action[];
  readonly resources: Resource[];
  readonly subjects: CabinetSubject[];
}

export async function benchmarkPolicy(): Promise<PolicyBenchmarkResult> {
  const random = seededRandom(SEED);
  const { grants, cabinetsOf } = generateGrants(random);
  const grantsByAccount = groupBy(grants, (grant) => grant.accountId);
  const mix = decisionMix(random, grantsByAccount, cabinetsOf);

  const allowed = countAgreedAllowances(mix);
  // A first round each lets both reach optimized code before the clock counts.
  timedRound(ourPass, mix);
  timedRound(caslPass, mix);
  // Alternating rounds share out whatever the machine does meanwhile (frequency, other load).
  const ourRounds: Timing[] = [];
  const caslRounds: Timing[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    ourRounds.push(timedRound(ourPass, mix));
    caslRounds.push(timedRound(caslPass, mix));
  }
  const ours = decisionsPerSecond(ourRounds);
  const casl = decisionsPerSecond(caslRounds);

  const result: PolicyBenchmarkResult = {
    ours,
    casl,
    ratio: ours / casl,
    grants: grants.length,
    principals: grantsByAccount.size,
    decisionsInMix: MIX_SIZE,
    allowedShare: allowed / MIX_SIZE,
  };
  console.log(
    `access policy: ours ${formatRate(result.ours)} decisions/s, CASL ${formatRate(result.casl)} decisions/s, ` +
      `ratio ${result.ratio.toFixed(1)}× (${result.grants} grants, ${result.principals} principals, ` +
      `${result.decisionsInMix} requests in the mix, ${(result.allowedShare * 100).toFixed(0)} % allowed, both sides agree on each)`,
  );
  return result;
}

/**
 * Owners with one to four cabinets each; colleagues invited by owners among owners (a colleague
 * is a main account); delegations to the other accounts, each for a random non-empty selection of
 * the owner's cabinets.
 */
function generateGrants(random: () => number): {
  grants: Grant[];
  cabinetsOf: Map<string, readonly string[]>;
} {
  const ownerIds = Array.from({ length: OWNERS }, (_, index) => `owner-${index}`);
  const otherAccountIds = Array.from({ length: OTHER_ACCOUNTS }, (_, index) => `account-${index}`);
  const cabinetsOf = new Map(
    ownerIds.map((ownerId) => [
      ownerId,
      Array.from({ length: 1 + Math.floor(random() * 4) }, (_, index) => `${ownerId}-cabinet-${index}`),
    ]),
  );
  const grants: Grant[] = ownerIds.map((ownerId) => ({
    accountId: ownerId,
    ownerId,
    role: 'owner',
    cabinetIds: cabinetsOf.get(ownerId)!,
  }));
  while (grants.length < OWNERS + COLLEAGUE_GRANTS) {
    const ownerId = pick(random, ownerIds);
    const colleagueId = pick(random, ownerIds);
    if (colleagueId === ownerId) continue;
    grants.push({ accountId: colleagueId, ownerId, role: 'colleague', cabinetIds: [pick(random, cabinetsOf.get(ownerId)!)] });
  }
  while (grants.length < GRANTS) {
    const ownerId = pick(random, ownerIds);
    grants.push({
      accountId: pick(random, otherAccountIds),
      ownerId,
      role: pick(random, delegatedRoles),
      cabinetIds: nonEmptySelection(random, cabinetsOf.get(ownerId)!),
    });
  }
  return { grants, cabinetsOf };
}

function nonEmptySelection(random: () => number, cabinets: readonly string[]): string[] {
  const selected = cabinets.filter(() => random() < 0.5);
  return selected.length > 0 ? selected : [pick(random, cabinets)];
}

/** What a service would hold for the account: its standing per cabinet (roles united). */
function principalAccessOf(accountId: string, grants: readonly Grant[]): PrincipalAccess {
  const cabinets = new Map<string, { ownerId: string; roles: Set<Role> }>();
  for (const grant of grants) {
    for (const cabinetId of grant.cabinetIds) {
      const standing = cabinets.get(cabinetId);
      if (standing) standing.roles.add(grant.role);
      else cabinets.set(cabinetId, { ownerId: grant.ownerId, roles: new Set([grant.role]) });
    }
  }
  return { accountId, cabinets };
}

/** What a CASL user would hold for the account: one rule per grant, on the cabinets it covers. */
function caslAbilityOf(grants: readonly Grant[]): CabinetAbility {
  const { can: allow, build } = new AbilityBuilder<CabinetAbility>(createMongoAbility);
  for (const grant of grants) {
    allow([...caslActionsOf[grant.role]], 'Cabinet', { cabinetId: { $in: [...grant.cabinetIds] } });
  }
  return build();
}

/**
 * Requests as they come: 60 % in one of the caller's cabinets, 25 % in another cabinet of an
 * owner the caller works for (often one not selected for them), 15 % in any cabinet at all.
 */
function decisionMix(
  random: () => number,
  grantsByAccount: ReadonlyMap<string, readonly Grant[]>,
  cabinetsOf: ReadonlyMap<string, readonly string[]>,
): DecisionMix {
  const accountIds = [...grantsByAccount.keys()];
  const everyCabinetId = [...cabinetsOf.values()].flat();
  const accessOf = new Map(accountIds.map((accountId) => [accountId, principalAccessOf(accountId, grantsByAccount.get(accountId)!)]));
  const abilityOf = new Map(accountIds.map((accountId) => [accountId, caslAbilityOf(grantsByAccount.get(accountId)!)]));
  const resourceOf = new Map(everyCabinetId.map((cabinetId): [string, Resource] => [cabinetId, { kind: 'cabinet', cabinetId }]));
  const subjectOf = new Map(everyCabinetId.map((cabinetId) => [cabinetId, subject('Cabinet', { cabinetId })]));

  const mix: DecisionMix = { accesses: [], abilities: [], actions: [], resources: [], subjects: [] };
  for (let index = 0; index < MIX_SIZE; index++) {
    const accountId = pick(random, accountIds);
    const accountGrants = grantsByAccount.get(accountId)!;
    const draw = random();
    const cabinetId =
      draw < 0.6
        ? pick(random, pick(random, accountGrants).cabinetIds)
        : draw < 0.85
          ? pick(random, cabinetsOf.get(pick(random, accountGrants).ownerId)!)
          : pick(random, everyCabinetId);
    mix.accesses.push(accessOf.get(accountId)!);
    mix.abilities.push(abilityOf.get(accountId)!);
    mix.actions.push(pick(random, everyAction));
    mix.resources.push(resourceOf.get(cabinetId)!);
    mix.subjects.push(subjectOf.get(cabinetId)!);
  }
  return mix;
}

/** Figures of two deciders that disagree compare nothing: any disagreement stops the benchmark. */
function countAgreedAllowances(mix: DecisionMix): number {
  let allowed = 0;
  const disagreements: string[] = [];
  for (let index = 0; index < MIX_SIZE; index++) {
    const ours = can(mix.accesses[index], mix.actions[index], mix.resources[index]);
    const casl = mix.abilities[index].can(mix.actions[index], mix.subjects[index]);
    if ((ours === 'allow') !== casl) {
      disagreements.push(`${mix.accesses[index].accountId} ${mix.actions[index]} ${mix.subjects[index].cabinetId}: ours ${ours}, CASL ${casl}`);
    }
    if (casl) allowed++;
  }
  if (disagreements.length > 0) {
    throw new Error(`The policy and CASL disagree on ${disagreements.length} of ${MIX_SIZE} decisions, e.g. ${disagreements.slice(0, 3).join('; ')}`);
  }
  return allowed;
}

/** One pass over the mix; returns the allowances so the work cannot be optimized away. */
function ourPass(mix: DecisionMix): number {
  const { accesses, actions, resources } = mix;
  let allowed = 0;
  for (let index = 0; index < MIX_SIZE; index++) {
    if (can(accesses[index], actions[index], resources[index]) === 'allow') allowed++;
  }
  return allowed;
}

function caslPass(mix: DecisionMix): number {
  const { abilities, actions, subjects } = mix;
  let allowed = 0;
  for (let index = 0; index < MIX_SIZE; index++) {
    if (abilities[index].can(actions[index], subjects[index])) allowed++;
  }
  return allowed;
}

interface Timing {
  readonly decisions: number;
  readonly elapsedMs: number;
}

/** Whole passes over the mix for at least ROUND_MS. */
function timedRound(pass: (mix: DecisionMix) => number, mix: DecisionMix): Timing {
  let decisions = 0;
  let allowances = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ROUND_MS) {
    allowances += pass(mix);
    decisions += MIX_SIZE;
    now = performance.now();
  }
  if (allowances === 0) throw new Error('A pass allowed nothing: the mix is not what it should be');
  return { decisions, elapsedMs: now - start };
}

function decisionsPerSecond(rounds: readonly Timing[]): number {
  const decisions = rounds.reduce((sum, round) => sum + round.decisions, 0);
  const elapsedMs = rounds.reduce((sum, round) => sum + round.elapsedMs, 0);
  return (decisions / elapsedMs) * 1000;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

/**
 * A seeded linear congruential generator (Numerical Recipes' constants), so every run decides the
 * same mix. Its low bits are weak, but dividing by 2^32 leans on the high ones.
 */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function formatRate(perSecond: number): string {
  return Math.round(perSecond).toLocaleString('en-US');
}

if (require.main === module) {
  benchmarkPolicy().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
