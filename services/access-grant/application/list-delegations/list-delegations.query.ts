import { Injectable } from '@nestjs/common';
import { AccessDelegation, AccessReader } from '@osteo/auth';
import type { DelegatedRole } from '@osteo/contracts';
import { percentFromBasisPoints } from '../retrocession-percent';

export interface DelegationView {
  readonly delegationId: string;
  readonly ownerId: string;
  readonly granteeEmail: string;
  readonly granteeAccountId: string | null;
  readonly role: DelegatedRole;
  readonly cabinetIds: readonly string[];
  readonly retrocessionPercent: number | null;
  readonly endsOn: string | null;
  /** `pending`: the grantee's account is being created; `active`: in force; `revoked`. */
  readonly status: AccessDelegation['status'];
}

const toView = (delegation: AccessDelegation): DelegationView => ({
  delegationId: delegation.delegationId,
  ownerId: delegation.ownerId,
  granteeEmail: delegation.granteeEmail,
  granteeAccountId: delegation.granteeAccountId,
  role: delegation.role,
  cabinetIds: delegation.cabinetIds,
  retrocessionPercent: delegation.retrocessionBasisPoints === null ? null : percentFromBasisPoints(delegation.retrocessionBasisPoints),
  endsOn: delegation.endsOn,
  status: delegation.status,
});

/** GET /delegations: those the caller granted, and those granted to the caller. */
@Injectable()
export class ListDelegationsQuery {
  constructor(private readonly reader: AccessReader) {}

  async execute(accountId: string): Promise<{ granted: DelegationView[]; received: DelegationView[] }> {
    const [granted, received] = await Promise.all([this.reader.delegationsGrantedBy(accountId), this.reader.delegationsGrantedTo(accountId)]);
    return { granted: granted.map(toView), received: received.map(toView) };
  }
}
