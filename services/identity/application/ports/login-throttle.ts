/**
 * Counts failed logins per e-mail address and per client address, so neither guessing one
 * account's password nor spraying many accounts from one address gets far.
 */
export abstract class LoginThrottle {
  /** Seconds to wait before another attempt is allowed, or null when allowed now. */
  abstract retryAfterSeconds(email: string, clientAddress: string): number | null;
  abstract recordFailure(email: string, clientAddress: string): void;
  /** A successful login clears that e-mail's failures (not the address's). */
  abstract recordSuccess(email: string): void;
}
