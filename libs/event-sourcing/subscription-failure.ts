/**
 * The default `onError` of a subscription (see SubscribeAllOptions): rethrows outside the
 * delivery loop, so the failure reaches the process's uncaught-exception handling.
 */
export function rethrowAsUncaught(error: unknown): void {
  queueMicrotask(() => {
    throw error;
  });
}
