/** A refusal from the API in the platform's one error shape, or a request that never got an answer. */
export class ApiError extends Error {
  constructor(
    /** 0 when the network failed before any answer. */
    readonly status: number,
    /** The API's stable dotted code (`APPOINTMENT.DOUBLE_BOOKING`), `network` or `unknown`. */
    readonly code: string,
    message: string,
    /** For a 400 on a form: the offending fields, as the API named them. */
    readonly fields: readonly string[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get isNetworkFailure(): boolean {
    return this.status === 0;
  }
}

interface ErrorBodyLike {
  readonly statusCode?: unknown;
  readonly code?: unknown;
  readonly message?: unknown;
}

/**
 * Reads an error answer. The API names offending fields in its 400 message as `field: reason`
 * (several joined by `; `), so the form can show each under its own input.
 */
export function apiErrorFrom(status: number, body: unknown): ApiError {
  const { code, message } = (typeof body === 'object' && body !== null ? body : {}) as ErrorBodyLike;
  const text = typeof message === 'string' ? message : '';
  return new ApiError(status, typeof code === 'string' ? code : `status.${status >= 500 ? '5xx' : status}`, text, status === 400 ? fieldsNamedIn(text) : []);
}

export function fieldsNamedIn(message: string): string[] {
  const fields = new Set<string>();
  for (const part of message.split('; ')) {
    const match = /^([A-Za-z][A-Za-z0-9_.[\]]*)\s*:/.exec(part) ?? /^(?:property )?([A-Za-z][A-Za-z0-9_.[\]]*) (?:should|must)/.exec(part);
    if (match) fields.add(match[1]);
  }
  return [...fields];
}

/** The catalog key of the message a person reads for this error (namespace `errors`). */
export function errorMessageKey(error: unknown): string {
  if (error instanceof ApiError) return error.code;
  return 'unknown';
}
