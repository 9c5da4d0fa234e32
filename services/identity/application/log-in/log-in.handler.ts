import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Rejection } from '@osteo/event-sourcing/rejection';
import { normalizeEmail } from '../../domain/email-address';
import { AccountLookup } from '../accounts/account-lookup';
import { PasswordHasher, TwoFactorChallenges } from '../ports';
import type { RequestContext } from '../request-context/request-context';
import { SessionTokens, TokenPair } from '../sessions/session-tokens';
import { LoginThrottle, tooManyAttempts } from '../throttling';

/** The answer to a right password on an account with two-factor sign-in: the code comes next. */
export interface TwoFactorChallenge {
  readonly twoFactorRequired: true;
  /** For POST /auth/login/two-factor, with the code; good for 5 minutes and nothing else. */
  readonly challengeToken: string;
  readonly expiresIn: number;
}

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
    private readonly twoFactorChallenges: TwoFactorChallenges,
  ) {
    this.placeholderHash = hasher.hash(randomUUID());
  }

  async execute(input: LogInInput, context: RequestContext): Promise<TokenPair | TwoFactorChallenge> {
    const email = normalizeEmail(input.email);
    const account = await this.accounts.byEmail(email);
    // Reserved before the hash is verified: however many guesses arrive at once, no more than the
    // limit are ever verified.
    const reservation = await this.throttle.reservePasswordAttempt({
      email,
      clientAddress: context.clientAddress,
      account: account && { accountId: account.accountId, twoFactorEnabled: account.twoFactor.status === 'on' },
    });
    if (!reservation.granted) throw tooManyAttempts('AUTH.TOO_MANY_ATTEMPTS', 'failed logins', reservation.retryAfterSeconds);

    const hashToCheck = account?.passwordHash ?? (await this.placeholderHash);
    const passwordMatches = await this.hasher.verify(hashToCheck, input.password);
    if (!account || !passwordMatches) {
      throw new Rejection('unauthenticated', 'AUTH.INVALID_CREDENTIALS', 'Wrong e-mail address or password');
    }

    await reservation.attempt.succeeded();
    if (account.twoFactor.status === 'on') {
      const { challengeToken, expiresInSeconds } = await this.twoFactorChallenges.issue({ accountId: account.accountId, passwordVersion: account.passwordVersion });
      return { twoFactorRequired: true, challengeToken, expiresIn: expiresInSeconds };
    }
    return this.sessions.start(account, context);
  }
}
