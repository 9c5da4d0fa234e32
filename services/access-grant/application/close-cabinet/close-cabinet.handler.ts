import { Injectable } from '@nestjs/common';
import { AccessCheck, Caller, commandMetadata } from '@osteo/auth';
import { EventStore, handleCommand } from '@osteo/event-sourcing';
import { Clock } from '@osteo/platform';
import { cabinetDecider, cabinetStreamId } from '../../domain/cabinet';

/** Nobody works in a closed cabinet any more; its records and ledger lines stay. */
@Injectable()
export class CloseCabinetHandler {
  constructor(
    private readonly store: EventStore,
    private readonly access: AccessCheck,
    private readonly clock: Clock,
  ) {}

  async execute(caller: Caller, cabinetId: string): Promise<void> {
    await this.access.require(caller.principal.accountId, 'cabinet.manage', { kind: 'cabinet', cabinetId }, 'Cabinet');
    await handleCommand(this.store, cabinetStreamId(cabinetId), cabinetDecider, {
      type: 'CloseCabinet',
      data: { byAccountId: caller.principal.accountId },
      metadata: commandMetadata(caller, this.clock.now()),
    });
  }
}
