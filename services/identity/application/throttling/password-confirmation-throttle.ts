import { Injectable } from '@nestjs/common';
import { AttemptCounters, AttemptLimit } from '../ports';
import type { ReservedAttempt } from './login-throttle';
import type { ThrottleDecision } from './throttle-decision';

/**
 * The current password asked again of a signed-in caller (`/auth/password`, two-factor changes):
 * a stolen access token must not allow guessing it at full speed. 5 failures per account within
 * 15 minutes, counted apart from logins, so that these failures never keep the owner from
 * signing in.
 */
export const passwordConfirmationLimit: AttemptLimit = { name: 'password-confirmation', limit: 5, windowSeconds: 15 * 60 };

@Injectable()
export class PasswordConfirmationThrottle {
  constructor(private readonly counters: AttemptCounters) {}

  /** Before verifying the password; a success forgets the account's failures. */
  async reserve(accountId: string): Promise<ThrottleDecision<ReservedAttempt>> {
    const reservation = await this.counters.reserve(passwordConfirmationLimit, accountId);
    if (!reservation.granted) return reservation;
    return { granted: true, attempt: { succeeded: () => this.counters.clear(passwordConfirmationLimit, accountId) } };
  }
}
