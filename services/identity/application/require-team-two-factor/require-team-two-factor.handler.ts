import { Injectable } from '@nestjs/common';
import { EventStore, handleCommand } from '@osteo/event-sourcing';
import { Clock } from '@osteo/platform';
import { accountDecider, accountStreamId } from '../../domain/account';
import type { RequestContext } from '../request-context/request-context';

/**
 * The owner's switch: everyone working in their cabinets (colleagues, specific accounts) signs
 * in with two factors. It takes effect at each one's next login or token refresh (see
 * TwoFactorRequirement), at the latest when their current access token expires.
 */
@Injectable()
export class RequireTeamTwoFactorHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async execute(accountId: string, input: { readonly required: boolean }, context: RequestContext): Promise<void> {
    await handleCommand(this.store, accountStreamId(accountId), accountDecider, {
      type: 'SetTeamTwoFactorRequirement',
      data: { required: input.required },
      metadata: { now: this.clock.now(), actorId: accountId, correlationId: context.correlationId },
    });
  }
}
