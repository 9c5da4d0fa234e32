import { Injectable } from '@nestjs/common';
import { EventStore, handleCommand } from '@osteo/event-sourcing';
import { Rejection } from '@osteo/event-sourcing/rejection';
import { accountDecider, accountStreamId } from '../../domain/account';
import { passwordProblem, passwordProblemMessages } from '../../domain/password-policy';
import { AccountLookup } from '../accounts/account-lookup';
import { PasswordHasher } from '../ports';
import { Clock } from '@osteo/platform';
import type { RequestContext } from '../request-context/request-context';
import { PasswordConfirmationThrottle, tooManyAttempts } from '../throttling';

export interface ChangePasswordInput {
  readonly currentPassword: string;
  readonly newPassword: string;
}

/**
 * Replaces the password (and ends the temporary-password state). Every session started before
 * is over: the holder logs in again with the new password.
 */
@Injectable()
export class ChangePasswordHandler {
  constructor(
    private readonly store: EventStore,
    private readonly accounts: AccountLookup,
    private readonly hasher: PasswordHasher,
    private readonly throttle: PasswordConfirmationThrottle,
    private readonly clock: Clock,
  ) {}

  async execute(accountId: string, input: ChangePasswordInput, context: RequestContext): Promise<void> {
    const found = await this.accounts.byId(accountId);
    if (!found) throw new Rejection('unauthenticated', 'AUTH.UNAUTHENTICATED', 'This account no longer exists');
    const { account } = found;

    // Its own per-account count, reserved before verifying: these failures never lock the login.
    const reservation = await this.throttle.reserve(accountId);
    if (!reservation.granted) throw tooManyAttempts('AUTH.TOO_MANY_ATTEMPTS', 'wrong current passwords', reservation.retryAfterSeconds);
    if (!(await this.hasher.verify(account.passwordHash, input.currentPassword))) {
      throw new Rejection('invalid', 'ACCOUNT.CURRENT_PASSWORD_INCORRECT', 'currentPassword is incorrect');
    }
    await reservation.attempt.succeeded();
    const problem = passwordProblem(input.newPassword, account.email);
    if (problem) throw new Rejection('invalid', 'ACCOUNT.WEAK_PASSWORD', `new${passwordProblemMessages[problem].replace(/^p/, 'P')}`);
    if (input.newPassword === input.currentPassword) {
      throw new Rejection('invalid', 'ACCOUNT.PASSWORD_UNCHANGED', 'newPassword must differ from currentPassword');
    }

    await handleCommand(this.store, accountStreamId(accountId), accountDecider, {
      type: 'ChangePassword',
      data: { newPasswordHash: await this.hasher.hash(input.newPassword), verifiedAgainstHash: account.passwordHash },
      metadata: { now: this.clock.now(), actorId: accountId, correlationId: context.correlationId },
    });
  }
}
