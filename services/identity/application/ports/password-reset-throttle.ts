/**
 * Counts password-reset requests (every one, whether the address has an account or not, so a
 * 429 tells nothing about it) per e-mail address and per client address: nobody's mailbox gets
 * flooded, and one address cannot send reset mail to many accounts.
 */
export abstract class PasswordResetThrottle {
  /** Seconds to wait before another request is allowed, or null when allowed now. */
  abstract retryAfterSeconds(email: string, clientAddress: string): number | null;
  abstract recordRequest(email: string, clientAddress: string): void;
}
