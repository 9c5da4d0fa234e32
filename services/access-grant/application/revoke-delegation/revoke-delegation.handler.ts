import { Injectable } from '@nestjs/common';
import { EventStore, handleCommand } from '@osteo/event-sourcing';
import { Clock } from '@osteo/platform';
import { delegationDecider, delegationStreamId } from '../../domain/delegation';
import { DelegationOwnership } from '../access/delegation-ownership';
import { Caller, commandMetadata } from '@osteo/auth';

@Injectable()
export class RevokeDelegationHandler {
  constructor(
    private readonly store: EventStore,
    private readonly ownership: DelegationOwnership,
    private readonly clock: Clock,
  ) {}

  async execute(caller: Caller, delegationId: string): Promise<void> {
    await this.ownership.requireOwner(delegationId, caller.principal.accountId);
    await handleCommand(this.store, delegationStreamId(delegationId), delegationDecider, {
      type: 'RevokeDelegation',
      data: { byAccountId: caller.principal.accountId },
      metadata: commandMetadata(caller, this.clock.now()),
    });
  }
}
