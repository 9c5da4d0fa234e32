/**
 * Who may do what where: ONE pure function for the whole platform (ARCHITECTURE.md, "Access
 * control"). Every service calls it on every request with the caller's access, which AccessReader
 * (./access-reader.ts) reads from the service's own access projection (./access-projection.ts).
 */
import type { DelegatedRole } from '@osteo/contracts';

export type Role = 'owner' | 'colleague' | DelegatedRole;

export type Action =
  /** See the cabinet (GET /cabinets): anyone with a role in it. */
  | 'cabinet.read'
  /** Rename, close, invite or remove colleagues, delegate on it: the owner. */
  | 'cabinet.manage'
  | 'appointment.read'
  | 'appointment.write'
  | 'patient.read'
  | 'patient.write'
  | 'patient.delete'
  /** Create and edit consultations of a patient of the cabinet. */
  | 'consultation.write'
  /** Complete a consultation one performed (fee and payment method). */
  | 'consultation.complete'
  | 'consultation.delete'
  /** Who opened which patient record, when: the owner. */
  | 'patient.access-log.read'
  | 'ledger.read'
  | 'ledger.export'
  /** Manual entries: the ledger's holder only. */
  | 'ledger.write';

export type Resource =
  | { readonly kind: 'cabinet'; readonly cabinetId: string }
  /**
   * A ledger is its holder's. `cabinetId` null: the ledger as a whole (a listing then keeps the
   * lines of the cabinets the decision allows, see `ledgerCabinetsVisibleTo`).
   */
  | { readonly kind: 'ledger'; readonly holderId: string; readonly cabinetId: string | null };

/** `not_found`: outside every cabinet the caller can see (404); `forbidden`: visible, not allowed (403). */
export type Decision = 'allow' | 'forbidden' | 'not_found';

/** The caller's standing in one cabinet. */
export interface CabinetStanding {
  readonly ownerId: string;
  readonly roles: ReadonlySet<Role>;
}

/**
 * What one account may reach right now: for each cabinet where it holds a role, the cabinet's
 * owner and the roles. Revoked and expired delegations and closed cabinets are already left out.
 */
export interface PrincipalAccess {
  readonly accountId: string;
  readonly cabinets: ReadonlyMap<string, CabinetStanding>;
}

/**
 * Which roles permit each action on a cabinet, one row per action; the compiler insists on every
 * action. Stated per action because that is how `can` reads it: a decision tests the caller's
 * roles against one short row, with no allocation.
 */
const rolesPermitting: Readonly<Record<Action, readonly Role[]>> = {
  'cabinet.read': ['owner', 'colleague', 'secretary', 'substitute', 'accountant'],
  'cabinet.manage': ['owner'],
  'appointment.read': ['owner', 'colleague', 'secretary'],
  'appointment.write': ['owner', 'colleague', 'secretary'],
  'patient.read': ['owner', 'colleague', 'substitute'],
  'patient.write': ['owner', 'colleague', 'substitute'],
  'patient.delete': ['owner'],
  'consultation.write': ['owner', 'colleague', 'substitute'],
  'consultation.complete': ['owner', 'colleague', 'substitute'],
  'consultation.delete': ['owner'],
  'patient.access-log.read': ['owner'],
  // A ledger is its holder's, not a cabinet's: these are decided on the ledger resource only.
  'ledger.read': [],
  'ledger.export': [],
  'ledger.write': [],
};

/**
 * The decision for one request, pure. On a cabinet, or a ledger in a given cabinet, it allocates
 * nothing and costs a map lookup and a few set lookups; on a ledger as a whole it also scans the
 * caller's cabinets (a handful).
 *
 * `consultation.complete` says who may complete consultations in a cabinet; that the caller
 * performed this one is the records service's check.
 */
export function can(access: PrincipalAccess, action: Action, resource: Resource): Decision {
  return resource.kind === 'cabinet'
    ? canInCabinet(access, action, resource.cabinetId)
    : canOnLedger(access, action, resource.holderId, resource.cabinetId);
}

function canInCabinet(access: PrincipalAccess, action: Action, cabinetId: string): Decision {
  const standing = access.cabinets.get(cabinetId);
  if (standing === undefined) return 'not_found';
  const permitting = rolesPermitting[action];
  for (let index = 0; index < permitting.length; index++) {
    if (standing.roles.has(permitting[index])) return 'allow';
  }
  return 'forbidden';
}

/**
 * The holder reads, exports and writes their own ledger; an accountant of the holder reads and
 * exports it for the cabinets the holder selected; nobody else. Whoever works in one of the
 * holder's cabinets knows the holder, so is told `forbidden`; anyone else `not_found`.
 */
function canOnLedger(access: PrincipalAccess, action: Action, holderId: string, cabinetId: string | null): Decision {
  if (access.accountId === holderId) {
    // Lines of a cabinet the holder no longer works in stay readable in the ledger as a whole.
    if (cabinetId !== null && !access.cabinets.has(cabinetId)) return 'not_found';
    if (isLedgerReading(action)) return 'allow';
    return action === 'ledger.write' && cabinetId !== null && practisesIn(access.cabinets.get(cabinetId)) ? 'allow' : 'forbidden';
  }
  if (isAccountantOf(access, holderId, cabinetId)) return isLedgerReading(action) ? 'allow' : 'forbidden';
  return worksInACabinetOf(access, holderId) ? 'forbidden' : 'not_found';
}

/**
 * A ledger line is money earned or spent practising: only who practises in that cabinet
 * (owner, colleague, substitute) writes lines for it; a secretary's or an accountant's standing
 * there is not their own activity.
 */
function practisesIn(standing: CabinetStanding | undefined): boolean {
  return standing !== undefined && (standing.roles.has('owner') || standing.roles.has('colleague') || standing.roles.has('substitute'));
}

/** What an accountant may do with a ledger: list and print it (read), export it; never write. */
function isLedgerReading(action: Action): boolean {
  return action === 'ledger.read' || action === 'ledger.export';
}

/** `cabinetId` null: for at least one of the holder's cabinets. */
function isAccountantOf(access: PrincipalAccess, holderId: string, cabinetId: string | null): boolean {
  if (cabinetId !== null) {
    const standing = access.cabinets.get(cabinetId);
    return standing !== undefined && standing.ownerId === holderId && standing.roles.has('accountant');
  }
  for (const standing of access.cabinets.values()) {
    if (standing.ownerId === holderId && standing.roles.has('accountant')) return true;
  }
  return false;
}

function worksInACabinetOf(access: PrincipalAccess, ownerId: string): boolean {
  for (const standing of access.cabinets.values()) {
    if (standing.ownerId === ownerId) return true;
  }
  return false;
}

/**
 * The cabinets whose lines of `holderId`'s ledger the caller may list or export: every one for
 * the holder, else those where the caller is the holder's accountant (empty: none).
 */
export function ledgerCabinetsVisibleTo(access: PrincipalAccess, holderId: string): ReadonlySet<string> | 'all' {
  if (access.accountId === holderId) return 'all';
  const cabinetIds = new Set<string>();
  for (const [cabinetId, standing] of access.cabinets) {
    if (standing.ownerId === holderId && standing.roles.has('accountant')) cabinetIds.add(cabinetId);
  }
  return cabinetIds;
}
