import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EventStore, handleCommand } from '@osteo/event-sourcing';
import { Rejection } from '@osteo/event-sourcing/rejection';
import { accountDecider, accountStreamId } from '../../domain/account';
import { normalizeEmail } from '../../domain/email-address';
import { passwordProblem, passwordProblemMessages } from '../../domain/password-policy';
import { EmailReservations } from '../accounts/email-reservations';
import { PasswordHasher } from '../ports';
import { Clock } from '@osteo/platform';
import type { RequestContext } from '../request-context/request-context';
import { RegistrationThrottle, tooManyAttempts } from '../throttling';

export interface RegisterAccountInput {
  readonly email: string;
  readonly password: string;
  readonly displayName: string;
}

/** Creates a main account: the e-mail is reserved first, so two racing registrations cannot both win. */
@Injectable()
export class RegisterAccountHandler {
  constructor(
    private readonly store: EventStore,
    private readonly emailReservations: EmailReservations,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
    private readonly throttle: RegistrationThrottle,
  ) {}

  async execute(input: RegisterAccountInput, context: RequestContext): Promise<{ accountId: string }> {
    const email = normalizeEmail(input.email);
    const problem = passwordProblem(input.password, email);
    if (problem) throw new Rejection('invalid', 'ACCOUNT.WEAK_PASSWORD', passwordProblemMessages[problem]);

    // Counted before the hash, the one costly step: a refused flood costs next to nothing.
    const retryAfter = await this.throttle.reserve(context.clientAddress);
    if (retryAfter !== null) throw tooManyAttempts('AUTH.TOO_MANY_REGISTRATIONS', 'registrations from this address', retryAfter);

    const passwordHash = await this.hasher.hash(input.password);
    const newAccountId = randomUUID();
    const accountId = await this.emailReservations.reserve(email, newAccountId, {
      now: this.clock.now(),
      actorId: newAccountId,
      correlationId: context.correlationId,
    });
    await handleCommand(this.store, accountStreamId(accountId), accountDecider, {
      type: 'RegisterAccount',
      data: { accountId, email, displayName: input.displayName.trim(), kind: 'main', passwordHash, mustChangePassword: false },
      metadata: { now: this.clock.now(), actorId: accountId, correlationId: context.correlationId },
    });
    return { accountId };
  }
}
