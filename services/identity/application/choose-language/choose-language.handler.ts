import { Injectable } from '@nestjs/common';
import { EventStore, handleCommand } from '@osteo/event-sourcing';
import { Clock } from '@osteo/platform';
import { accountDecider, accountStreamId } from '../../domain/account';
import type { RequestContext } from '../request-context/request-context';

/**
 * The holder's language: the web application saves it when they switch language signed in and
 * takes it at login, and every mail identity sends them is written in it (French until chosen).
 */
@Injectable()
export class ChooseLanguageHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async execute(accountId: string, language: string, context: RequestContext): Promise<void> {
    await handleCommand(this.store, accountStreamId(accountId), accountDecider, {
      type: 'ChooseLanguage',
      data: { language },
      metadata: { now: this.clock.now(), actorId: accountId, correlationId: context.correlationId },
    });
  }
}
