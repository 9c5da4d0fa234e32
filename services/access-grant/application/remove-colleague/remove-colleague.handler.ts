import { Injectable } from '@nestjs/common';
import { AccessCheck, Caller, commandMetadata } from '@osteo/auth';
import { EventStore, handleCommand } from '@osteo/event-sourcing';
import { Clock } from '@osteo/platform';
import { cabinetDecider, cabinetStreamId } from '../../domain/cabinet';

@Injectable()
export class RemoveColleagueHandler {
  constructor(
    private readonly store: EventStore,
    private readonly access: AccessCheck,
    private readonly clock: Clock,
  ) {}

  async execute(caller: Caller, cabinetId: string, colleagueAccountId: string): Promise<void> {
    await this.access.require(caller.principal.accountId, 'cabinet.manage', { kind: 'cabinet', cabinetId }, 'Cabinet');
    await handleCommand(this.store, cabinetStreamId(cabinetId), cabinetDecider, {
      type: 'RemoveColleague',
      data: { byAccountId: caller.principal.accountId, colleagueAccountId },
      metadata: commandMetadata(caller, this.clock.now()),
    });
  }
}
