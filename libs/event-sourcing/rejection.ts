/**
 * The one way code refuses a request, from a decider to a guard. It knows no transport: each
 * interface maps the kind to its own answer (libs/http/error-body.ts for HTTP). Domains import
 * this file directly, so it imports nothing (dependency-cruiser's `pure-kernel-stays-pure`).
 */

/** The caller's side of a refusal: what they got wrong, or why they may not. */
export type RejectionKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'rate_limited';

/** Stable and dotted, area then code ('ACCOUNT.EMAIL_TAKEN'): clients and tests match on it, never on the message. */
export type RejectionCode = `${string}.${string}`;

/** What the caller may act on besides the code. */
export interface RejectionDetails {
  /** For 'rate_limited': how long before trying again is worth it. */
  readonly retryAfterSeconds?: number;
}

export class Rejection<Code extends RejectionCode = RejectionCode> extends Error {
  constructor(
    readonly kind: RejectionKind,
    readonly code: Code,
    message: string = code,
    readonly details: RejectionDetails = {},
  ) {
    super(message);
    this.name = 'Rejection';
  }
}
