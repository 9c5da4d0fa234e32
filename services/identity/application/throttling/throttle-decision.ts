import { createHash } from 'node:crypto';
import { Rejection } from '@osteo/event-sourcing/rejection';

export type ThrottleDecision<Attempt> =
  | { readonly granted: true; readonly attempt: Attempt }
  | { readonly granted: false; readonly retryAfterSeconds: number };

/** The refusal of every throttle, with the seconds to wait (HTTP: 429 and Retry-After). */
export function tooManyAttempts(code: 'AUTH.TOO_MANY_ATTEMPTS' | 'AUTH.TOO_MANY_REGISTRATIONS', what: string, retryAfterSeconds: number): Rejection {
  return new Rejection('rate_limited', code, `Too many ${what}; try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
}

/**
 * What counters know an e-mail address by: a digest, so that the counters (kept in MongoDB in the
 * distributed profile) hold no address. They live 15 minutes; a plain digest is enough.
 */
export function emailCounterKey(email: string): string {
  return `email:${createHash('sha256').update(email).digest('hex').slice(0, 32)}`;
}
