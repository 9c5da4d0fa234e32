import type { RejectionKind } from '@osteo/event-sourcing/rejection';

/** The one error shape every route answers with (PRODUCT.md): a stable dotted `code`. */
export interface ErrorBody {
  readonly statusCode: number;
  readonly code: string;
  readonly message: string;
}

/**
 * The one table from a rejection's kind to its HTTP status; the filter adds the headers
 * (Retry-After from the rejection's details, the challenge of a 401).
 */
export const statusForRejection: Readonly<Record<RejectionKind, number>> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
};
