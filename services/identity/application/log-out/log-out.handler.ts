import { Injectable } from '@nestjs/common';
import { EventStore, loadAggregate } from '@osteo/event-sourcing';
import { Rejection } from '@osteo/event-sourcing/rejection';
import { refreshSessionDecider, refreshSessionStreamId } from '../../domain/refresh-session';
import type { RequestContext } from '../request-context/request-context';
import { SessionTokens, parseRefreshToken } from '../sessions/session-tokens';

/** Ends the session a refresh token belongs to; only its holder can (it must present the token). */
@Injectable()
export class LogOutHandler {
  constructor(
    private readonly store: EventStore,
    private readonly sessions: SessionTokens,
  ) {}

  async execute(refreshToken: string, callerAccountId: string, context: RequestContext): Promise<void> {
    const presented = parseRefreshToken(refreshToken);
    const session = await loadAggregate(this.store, refreshSessionStreamId(presented.sessionId), refreshSessionDecider);
    if (session.state.status === 'absent' || session.state.accountId !== callerAccountId) {
      throw new Rejection('unauthenticated', 'AUTH.INVALID_REFRESH_TOKEN', 'This refresh token is not valid');
    }
    await this.sessions.end(presented, callerAccountId, context);
  }
}
