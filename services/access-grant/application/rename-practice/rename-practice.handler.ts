import { Injectable } from '@nestjs/common';
import { AccessCheck, Caller, commandMetadata } from '@osteo/auth';
import { EventStore, handleCommand } from '@osteo/event-sourcing';
import { Clock } from '@osteo/platform';
import { practiceDecider, practiceStreamId } from '../../domain/practice';

@Injectable()
export class RenamePracticeHandler {
  constructor(
    private readonly store: EventStore,
    private readonly access: AccessCheck,
    private readonly clock: Clock,
  ) {}

  async execute(caller: Caller, cabinetId: string, name: string): Promise<void> {
    await this.access.require(caller.principal.accountId, 'practice.manage', { kind: 'practice', cabinetId }, 'Practice');
    await handleCommand(this.store, practiceStreamId(cabinetId), practiceDecider, {
      type: 'RenamePractice',
      data: { byAccountId: caller.principal.accountId, name: name.trim() },
      metadata: commandMetadata(caller, this.clock.now()),
    });
  }
}
