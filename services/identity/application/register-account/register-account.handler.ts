import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainError, EventStore, handleCommand, loadAggregate } from '@osteo/event-sourcing';
import { RequestRejected } from '@osteo/http';
import { accountDecider, accountStreamId } from '../../domain/account';
import { normalizeEmail } from '../../domain/email-address';
import { emailReservationDecider, emailReservationStreamId } from '../../domain/email-reservation';
import { passwordProblem, passwordProblemMessages } from '../../domain/password-policy';
import { Clock, PasswordHasher } from '../ports';
import type { RequestContext } from '../request-context';

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
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
  ) {}

  async execute(input: RegisterAccountInput, context: RequestContext): Promise<{ accountId: string }> {
    const email = normalizeEmail(input.email);
    const problem = passwordProblem(input.password, email);
    if (problem) throw new RequestRejected('invalid', 'ACCOUNT.WEAK_PASSWORD', passwordProblemMessages[problem]);

    const passwordHash = await this.hasher.hash(input.password);
    const accountId = await this.reserveEmail(email, randomUUID(), context);
    await handleCommand(this.store, accountStreamId(accountId), accountDecider, {
      type: 'RegisterAccount',
      data: { accountId, email, displayName: input.displayName.trim(), kind: 'main', passwordHash, mustChangePassword: false },
      metadata: { now: this.clock.now(), actorId: accountId, correlationId: context.correlationId },
    });
    return { accountId };
  }

  /**
   * Returns the account id the address is now reserved for. A reservation whose account was
   * never written (a crash between the two appends) is completed rather than left to block the
   * address forever.
   */
  private async reserveEmail(email: string, accountId: string, context: RequestContext): Promise<string> {
    try {
      await handleCommand(this.store, emailReservationStreamId(email), emailReservationDecider, {
        type: 'ReserveEmail',
        data: { email, accountId },
        metadata: { now: this.clock.now(), actorId: accountId, correlationId: context.correlationId },
      });
      return accountId;
    } catch (error) {
      const reservedFor = await this.reservedAccountId(email);
      if (reservedFor === null) throw error;
      const account = await loadAggregate(this.store, accountStreamId(reservedFor), accountDecider);
      if (account.state.status === 'absent') return reservedFor;
      throw new DomainError('ACCOUNT.EMAIL_TAKEN', 'conflict', 'An account already uses this e-mail address');
    }
  }

  private async reservedAccountId(email: string): Promise<string | null> {
    const reservation = await loadAggregate(this.store, emailReservationStreamId(email), emailReservationDecider);
    return reservation.state.accountId;
  }
}
