import { Injectable } from '@nestjs/common';
import { Rejection } from '@osteo/event-sourcing/rejection';
import { AccountLookup } from '../accounts/account-lookup';
import type { RequestContext } from '../request-context/request-context';
import { SessionTokens, TokenPair, parseRefreshToken } from '../sessions/session-tokens';
import { EventStore, loadAggregate } from '@osteo/event-sourcing';
import { refreshSessionDecider, refreshSessionStreamId } from '../../domain/refresh-session';

/** Exchanges a refresh token, once, for a new pair reflecting the account as it is now. */
@Injectable()
export class RefreshSessionHandler {
  constructor(
    private readonly store: EventStore,
    private readonly accounts: AccountLookup,
    private readonly sessions: SessionTokens,
  ) {}

  async execute(refreshToken: string, context: RequestContext): Promise<TokenPair> {
    const presented = parseRefreshToken(refreshToken);
    const session = await loadAggregate(this.store, refreshSessionStreamId(presented.sessionId), refreshSessionDecider);
    const found = session.state.status === 'absent' ? null : await this.accounts.byId(session.state.accountId);
    if (!found) throw new Rejection('unauthenticated', 'AUTH.INVALID_REFRESH_TOKEN', 'This refresh token is not valid');
    return this.sessions.rotate(presented, found.account, context);
  }
}
