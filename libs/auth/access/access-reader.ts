import type { ReadCollection, ReadStore } from '@osteo/read-store';
import {
  ACCESS_DELEGATIONS,
  ACCESS_PRACTICES,
  type AccessDelegation,
  type AccessPractice,
} from './access-projection';
import type { PrincipalAccess, Role } from './access-policy';

/**
 * Reads the access projection. Nothing is cached, on purpose: a revoked delegation, a closed
 * practice or a removed colleague must stop working within a second, in every instance of every
 * service, and each instance learns of the change only through its projection. Reading the
 * projection on each request makes revocation as fast as the projection, with no invalidation to
 * get wrong; the queries below are a few indexed finds.
 */
export class AccessReader {
  private readonly practices: ReadCollection<AccessPractice>;
  private readonly delegations: ReadCollection<AccessDelegation>;

  constructor(
    readStore: ReadStore,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.practices = readStore.collection<AccessPractice>(ACCESS_PRACTICES);
    this.delegations = readStore.collection<AccessDelegation>(ACCESS_DELEGATIONS);
  }

  /** The indexes the queries below need; idempotent, so call it at every start. */
  async ensureIndexes(): Promise<void> {
    await Promise.all([
      this.practices.createIndex({ keys: { ownerId: 1 } }),
      this.practices.createIndex({ keys: { colleagueIds: 1 } }),
      this.delegations.createIndex({ keys: { ownerId: 1 } }),
      this.delegations.createIndex({ keys: { granteeAccountId: 1 } }),
    ]);
  }

  /**
   * Where the account may work right now: the open practices it owns or is a colleague in, and
   * the open practices of each owner who delegated to it, as far as the delegation is active and
   * not past its last day. A delegated cabinetId that is not a practice of the delegation's owner
   * gives nothing.
   */
  async principalAccess(accountId: string): Promise<PrincipalAccess> {
    const today = utcDateOf(this.clock());
    const [ownedOrShared, activeDelegations] = await Promise.all([
      this.practices.find({ closed: false, $or: [{ ownerId: accountId }, { colleagueIds: accountId }] }),
      this.delegations.find({ granteeAccountId: accountId, status: 'active' }),
    ]);
    const delegationsInForce = activeDelegations.filter((delegation) => isWithinPeriod(delegation, today));
    const delegatedCabinetIds = [...new Set(delegationsInForce.flatMap((delegation) => delegation.cabinetIds))];
    const delegatedPractices =
      delegatedCabinetIds.length === 0
        ? []
        : await this.practices.find({ _id: { $in: delegatedCabinetIds }, closed: false });

    const standings = new Map<string, { ownerId: string; roles: Set<Role> }>();
    const addRole = (practice: AccessPractice, role: Role): void => {
      const standing = standings.get(practice.cabinetId);
      if (standing) standing.roles.add(role);
      else standings.set(practice.cabinetId, { ownerId: practice.ownerId, roles: new Set([role]) });
    };
    for (const practice of ownedOrShared) {
      if (practice.ownerId === accountId) addRole(practice, 'owner');
      if (practice.colleagueIds.includes(accountId)) addRole(practice, 'colleague');
    }
    const delegatedPracticeById = new Map(delegatedPractices.map((practice) => [practice.cabinetId, practice]));
    for (const delegation of delegationsInForce) {
      for (const cabinetId of delegation.cabinetIds) {
        const practice = delegatedPracticeById.get(cabinetId);
        if (practice?.ownerId === delegation.ownerId) addRole(practice, delegation.role);
      }
    }
    return { accountId, practices: standings };
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

  /** The practice, closed or not; null when no such practice was ever opened. */
  async practice(cabinetId: string): Promise<AccessPractice | null> {
    const found = await this.practices.findOne({ _id: cabinetId });
    return found && withoutProjectionGuard(found);
  }

  /**
   * The share of each fee the owner retrocedes to the substitute for a consultation completed in
   * that practice at `at`, in basis points (30 % = 3000), as the events carry it. Null when no
   * substitute delegation from that owner covering that practice was in force at `at`, or when it
   * carried no rate then. Should two overlap, the latest granted wins.
   */
  async retrocessionRateOf(
    substituteAccountId: string,
    ownerId: string,
    cabinetId: string,
    at: Date,
  ): Promise<number | null> {
    const covering = await this.delegations.find(
      { granteeAccountId: substituteAccountId, ownerId, role: 'substitute', cabinetIds: cabinetId },
      { sort: { grantedAt: -1, _id: -1 } },
    );
    const delegation = covering.find((candidate) => wasInForceAt(candidate, at));
    if (delegation === undefined) return null;
    const ratesSetBefore = delegation.retrocessionHistory.filter((rate) => Date.parse(rate.since) <= at.getTime());
    return ratesSetBefore.at(-1)?.basisPoints ?? null;
  }
}

/**
 * `endsOn` is a calendar day with no time zone, compared with the UTC date of now: a replacement
 * whose last day is the 14th works until 00:00 UTC on the 15th (01:00 or 02:00 in France). A
 * practice's own time zone is not in the events; UTC keeps every service deciding alike.
 */
function isWithinPeriod(delegation: AccessDelegation, utcDate: string): boolean {
  return delegation.endsOn === null || delegation.endsOn >= utcDate;
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
