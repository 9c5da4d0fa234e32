/** The one error shape every route answers with (PRODUCT.md): a stable dotted `code`. */
export interface ErrorBody {
  readonly statusCode: number;
  readonly code: string;
  readonly message: string;
}

/** How a business rejection is classified, independent of any transport. */
export type RejectionKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'rate_limited';

export const statusForRejection: Readonly<Record<RejectionKind, number>> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
};

/** A rejection raised outside a decider (application layer, guards) that the filter maps to HTTP. */
export class RequestRejected extends Error {
  constructor(
    readonly kind: RejectionKind,
    readonly code: string,
    message: string,
    /** Seconds, for 429 answers. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'RequestRejected';
  }
}
