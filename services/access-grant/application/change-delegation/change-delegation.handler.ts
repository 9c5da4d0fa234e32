import { Injectable } from '@nestjs/common';
import { EventStore, handleCommand } from '@osteo/event-sourcing';
import { Clock } from '@osteo/platform';
import { delegationDecider, delegationStreamId } from '../../domain/delegation';
import { DelegationOwnership } from '../access/delegation-ownership';
import { OwnedCabinets } from '../access/owned-cabinets';
import { Caller, commandMetadata } from '@osteo/auth';
import { basisPointsFromPercent } from '../../domain/retrocession-percent';

/** New cabinets or a new rate, together or apart, all or nothing; effective within a second. */
@Injectable()
export class ChangeDelegationHandler {
  constructor(
    private readonly store: EventStore,
    private readonly ownership: DelegationOwnership,
    private readonly cabinets: OwnedCabinets,
    private readonly clock: Clock,
  ) {}

  async execute(caller: Caller, delegationId: string, input: { readonly cabinetIds?: readonly string[]; readonly retrocessionPercent?: number }): Promise<void> {
    const ownerId = caller.principal.accountId;
    await this.ownership.requireOwner(delegationId, ownerId);
    if (input.cabinetIds) await this.cabinets.requireAll(ownerId, input.cabinetIds);
    await handleCommand(this.store, delegationStreamId(delegationId), delegationDecider, {
      type: 'ChangeDelegationTerms',
      data: {
        byAccountId: ownerId,
        ...(input.cabinetIds !== undefined && { cabinetIds: input.cabinetIds }),
        ...(input.retrocessionPercent !== undefined && { retrocessionBasisPoints: basisPointsFromPercent(input.retrocessionPercent) }),
      },
      metadata: commandMetadata(caller, this.clock.now()),
    });
  }
}
