import { Injectable } from '@nestjs/common';
import { AccessDelegation, AccessReader } from '@osteo/auth';
import type { DelegatedRole } from '@osteo/contracts';
import { ERASED } from '@osteo/personal-data';
import { SealedEmails } from '@osteo/platform';
import { AccountNames, type KnownName } from '../account-names/account-names';
import { percentFromBasisPoints } from '../../domain/retrocession-percent';

export interface DelegationView {
  readonly delegationId: string;
  readonly ownerId: string;
  /** The owner's name, for the grantee's list; null while identity's account event has not reached access-grant. */
  readonly ownerDisplayName: string | null;
  readonly granteeEmail: string;
  readonly granteeAccountId: string | null;
  /** The grantee's name, for the owner's list; null until their account exists and is known here. */
  readonly granteeDisplayName: string | null;
  readonly role: DelegatedRole;
  readonly cabinetIds: readonly string[];
  readonly retrocessionPercent: number | null;
  readonly endsOn: string | null;
  /** `pending`: the grantee's account is being created; `active`: in force; `revoked`. */
  readonly status: AccessDelegation['status'];
}

/** The address the owner typed: sealed on access.events since #11, in clear in a grant from before. */
const granteeEmailOf = (delegation: AccessDelegation, seals: SealedEmails): string =>
  delegation.granteeEmail ?? seals.unseal(delegation.granteeEmailSealed ?? '', delegation.delegationId);

/**
 * An erased grantee's address is shown erased too: the sealed copy on access.events cannot be
 * erased (a topic keeps its messages), but no route opens it for an account erased since.
 */
const shownGranteeEmailOf = (delegation: AccessDelegation, names: ReadonlyMap<string, KnownName>, seals: SealedEmails): string =>
  delegation.granteeAccountId !== null && names.get(delegation.granteeAccountId)?.displayName === ERASED ? ERASED : granteeEmailOf(delegation, seals);

const toView = (delegation: AccessDelegation, names: ReadonlyMap<string, KnownName>, seals: SealedEmails): DelegationView => ({
  delegationId: delegation.delegationId,
  ownerId: delegation.ownerId,
  ownerDisplayName: names.get(delegation.ownerId)?.displayName ?? null,
  granteeEmail: shownGranteeEmailOf(delegation, names, seals),
  granteeAccountId: delegation.granteeAccountId,
  granteeDisplayName: (delegation.granteeAccountId !== null && names.get(delegation.granteeAccountId)?.displayName) || null,
  role: delegation.role,
  cabinetIds: delegation.cabinetIds,
  retrocessionPercent: delegation.retrocessionBasisPoints === null ? null : percentFromBasisPoints(delegation.retrocessionBasisPoints),
  endsOn: delegation.endsOn,
  status: delegation.status,
});

/** GET /delegations: those the caller granted, and those granted to the caller. */
@Injectable()
export class ListDelegationsQuery {
  constructor(
    private readonly reader: AccessReader,
    private readonly accountNames: AccountNames,
    private readonly seals: SealedEmails,
  ) {}

  async execute(accountId: string): Promise<{ granted: DelegationView[]; received: DelegationView[] }> {
    const [granted, received] = await Promise.all([this.reader.delegationsGrantedBy(accountId), this.reader.delegationsGrantedTo(accountId)]);
    const names = await this.accountNames.of([...granted, ...received].flatMap((delegation) => [delegation.ownerId, delegation.granteeAccountId]));
    const view = (delegation: AccessDelegation) => toView(delegation, names, this.seals);
    return { granted: granted.map(view), received: received.map(view) };
  }
}
