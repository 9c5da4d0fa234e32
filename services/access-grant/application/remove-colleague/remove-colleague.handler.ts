import { Injectable } from '@nestjs/common';
import { AccessCheck, Caller, commandMetadata } from '@osteo/auth';
import { EventStore, handleCommand } from '@osteo/event-sourcing';
import { Clock } from '@osteo/platform';
import { practiceDecider, practiceStreamId } from '../../domain/practice';

@Injectable()
export class RemoveColleagueHandler {
  constructor(
    private readonly store: EventStore,
    private readonly access: AccessCheck,
    private readonly clock: Clock,
  ) {}

  async execute(caller: Caller, cabinetId: string, colleagueAccountId: string): Promise<void> {
    await this.access.require(caller.principal.accountId, 'practice.manage', { kind: 'practice', cabinetId }, 'Practice');
    await handleCommand(this.store, practiceStreamId(cabinetId), practiceDecider, {
      type: 'RemoveColleague',
      data: { byAccountId: caller.principal.accountId, colleagueAccountId },
      metadata: commandMetadata(caller, this.clock.now()),
    });
  }
}
