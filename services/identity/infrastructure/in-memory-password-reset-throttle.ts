import { PasswordResetThrottle } from '../application/ports';
import { InMemoryLoginThrottle, LoginThrottleLimits } from './in-memory-login-throttle';

/** Three mails per e-mail address and twenty requests per client address within 15 minutes. */
export const defaultPasswordResetLimits: LoginThrottleLimits = { perEmail: 3, perClientAddress: 20, windowSeconds: 15 * 60 };

/** The login throttle's fixed windows (in this process's memory), counting requests instead of failures. */
export class InMemoryPasswordResetThrottle extends PasswordResetThrottle {
  private readonly windows: InMemoryLoginThrottle;

  constructor(limits: LoginThrottleLimits = defaultPasswordResetLimits, now: () => number = Date.now) {
    super();
    this.windows = new InMemoryLoginThrottle(limits, now);
  }

  retryAfterSeconds(email: string, clientAddress: string): number | null {
    return this.windows.retryAfterSeconds(email, clientAddress);
  }

  recordRequest(email: string, clientAddress: string): void {
    this.windows.recordFailure(email, clientAddress);
  }
}
