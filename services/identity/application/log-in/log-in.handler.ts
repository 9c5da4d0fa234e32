import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { RequestRejected } from '@osteo/http';
import { normalizeEmail } from '../../domain/email-address';
import { AccountLookup } from '../account-lookup';
import { LoginThrottle, PasswordHasher } from '../ports';
import type { RequestContext } from '../request-context';
import { SessionTokens, TokenPair } from '../session-tokens';

export interface LogInInput {
  readonly email: string;
  readonly password: string;
}

@Injectable()
export class LogInHandler {
  /**
   * The hash of a password nobody knows, verified when the e-mail is unknown so that the answer
   * takes as long as for a known account and does not reveal which addresses have one.
   */
  private readonly placeholderHash: Promise<string>;

  constructor(
    private readonly accounts: AccountLookup,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly sessions: SessionTokens,
  ) {
    this.placeholderHash = hasher.hash(randomUUID());
  }

  async execute(input: LogInInput, context: RequestContext): Promise<TokenPair> {
    const email = normalizeEmail(input.email);
    const retryAfter = this.throttle.retryAfterSeconds(email, context.clientAddress);
    if (retryAfter !== null) {
      throw new RequestRejected('rate_limited', 'AUTH.TOO_MANY_ATTEMPTS', `Too many failed logins; try again in ${retryAfter} s`, retryAfter);
    }

    const account = await this.accounts.byEmail(email);
    const hashToCheck = account?.passwordHash ?? (await this.placeholderHash);
    const passwordMatches = await this.hasher.verify(hashToCheck, input.password);
    if (!account || !passwordMatches) {
      this.throttle.recordFailure(email, context.clientAddress);
      throw new RequestRejected('unauthenticated', 'AUTH.INVALID_CREDENTIALS', 'Wrong e-mail address or password');
    }

    this.throttle.recordSuccess(email);
    return this.sessions.start(account, context);
  }
}
