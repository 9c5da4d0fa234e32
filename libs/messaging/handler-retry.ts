/**
 * Redelivery of a message whose handler failed, shared by both adapters. The message is never
 * skipped: order per key is part of the port's promise, and a projection that jumped over an
 * event would be silently wrong forever. A handler that keeps failing therefore holds its
 * partition, visibly in the logs, until it is fixed. The one exception is a handler that says
 * no delivery could ever succeed (UnprocessableMessageError): that message is dead-lettered
 * (dead-letters.ts), which keeps it, rather than retried.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { UnprocessableMessageError } from './dead-letters';

export interface RetryBackoff {
  /** Wait before the first retry; it doubles after every further failure. */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_HANDLER_RETRY: RetryBackoff = { initialDelayMs: 200, maxDelayMs: 30_000 };

/** Exponential: `initialDelayMs` after the first failure, doubling up to `maxDelayMs`. */
export function retryDelayMs(backoff: RetryBackoff, failures: number): number {
  return Math.min(backoff.maxDelayMs, backoff.initialDelayMs * 2 ** (failures - 1));
}

/** Delivery was abandoned because the subscription closed: the message stays uncommitted. */
export class SubscriptionClosedError extends Error {
  constructor() {
    super('Subscription closed while a message was being handled; it stays uncommitted');
    this.name = 'SubscriptionClosedError';
  }
}

export interface HandlingOptions {
  readonly backoff: RetryBackoff;
  /** Aborted when the subscription closes; neither a hung handler nor a backoff delays that. */
  readonly closing: AbortSignal;
  readonly onFailure: (error: unknown, failures: number, retryInMs: number) => void;
  /** Called at least every `everyMs` while waiting to retry (Kafka: stay in the group). */
  readonly keepAlive?: { readonly everyMs: number; readonly beat: () => Promise<void> };
}

/** Logged by both adapters when a batch handler throws. */
export const BATCH_HANDLER_FAILED = 'Batch handler failed; handling its messages one by one';

/**
 * Runs a batch handler once, for both adapters. True: the run is handled. False: it threw
 * (`onFailure` is told) and the adapter hands the run's messages to the one-by-one path, which
 * retries and dead-letters. Rejects with SubscriptionClosedError as soon as `closing` aborts.
 */
export async function batchHandled(handle: () => Promise<void>, closing: AbortSignal, onFailure: (error: unknown) => void): Promise<boolean> {
  try {
    await abandonWhenClosed(handle(), closing);
    return true;
  } catch (error) {
    if (error instanceof SubscriptionClosedError) throw error;
    onFailure(error);
    return false;
  }
}

/**
 * Runs `handle` until it resolves, with exponential backoff between failures.
 * Rejects with SubscriptionClosedError as soon as `closing` aborts.
 */
export async function handleUntilSuccess(handle: () => Promise<void>, options: HandlingOptions): Promise<void> {
  const { backoff, closing, onFailure, keepAlive } = options;
  for (let failures = 1; ; failures++) {
    try {
      await abandonWhenClosed(handle(), closing);
      return;
    } catch (error) {
      if (error instanceof SubscriptionClosedError) throw error;
      const retryInMs = retryDelayMs(backoff, failures);
      onFailure(error, failures, retryInMs);
      await waitBeforeRetry(retryInMs, closing, keepAlive);
    }
  }
}

/**
 * Runs `handle` like handleUntilSuccess, except that an UnprocessableMessageError ends the
 * retries at once: it is returned, for the caller to dead-letter the message. Null: handled.
 */
export async function handleUntilSettled(handle: () => Promise<void>, options: HandlingOptions): Promise<UnprocessableMessageError | null> {
  let unprocessable: UnprocessableMessageError | null = null;
  await handleUntilSuccess(async () => {
    try {
      await handle();
    } catch (error) {
      if (!(error instanceof UnprocessableMessageError)) throw error;
      unprocessable = error;
    }
  }, options);
  return unprocessable;
}

/**
 * Settles with `work`, or rejects with SubscriptionClosedError when `closing` aborts first. The
 * abandoned work keeps running (JavaScript cannot cancel it) but its outcome is ignored.
 */
function abandonWhenClosed<T>(work: Promise<T>, closing: AbortSignal): Promise<T> {
  if (closing.aborted) return Promise.reject(new SubscriptionClosedError());
  return new Promise<T>((resolve, reject) => {
    const onClose = (): void => reject(new SubscriptionClosedError());
    closing.addEventListener('abort', onClose, { once: true });
    work
      .then(resolve, reject)
      .finally(() => closing.removeEventListener('abort', onClose));
  });
}

async function waitBeforeRetry(
  delayMs: number,
  closing: AbortSignal,
  keepAlive: HandlingOptions['keepAlive'],
): Promise<void> {
  const sliceMs = keepAlive?.everyMs ?? delayMs;
  for (let waited = 0; waited < delayMs; waited += sliceMs) {
    try {
      await sleep(Math.min(sliceMs, delayMs - waited), undefined, { signal: closing });
    } catch {
      throw new SubscriptionClosedError();
    }
    await keepAlive?.beat();
  }
}
