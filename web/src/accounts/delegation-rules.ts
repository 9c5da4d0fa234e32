/**
 * The "comptes spécifiques" page's rules, mirroring the API's DTOs
 * (services/access-grant/interface/access-grant.dto.ts: GrantDelegationDto, ChangeDelegationDto)
 * so that the form says what is wrong before anything is sent, and what the table derives from
 * GET /delegations.
 */
import { isErasedName } from '../format/erased-names';

export const delegatedRoles = ['secretary', 'substitute', 'accountant'] as const;
export type DelegatedRole = (typeof delegatedRoles)[number];

export const EMAIL_MAX_LENGTH = 254;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** One delegation as GET /delegations lists it (granted or received). */
export interface Delegation {
  readonly delegationId: string;
  readonly ownerId: string;
  readonly ownerDisplayName: string | null;
  readonly granteeEmail: string;
  readonly granteeAccountId: string | null;
  readonly granteeDisplayName: string | null;
  readonly role: DelegatedRole;
  readonly cabinetIds: readonly string[];
  readonly retrocessionPercent: number | null;
  /** YYYY-MM-DD, the last day of access; null: until revoked. */
  readonly endsOn: string | null;
  readonly status: 'pending' | 'active' | 'revoked';
}

export interface Delegations {
  readonly granted: readonly Delegation[];
  readonly received: readonly Delegation[];
}

/**
 * Where a delegation stands for the person reading it: `pending` while the grantee's account is
 * being created, `active`, `ended` once its last day has passed (the API then leaves it out of
 * every access), `revoked`.
 */
export type DelegationStanding = 'pending' | 'active' | 'ended' | 'revoked';

export function delegationStanding(delegation: Pick<Delegation, 'status' | 'endsOn'>, today: string): DelegationStanding {
  if (delegation.status === 'revoked') return 'revoked';
  if (delegation.endsOn !== null && delegation.endsOn < today) return 'ended';
  return delegation.status;
}

/** What the owner may do on a row: change cabinets (and rate) while it is in force, revoke until it is revoked. */
export function delegationActions(standing: DelegationStanding): { readonly change: boolean; readonly revoke: boolean } {
  return { change: standing === 'pending' || standing === 'active', revoke: standing !== 'revoked' };
}

/**
 * May the owner erase this grantee's account (DELETE /accounts/:accountId)? Once it exists and is
 * not erased yet, and none of the owner's delegations to it is in force any more (all revoked, or
 * past their last day): the API's own rule, as far as the owner's list shows it. The API stays the
 * referee: a delegation from another owner still in force answers 409 ACCOUNT.DELEGATION_IN_FORCE,
 * an account this owner's delegation did not create (one that existed before the grant) 403
 * ACCOUNT.ERASURE_NOT_ALLOWED, and the modal shows that refusal.
 */
export function mayEraseGrantee(granteeAccountId: string | null, granted: readonly Delegation[], today: string): boolean {
  if (granteeAccountId === null) return false;
  const theirs = granted.filter((delegation) => delegation.granteeAccountId === granteeAccountId);
  return (
    theirs.length > 0 &&
    !theirs.some(isErasedGrantee) &&
    theirs.every((delegation) => {
      const standing = delegationStanding(delegation, today);
      return standing === 'revoked' || standing === 'ended';
    })
  );
}

/**
 * The rows that offer "Effacer le compte": for each grantee the owner may erase, the first of
 * their rows in the table's order (one button per account, however many grants it had).
 */
export function erasureRows(granted: readonly Delegation[], today: string): ReadonlySet<string> {
  const rows = new Set<string>();
  const seen = new Set<string>();
  for (const delegation of sortDelegations(granted, today)) {
    const accountId = delegation.granteeAccountId;
    if (accountId === null || seen.has(accountId)) continue;
    seen.add(accountId);
    if (mayEraseGrantee(accountId, granted, today)) rows.add(delegation.delegationId);
  }
  return rows;
}

/** Whether the list already shows the account erased: every row of the owner's that names it. */
export function showsErased(delegations: Delegations, granteeAccountId: string): boolean {
  const theirs = delegations.granted.filter((delegation) => delegation.granteeAccountId === granteeAccountId);
  return theirs.length > 0 && theirs.every(isErasedGrantee);
}

