/** What a use case needs to know about the request that triggered it. */
export interface RequestContext {
  readonly correlationId: string;
  /** The caller's network address, for throttling. */
  readonly clientAddress: string;
}
