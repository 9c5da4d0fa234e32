import type { ReadCollection, ReadStore } from '@osteo/read-store';
import { ACCESS_CHANGES, ACCESS_CHANGE_MARKER_ID, type AccessChangeMarker } from './access-changes';
import {
  ACCESS_DELEGATIONS,
  ACCESS_CABINETS,
  type AccessDelegation,
  type AccessCabinet,
} from './access-projection';
import type { PrincipalAccess, Role } from './access-policy';

/** Accounts whose documents are kept at once; the one read longest ago goes first. */
const DEFAULT_CACHED_ACCOUNTS = 10_000;

/**
 * What one account's access is computed from, as stored when it was read: raw documents, so
 * what depends on the date (a delegation's last day, the rate at an instant) is computed per call.
 */
interface AccountDocuments {
  /** The open cabinets the account owns or is a colleague in. */
  readonly ownedOrShared: readonly AccessCabinet[];
  /** Every delegation granted to the account, whatever its status. */
  readonly delegations: readonly AccessDelegation[];
  /** The open cabinets its active delegations name, by cabinetId. */
  readonly delegatedCabinets: ReadonlyMap<string, AccessCabinet>;
}

/**
 * Reads the access projection, keeping each account's documents while the access change marker
 * keeps its generation: a revoked delegation or a closed cabinet stops working as soon as the
 * projection applied it, in every instance, for one `_id` read per call. Why that is exact, and
 * what it takes of the database: docs/adr/0001-access-change-marker.md.
 */
export class AccessReader {
  private readonly cabinets: ReadCollection<AccessCabinet>;
  private readonly delegations: ReadCollection<AccessDelegation>;
  private readonly changes: ReadCollection<AccessChangeMarker>;
  /** The generation `kept` belongs to; undefined until the marker was first read (null: no marker yet). */
  private keptGeneration: string | null | undefined = undefined;
  /** By account id, least recently used first. */
  private readonly kept = new Map<string, AccountDocuments>();
  /** What each PrincipalAccess this reader answered was computed from, for `retrocessionRateFor`. */
  private readonly documentsBehind = new WeakMap<PrincipalAccess, AccountDocuments>();

  constructor(
    readStore: ReadStore,
    private readonly clock: () => Date = () => new Date(),
    private readonly maxCachedAccounts = DEFAULT_CACHED_ACCOUNTS,
  ) {
    this.cabinets = readStore.collection<AccessCabinet>(ACCESS_CABINETS);
    this.delegations = readStore.collection<AccessDelegation>(ACCESS_DELEGATIONS);
    this.changes = readStore.collection<AccessChangeMarker>(ACCESS_CHANGES);
  }

  /** The indexes the queries below need; idempotent, so call it at every start. */
  async ensureIndexes(): Promise<void> {
    await Promise.all([
      this.cabinets.createIndex({ keys: { ownerId: 1 } }),
      this.cabinets.createIndex({ keys: { colleagueIds: 1 } }),
      this.delegations.createIndex({ keys: { ownerId: 1 } }),
      this.delegations.createIndex({ keys: { granteeAccountId: 1 } }),
    ]);
  }

  /**
   * Where the account may work right now: the open cabinets it owns or is a colleague in, and
   * the open cabinets of each owner who delegated to it, as far as the delegation is active and
   * not past its last day. A delegated cabinetId that is not a cabinet of the delegation's owner
   * gives nothing.
   */
  async principalAccess(accountId: string): Promise<PrincipalAccess> {
    const documents = await this.documentsOf(accountId);
    const now = this.clock();
    const delegationsInForce = documents.delegations.filter((delegation) => isDelegationInForce(delegation, now));

    const standings = new Map<string, { ownerId: string; roles: Set<Role> }>();
    const addRole = (cabinet: AccessCabinet, role: Role): void => {
      const standing = standings.get(cabinet.cabinetId);
      if (standing) standing.roles.add(role);
      else standings.set(cabinet.cabinetId, { ownerId: cabinet.ownerId, roles: new Set([role]) });
    };
    for (const cabinet of documents.ownedOrShared) {
      if (cabinet.ownerId === accountId) addRole(cabinet, 'owner');
      if (cabinet.colleagueIds.includes(accountId)) addRole(cabinet, 'colleague');
    }
    for (const delegation of delegationsInForce) {
      for (const cabinetId of delegation.cabinetIds) {
        const cabinet = documents.delegatedCabinets.get(cabinetId);
        if (cabinet?.ownerId === delegation.ownerId) addRole(cabinet, delegation.role);
      }
    }
    const access: PrincipalAccess = { accountId, cabinets: standings };
    this.documentsBehind.set(access, documents);
    return access;
  }

  /** Every delegation the owner granted, pending and revoked ones included, oldest first. */
  async delegationsGrantedBy(ownerId: string): Promise<AccessDelegation[]> {
    const found = await this.delegations.find({ ownerId }, { sort: { grantedAt: 1, _id: 1 } });
    return found.map(withoutProjectionGuard);
  }

  /** Every delegation granted to the account, revoked ones included, oldest first. */
  async delegationsGrantedTo(accountId: string): Promise<AccessDelegation[]> {
    const found = await this.delegations.find({ granteeAccountId: accountId }, { sort: { grantedAt: 1, _id: 1 } });
    return found.map(withoutProjectionGuard);
  }

  /** The cabinet, closed or not; null when no such cabinet was ever opened. */
  async cabinet(cabinetId: string): Promise<AccessCabinet | null> {
    const found = await this.cabinets.findOne({ _id: cabinetId });
    return found && withoutProjectionGuard(found);
  }