/** The table's order: in force first (pending, active), then ended, then revoked; by person within. */
export function sortDelegations<T extends Delegation>(delegations: readonly T[], today: string): T[] {
  const order: Record<DelegationStanding, number> = { pending: 0, active: 0, ended: 1, revoked: 2 };
  const person = (delegation: Delegation) => (delegation.granteeDisplayName ?? delegation.granteeEmail).toLocaleLowerCase();
  return [...delegations].sort(
    (a, b) => order[delegationStanding(a, today)] - order[delegationStanding(b, today)] || person(a).localeCompare(person(b)) || a.role.localeCompare(b.role),
  );
}

export type PercentProblem = 'required' | 'invalid' | 'range' | 'decimals';

/**
 * A retrocession rate as typed (`30`, `12,5`, `12.75`, `30 %`): a number from 0 to 100 with two
 * decimals at most, or the problem with it; undefined when the field is empty.
 */
export function parsePercent(typed: string): number | Exclude<PercentProblem, 'required'> | undefined {
  const compact = typed.replace(/[\s\u00a0\u202f%]/g, '');
  if (compact === '') return undefined;
  const match = /^(\d+)(?:[.,](\d+))?$/.exec(compact);
  if (!match) return 'invalid';
  if ((match[2] ?? '').length > 2) return 'decimals';
  const value = Number(`${match[1]}.${match[2] ?? '0'}`);
  return value > 100 ? 'range' : value;
}

/** A rate back into the field, in the reader's notation: 12.5 → `12,5` (fr) or `12.5` (en). */
export function percentToInput(percent: number | null, locale: string): string {
  if (percent === null) return '';
  const text = String(Math.round(percent * 100) / 100);
  return locale === 'en' ? text : text.replace('.', ',');
}

export interface GrantValues {
  readonly email: string;
  readonly role: DelegatedRole | '';
  readonly cabinetIds: readonly string[];
  readonly retrocessionPercent: string;
  /** YYYY-MM-DD or empty. */
  readonly endsOn: string | null;
}

export type GrantProblems = Partial<{
  email: 'required' | 'invalid' | 'tooLong';
  role: 'required';
  cabinetIds: 'required';
  retrocessionPercent: PercentProblem;
  endsOn: 'invalid' | 'past';
}>;

export const emptyGrantValues: GrantValues = { email: '', role: '', cabinetIds: [], retrocessionPercent: '', endsOn: null };

const CALENDAR_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDay(day: string): boolean {
  const match = CALENDAR_DAY.exec(day);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === day;
}

/** `today` is the reader's calendar day (YYYY-MM-DD): the last day may be today, never before. */
export function validateGrant(values: GrantValues, today: string): GrantProblems {
  const problems: GrantProblems = {};
  const email = values.email.trim();
  if (email === '') problems.email = 'required';
  else if (email.length > EMAIL_MAX_LENGTH) problems.email = 'tooLong';
  else if (!EMAIL_PATTERN.test(email)) problems.email = 'invalid';
  if (values.role === '') problems.role = 'required';
  if (values.cabinetIds.length === 0) problems.cabinetIds = 'required';
  if (values.role === 'substitute') {
    const percent = parsePercent(values.retrocessionPercent);
    if (percent === undefined) problems.retrocessionPercent = 'required';
    else if (typeof percent === 'string') problems.retrocessionPercent = percent;
  }
  if (values.endsOn) {
    if (!isCalendarDay(values.endsOn)) problems.endsOn = 'invalid';
    else if (values.endsOn < today) problems.endsOn = 'past';
  }
  return problems;
}

export interface GrantDelegationBody {
  readonly email: string;
  readonly role: DelegatedRole;
  readonly cabinetIds: string[];
  readonly retrocessionPercent?: number;
  readonly endsOn?: string;
}

/** POST /delegations from valid values: the rate for a substitute only, the end date when given. */
export function toGrantBody(values: GrantValues): GrantDelegationBody {
  if (values.role === '') throw new Error('toGrantBody: no role');
  const percent = parsePercent(values.retrocessionPercent);
  return {
    email: values.email.trim(),
    role: values.role,
    cabinetIds: [...new Set(values.cabinetIds)],
    ...(values.role === 'substitute' && typeof percent === 'number' ? { retrocessionPercent: percent } : {}),
    ...(values.endsOn ? { endsOn: values.endsOn } : {}),
  };
}

export interface ChangeValues {
  readonly cabinetIds: readonly string[];
  readonly retrocessionPercent: string;
}

