import { Injectable } from '@nestjs/common';
import { EventStore, handleCommand, loadAggregate } from '@osteo/event-sourcing';
import { Rejection } from '@osteo/event-sourcing/rejection';
import { Clock } from '@osteo/platform';
import { accountDecider, accountStreamId, passwordResetAccepts } from '../../domain/account';
import { passwordProblem, passwordProblemMessages } from '../../domain/password-policy';
import { parsePasswordResetToken } from '../password-reset/password-reset-tokens';
import { PasswordHasher } from '../ports';
import type { RequestContext } from '../request-context/request-context';

export interface ResetPasswordInput {
  readonly token: string;
  readonly newPassword: string;
}

const invalidToken = () =>
  new Rejection('invalid', 'AUTH.RESET_TOKEN_INVALID', 'This password reset link is not valid (unknown, already used or expired); ask for a new one');

/**
 * Sets a new password with a mailed reset secret. The secret is then spent, as is every other
 * unused one; the temporary-password state ends; and every session of the account is over, since
 * each was started under the previous password version (refreshing any of them answers 401).
 */
@Injectable()
export class ResetPasswordHandler {
  constructor(
    private readonly store: EventStore,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
  ) {}

  async execute(input: ResetPasswordInput, context: RequestContext): Promise<void> {
    const presented = parsePasswordResetToken(input.token);
    if (!presented) throw invalidToken();
    const streamId = accountStreamId(presented.accountId);
    // Checked before the password rules, so that an invalid token learns nothing about the account.
    const { state } = await loadAggregate(this.store, streamId, accountDecider);
    if (state.status !== 'active' || !passwordResetAccepts(state, presented.secretHash, this.clock.now())) throw invalidToken();

    const problem = passwordProblem(input.newPassword, state.email);
    if (problem) throw new Rejection('invalid', 'ACCOUNT.WEAK_PASSWORD', `new${passwordProblemMessages[problem].replace(/^p/, 'P')}`);

    // The decider checks the secret again against the stream as it is when appending: of two
    // concurrent uses, one wins and the other is refused (or meets a revision conflict).
    await handleCommand(this.store, streamId, accountDecider, {
      type: 'ResetPassword',
      data: { tokenHash: presented.secretHash, newPasswordHash: await this.hasher.hash(input.newPassword) },
      metadata: { now: this.clock.now(), actorId: state.accountId, correlationId: context.correlationId },
    });
  }
}
