import { Injectable } from '@nestjs/common';
import { EventStore, handleCommand } from '@osteo/event-sourcing';
import { RequestRejected } from '@osteo/http';
import { accountDecider, accountStreamId } from '../../domain/account';
import { passwordProblem, passwordProblemMessages } from '../../domain/password-policy';
import { AccountLookup } from '../account-lookup';
import { LoginThrottle, PasswordHasher } from '../ports';
import { Clock } from '@osteo/platform';
import type { RequestContext } from '../request-context';

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
    private readonly throttle: LoginThrottle,
    private readonly clock: Clock,
  ) {}

  async execute(accountId: string, input: ChangePasswordInput, context: RequestContext): Promise<void> {
    const found = await this.accounts.byId(accountId);
    if (!found) throw new RequestRejected('unauthenticated', 'AUTH.UNAUTHENTICATED', 'This account no longer exists');
    const { account } = found;

    // A stolen access token must not allow guessing the current password at full speed.
    const retryAfter = this.throttle.retryAfterSeconds(account.email, context.clientAddress);
    if (retryAfter !== null) {
      throw new RequestRejected('rate_limited', 'AUTH.TOO_MANY_ATTEMPTS', `Too many failed attempts; try again in ${retryAfter} s`, retryAfter);
    }
    if (!(await this.hasher.verify(account.passwordHash, input.currentPassword))) {
      this.throttle.recordFailure(account.email, context.clientAddress);
      throw new RequestRejected('invalid', 'ACCOUNT.CURRENT_PASSWORD_INCORRECT', 'currentPassword is incorrect');
    }
    const problem = passwordProblem(input.newPassword, account.email);
    if (problem) throw new RequestRejected('invalid', 'ACCOUNT.WEAK_PASSWORD', `new${passwordProblemMessages[problem].replace(/^p/, 'P')}`);
    if (input.newPassword === input.currentPassword) {
      throw new RequestRejected('invalid', 'ACCOUNT.PASSWORD_UNCHANGED', 'newPassword must differ from currentPassword');
    }

    await handleCommand(this.store, accountStreamId(accountId), accountDecider, {
      type: 'ChangePassword',
      data: { newPasswordHash: await this.hasher.hash(input.newPassword), verifiedAgainstHash: account.passwordHash },
      metadata: { now: this.clock.now(), actorId: accountId, correlationId: context.correlationId },
    });
  }
}
