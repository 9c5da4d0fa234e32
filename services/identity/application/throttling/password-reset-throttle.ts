import { Injectable } from '@nestjs/common';
import { AttemptCounters, AttemptLimit } from '../ports';
import { emailCounterKey } from './throttle-decision';

const WINDOW_SECONDS = 15 * 60;
/** Nobody's mailbox gets flooded: three mails per e-mail address within 15 minutes. */
export const passwordResetPerEmail: AttemptLimit = { name: 'password-reset-email', limit: 3, windowSeconds: WINDOW_SECONDS };
/** One address cannot send reset mail to many accounts: twenty requests within 15 minutes. */
export const passwordResetPerAddress: AttemptLimit = { name: 'password-reset-address', limit: 20, windowSeconds: WINDOW_SECONDS };

/**
 * Counts every password-reset request, whether the e-mail address has an account or not, so a 429
 * tells nothing about it.
 */
@Injectable()
export class PasswordResetThrottle {
  constructor(private readonly counters: AttemptCounters) {}

  /** Null when the request may go on, else the seconds to wait. */
  async reserve(email: string, clientAddress: string): Promise<number | null> {
    const emailKey = emailCounterKey(email);
    const perEmail = await this.counters.reserve(passwordResetPerEmail, emailKey);
    if (!perEmail.granted) return perEmail.retryAfterSeconds;
    const perAddress = await this.counters.reserve(passwordResetPerAddress, clientAddress);
    if (perAddress.granted) return null;
    await this.counters.release(passwordResetPerEmail, emailKey);
    return perAddress.retryAfterSeconds;
  }
}