  /**
   * The share of each fee the owner retrocedes to the substitute for a consultation completed in
   * that cabinet at `at`, in basis points (30 % = 3000), as the events carry it. Null when no
   * substitute delegation from that owner covering that cabinet was in force at `at`, or when it
   * carried no rate then. Should two overlap, the latest granted wins.
   */
  async retrocessionRateOf(
    substituteAccountId: string,
    ownerId: string,
    cabinetId: string,
    at: Date,
  ): Promise<number | null> {
    return retrocessionRateAmong((await this.documentsOf(substituteAccountId)).delegations, ownerId, cabinetId, at);
  }

  /**
   * `retrocessionRateOf` the account `access` is of, answered from the documents `access` was
   * computed from when this reader returned it, with no further read: a request that just judged
   * the caller's access settles with the same reading. Reads like `retrocessionRateOf` otherwise.
   */
  async retrocessionRateFor(access: PrincipalAccess, ownerId: string, cabinetId: string, at: Date): Promise<number | null> {
    const documents = this.documentsBehind.get(access);
    if (documents === undefined) return this.retrocessionRateOf(access.accountId, ownerId, cabinetId, at);
    return retrocessionRateAmong(documents.delegations, ownerId, cabinetId, at);
  }

  /** The account's documents, kept or read, as of a marker read now (ADR 0001). */
  private async documentsOf(accountId: string): Promise<AccountDocuments> {
    const marker = await this.changes.findOne({ _id: ACCESS_CHANGE_MARKER_ID });
    const generation = marker?.generation ?? null;
    if (generation !== this.keptGeneration) {
      this.kept.clear();
      this.keptGeneration = generation;
    }
    const kept = this.kept.get(accountId);
    if (kept !== undefined) {
      this.kept.delete(accountId);
      this.kept.set(accountId, kept);
      return kept;
    }

    const documents = await this.readDocumentsOf(accountId);
    // Another call may have read a newer generation meanwhile: these documents may predate it.
    if (this.keptGeneration === generation) {
      this.kept.set(accountId, documents);
      if (this.kept.size > this.maxCachedAccounts) this.kept.delete(this.kept.keys().next().value!);
    }
    return documents;
  }

  private async readDocumentsOf(accountId: string): Promise<AccountDocuments> {
    const [ownedOrShared, delegations] = await Promise.all([
      this.cabinets.find({ closed: false, $or: [{ ownerId: accountId }, { colleagueIds: accountId }] }),
      this.delegations.find({ granteeAccountId: accountId }),
    ]);
    const activeDelegations = delegations.filter((delegation) => delegation.status === 'active');
    const delegatedCabinetIds = [...new Set(activeDelegations.flatMap((delegation) => delegation.cabinetIds))];
    const delegatedCabinets =
      delegatedCabinetIds.length === 0
        ? []
        : await this.cabinets.find({ _id: { $in: delegatedCabinetIds }, closed: false });
    return {
      ownedOrShared,
      delegations,
      delegatedCabinets: new Map(delegatedCabinets.map((cabinet) => [cabinet.cabinetId, cabinet])),
    };
  }
}

/**
 * The substitute's rate from that owner in that cabinet at `at`, among the delegations granted
 * to the substitute; should two in force overlap, the latest granted wins.
 */
function retrocessionRateAmong(
  delegations: readonly AccessDelegation[],
  ownerId: string,
  cabinetId: string,
  at: Date,
): number | null {
  const delegation = delegations
    .filter(
      (candidate) =>
        candidate.ownerId === ownerId && candidate.role === 'substitute' && candidate.cabinetIds.includes(cabinetId) && wasInForceAt(candidate, at),
    )
    .sort(byLatestGranted)[0];
  if (delegation === undefined) return null;
  const ratesSetBefore = delegation.retrocessionHistory.filter((rate) => Date.parse(rate.since) <= at.getTime());
  return ratesSetBefore.at(-1)?.basisPoints ?? null;
}

/** As the store sorted them before (`grantedAt` then `_id`, descending). */
function byLatestGranted(left: AccessDelegation, right: AccessDelegation): number {
  return compareDescending(left.grantedAt, right.grantedAt) || compareDescending(left._id, right._id);
}

function compareDescending(left: string, right: string): number {
  return left < right ? 1 : left > right ? -1 : 0;
}

/**
 * `endsOn` is a calendar day with no time zone, compared with the UTC date of now: a replacement
 * whose last day is the 14th works until 00:00 UTC on the 15th (01:00 or 02:00 in France). A
 * delegation covers several cabinets, possibly in different time zones: UTC keeps every
 * service deciding alike.
 */
function isWithinPeriod(delegation: AccessDelegation, utcDate: string): boolean {
  return delegation.endsOn === null || delegation.endsOn >= utcDate;
}

/** Whether the delegation gives access at `now`: active (its account exists, not revoked) and not past its last day. */
export function isDelegationInForce(delegation: AccessDelegation, now: Date): boolean {
  return delegation.status === 'active' && isWithinPeriod(delegation, utcDateOf(now));
}

function wasInForceAt(delegation: AccessDelegation, at: Date): boolean {
  const instant = at.getTime();
  return (
    delegation.granteeAccountId !== null &&
    Date.parse(delegation.grantedAt) <= instant &&
    (delegation.revokedAt === undefined || Date.parse(delegation.revokedAt) > instant) &&
    isWithinPeriod(delegation, utcDateOf(at))
  );
}

/** YYYY-MM-DD, the form of `endsOn`, so the two compare as strings. */
function utcDateOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** Drops the fields the projection runner keeps next to the read model's own. */
function withoutProjectionGuard<D extends object>(stored: D): D {
  const { _version, _revisions, ...document } = stored as D & { _version?: unknown; _revisions?: unknown };
  return document as D;
}
