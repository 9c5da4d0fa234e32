import { Injectable } from '@nestjs/common';
import { AccessCheck, Caller, commandMetadata } from '@osteo/auth';
import { EventStore, handleCommand } from '@osteo/event-sourcing';
import { Clock } from '@osteo/platform';
import { practiceDecider, practiceStreamId } from '../../domain/practice';

/** Nobody works in a closed practice any more; its records and ledger lines stay. */
@Injectable()
export class ClosePracticeHandler {
  constructor(
    private readonly store: EventStore,
    private readonly access: AccessCheck,
    private readonly clock: Clock,
  ) {}

  async execute(caller: Caller, cabinetId: string): Promise<void> {
    await this.access.require(caller.principal.accountId, 'practice.manage', { kind: 'practice', cabinetId }, 'Practice');
    await handleCommand(this.store, practiceStreamId(cabinetId), practiceDecider, {
      type: 'ClosePractice',
      data: { byAccountId: caller.principal.accountId },
      metadata: commandMetadata(caller, this.clock.now()),
    });
  }
}
