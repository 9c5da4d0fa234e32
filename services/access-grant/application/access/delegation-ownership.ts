import { Injectable } from '@nestjs/common';
import { EventStore, loadAggregate } from '@osteo/event-sourcing';
import { Rejection } from '@osteo/event-sourcing/rejection';
import { delegationDecider, delegationStreamId } from '../../domain/delegation';

/**
 * Before changing a delegation: its owner goes on (the decider re-checks), its grantee is told
 * it may not (403), anyone else learns nothing (404).
 */
@Injectable()
export class DelegationOwnership {
  constructor(private readonly store: EventStore) {}

  async requireOwner(delegationId: string, accountId: string): Promise<void> {
    const { state } = await loadAggregate(this.store, delegationStreamId(delegationId), delegationDecider);
    if (state.status !== 'absent' && state.ownerId === accountId) return;
    if (state.status !== 'absent' && state.granteeAccountId === accountId) {
      throw new Rejection('forbidden', 'DELEGATION.NOT_OWNER', 'Only the owner who granted this delegation may change it');
    }
    throw new Rejection('not_found', 'DELEGATION.NOT_FOUND', 'No such delegation');
  }
}
