/** One limit: at most `limit` attempts per key within each fixed window of `windowSeconds`. */
export interface AttemptLimit {
  /** Names the counters of this limit apart from every other's (`login-pair`, `registration`). */
  readonly name: string;
  readonly limit: number;
  readonly windowSeconds: number;
}

export type Reservation =
  | { readonly granted: true; /** Attempts counted in this window, this one included. */ readonly count: number }
  | { readonly granted: false; readonly retryAfterSeconds: number };

/**
 * Counters of attempts that every instance of identity shares. `reserve` is the one atomic step:
 * it counts the attempt and says whether it stays within the limit, so that an attempt is counted
 * before the costly or risky work it allows (verifying a password, hashing a new one) and no burst,
 * however concurrent and whichever instance it reaches, gets more than the limit through.
 *
 * Windows are fixed and aligned on the clock (window n covers [n × windowSeconds, (n + 1) ×
 * windowSeconds)), so every instance agrees on them without asking anyone.
 */
export abstract class AttemptCounters {
  abstract reserve(limit: AttemptLimit, key: string): Promise<Reservation>;
  /** Gives back one attempt reserved in the current window: it was not used, or it succeeded. */
  abstract release(limit: AttemptLimit, key: string): Promise<void>;
  /** Forgets every attempt counted for the key in the current window. */
  abstract clear(limit: AttemptLimit, key: string): Promise<void>;
  /** Attempts counted for the key in the current window and the `windows - 1` before it. */
  abstract count(limit: AttemptLimit, key: string, windows?: number): Promise<number>;
}

/** The window `now` falls in, and the seconds until it ends (at least 1, for a Retry-After). */
export function windowAt(limit: AttemptLimit, now: number): { readonly index: number; readonly secondsLeft: number } {
  const windowMs = limit.windowSeconds * 1000;
  const index = Math.floor(now / windowMs);
  return { index, secondsLeft: Math.max(1, Math.ceil(((index + 1) * windowMs - now) / 1000)) };
}
