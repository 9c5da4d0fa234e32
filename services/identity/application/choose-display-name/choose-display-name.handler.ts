import { Injectable } from '@nestjs/common';
import { EventStore, handleCommand } from '@osteo/event-sourcing';
import { Clock } from '@osteo/platform';
import { accountDecider, accountStreamId } from '../../domain/account';
import type { RequestContext } from '../request-context/request-context';

/**
 * The holder names themselves: a provisioned account, named after its address until then, does so
 * at its first login. Published as AccountDisplayNameChanged; the names other services show follow.
 */
@Injectable()
export class ChooseDisplayNameHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async execute(accountId: string, displayName: string, context: RequestContext): Promise<void> {
    await handleCommand(this.store, accountStreamId(accountId), accountDecider, {
      type: 'ChooseDisplayName',
      data: { displayName },
      metadata: { now: this.clock.now(), actorId: accountId, correlationId: context.correlationId },
    });
  }
}