export function changeValuesOf(delegation: Delegation, locale: string): ChangeValues {
  return { cabinetIds: [...delegation.cabinetIds], retrocessionPercent: percentToInput(delegation.retrocessionPercent, locale) };
}

export function validateChange(values: ChangeValues, role: DelegatedRole): Pick<GrantProblems, 'cabinetIds' | 'retrocessionPercent'> {
  const problems: Pick<GrantProblems, 'cabinetIds' | 'retrocessionPercent'> = {};
  if (values.cabinetIds.length === 0) problems.cabinetIds = 'required';
  if (role === 'substitute') {
    const percent = parsePercent(values.retrocessionPercent);
    if (percent === undefined) problems.retrocessionPercent = 'required';
    else if (typeof percent === 'string') problems.retrocessionPercent = percent;
  }
  return problems;
}

export interface ChangeDelegationBody {
  readonly cabinetIds?: string[];
  readonly retrocessionPercent?: number;
}

/** PATCH /delegations/:id with what changed only (the cabinets as a set); null when nothing did. */
export function toChangeBody(delegation: Delegation, values: ChangeValues): ChangeDelegationBody | null {
  const body: { cabinetIds?: string[]; retrocessionPercent?: number } = {};
  const chosen = [...new Set(values.cabinetIds)];
  const current = new Set(delegation.cabinetIds);
  if (chosen.length !== current.size || chosen.some((id) => !current.has(id))) body.cabinetIds = chosen;
  if (delegation.role === 'substitute') {
    const percent = parsePercent(values.retrocessionPercent);
    if (typeof percent === 'number' && percent !== delegation.retrocessionPercent) body.retrocessionPercent = percent;
  }
  return Object.keys(body).length > 0 ? body : null;
}

/** Whether the list already shows a change that was sent (the read model catches up within a second). */
export function showsChange(delegation: Delegation | undefined, body: ChangeDelegationBody): boolean {
  if (!delegation) return false;
  const cabinetsShown = body.cabinetIds === undefined || (body.cabinetIds.length === delegation.cabinetIds.length && body.cabinetIds.every((id) => delegation.cabinetIds.includes(id)));
  const rateShown = body.retrocessionPercent === undefined || body.retrocessionPercent === delegation.retrocessionPercent;
  return cabinetsShown && rateShown;
}

/** `04/12/2026` or `4/12/2026` as typed in a date field → `2026-12-04`; null when it is not a day. */
export function parseTypedDay(typed: string): string | null {
  const match = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(typed);
  if (match) {
    const day = `${match[3]}-${match[2].padStart(2, '0')}-${match[1].padStart(2, '0')}`;
    return isCalendarDay(day) ? day : null;
  }
  const trimmed = typed.trim();
  return isCalendarDay(trimmed) ? trimmed : null;
}

/** The field of the create form an API refusal is about (shown under it, what was typed kept); undefined: for the form's message. */
export function grantFieldOfError(code: string): keyof GrantValues | undefined {
  switch (code) {
    case 'DELEGATION.DUPLICATE':
    case 'DELEGATION.ALREADY_EXISTS':
    case 'DELEGATION.TO_SELF':
      return 'email';
    case 'DELEGATION.NO_CABINET':
    case 'DELEGATION.DUPLICATE_CABINET':
      return 'cabinetIds';
    case 'DELEGATION.INVALID_RETROCESSION':
    case 'DELEGATION.RETROCESSION_REQUIRED':
    case 'DELEGATION.RETROCESSION_NOT_ALLOWED':
      return 'retrocessionPercent';
    case 'DELEGATION.ENDS_IN_THE_PAST':
      return 'endsOn';
    default:
      return undefined;
  }
}

/** A grantee whose account was erased: the API gives `[erased]` for their name and address. */
export function isErasedGrantee(delegation: Pick<Delegation, 'granteeDisplayName'>): boolean {
  return isErasedName(delegation.granteeDisplayName);
}

/**
 * How the table names the grantee: their name above their e-mail, or the e-mail alone while no
 * name is known or when the name is the e-mail itself (an account created for the grant takes its
 * address as its name until the person sets one).
 */
export function granteeOf(delegation: Pick<Delegation, 'granteeDisplayName' | 'granteeEmail'>): { readonly name: string | null; readonly email: string } {
  const name = delegation.granteeDisplayName?.trim() || null;
  return { name: name && name.toLocaleLowerCase() !== delegation.granteeEmail.toLocaleLowerCase() ? name : null, email: delegation.granteeEmail };
}
