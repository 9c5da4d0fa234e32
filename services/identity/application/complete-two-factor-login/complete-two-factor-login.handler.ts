import { Injectable } from '@nestjs/common';
import { EventStore, handleCommand } from '@osteo/event-sourcing';
import { Rejection } from '@osteo/event-sourcing/rejection';
import { Clock } from '@osteo/platform';
import { type AccountCommand, accountDecider, accountStreamId, recoveryCodeAccepts } from '../../domain/account';
import { AccountLookup, type ActiveAccount } from '../accounts/account-lookup';
import { OneTimePasswords, TwoFactorChallenges } from '../ports';
import type { RequestContext } from '../request-context/request-context';
import { SessionTokens, type TokenPair } from '../sessions/session-tokens';
import { recoveryCodeHash } from '../two-factor/recovery-codes';
import { LoginThrottle, tooManyAttempts } from '../throttling';

export interface CompleteTwoFactorLoginInput {
  readonly challengeToken: string;
  /** Exactly one of the two. */
  readonly code?: string;
  readonly recoveryCode?: string;
}

const invalidChallenge = () =>
  new Rejection('unauthenticated', 'AUTH.TWO_FACTOR_CHALLENGE_INVALID', 'This sign-in step has expired or is not valid; log in again with your password');
const invalidCode = () => new Rejection('unauthenticated', 'AUTH.TWO_FACTOR_CODE_INVALID', 'This code is not valid');

/**
 * The second step of a login on an account with two-factor sign-in: the challenge from the
 * password step plus a code (accepted once: the account records its time step) or a recovery
 * code (spent), then the usual token pair.
 */
@Injectable()
export class CompleteTwoFactorLoginHandler {
  constructor(
    private readonly store: EventStore,
    private readonly accounts: AccountLookup,
    private readonly challenges: TwoFactorChallenges,
    private readonly oneTimePasswords: OneTimePasswords,
    private readonly throttle: LoginThrottle,
    private readonly sessions: SessionTokens,
    private readonly clock: Clock,
  ) {}

  async execute(input: CompleteTwoFactorLoginInput, context: RequestContext): Promise<TokenPair> {
    const subject = await this.challenges.verify(input.challengeToken);
    if (!subject) throw invalidChallenge();
    // Reserved before the code is checked, per account and address like passwords (a failure
    // needs no call: the reservation was the count).
    const reservation = await this.throttle.reserveSecondFactorAttempt({ accountId: subject.accountId, clientAddress: context.clientAddress });
    if (!reservation.granted) throw tooManyAttempts('AUTH.TOO_MANY_ATTEMPTS', 'wrong codes', reservation.retryAfterSeconds);
    const found = await this.accounts.byId(subject.accountId);
    // A password changed since the first step, or the factor turned off: start again.
    if (!found || found.account.passwordVersion !== subject.passwordVersion || found.account.twoFactor.status !== 'on') throw invalidChallenge();

    const now = this.clock.now();
    const command = await this.commandFor(found.account, input, now, context);
    const { newState } = await handleCommand(this.store, accountStreamId(subject.accountId), accountDecider, command, { expectedRevision: found.revision });
    await reservation.attempt.succeeded();
    return this.sessions.start(newState as ActiveAccount, context);
  }

  private async commandFor(account: ActiveAccount, input: CompleteTwoFactorLoginInput, now: Date, context: RequestContext): Promise<AccountCommand> {
    if (account.twoFactor.status !== 'on') throw invalidChallenge();
    const metadata = { now, actorId: account.accountId, correlationId: context.correlationId };
    if (input.recoveryCode !== undefined) {
      const codeHash = recoveryCodeHash(input.recoveryCode);
      if (!recoveryCodeAccepts(account, codeHash)) throw invalidCode();
      return { type: 'UseRecoveryCode', data: { codeHash }, metadata };
    }
    const { secret, lastAcceptedTimeStep } = account.twoFactor;
    const timeStep = await this.oneTimePasswords.matchingTimeStep(secret, input.code ?? '', now);
    if (timeStep === null) throw invalidCode();
    if (timeStep <= lastAcceptedTimeStep) {
      throw new Rejection('unauthenticated', 'AUTH.TWO_FACTOR_CODE_REUSED', 'This code was already used; wait for the next one');
    }
    return { type: 'AcceptTwoFactorCode', data: { verifiedSecret: secret, timeStep }, metadata };
  }
}
