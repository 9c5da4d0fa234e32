import type { RecordedEvent, StoreSubscription } from '../event-store';

export interface SqliteSubscriptionOptions {
  /** Exclusive start; undefined: from the first event. */
  readonly after: string | undefined;
  /** The next events strictly after `position` in commit order; empty when there are none yet. */
  readonly readPageAfter: (position: string | undefined) => readonly RecordedEvent[];
  /** How long to wait for events from other connections when nothing wakes the subscription. */
  readonly pollIntervalMs: number;
  readonly onEvent: (event: RecordedEvent) => Promise<void>;
  readonly onError: (error: unknown) => void;
  /** Called once delivery has ended, whether closed or failed. */
  readonly onStopped: () => void;
}

/**
 * Catch-up then live delivery over an SQLite event table. Catching up and staying live are the
 * same loop: read the next page after the last delivered position, deliver it, and when a read
 * comes back empty, sleep until `wakeUp()` (an append through the same store instance) or the
 * poll interval (an append by another connection, possibly another process, which cannot
 * notify us). Positions are assigned under SQLite's single write lock, so a reader never sees
 * a later position committed before an earlier one: a page read never skips an event.
 */
export class SqliteSubscription implements StoreSubscription {
  private closed = false;
  /** Set by `wakeUp()`; survives until the next read, so a wake-up during delivery is not lost. */
  private wakeUpRequested = false;
  private endSleep: (() => void) | undefined;
  private readonly delivery: Promise<void>;

  constructor(private readonly options: SqliteSubscriptionOptions) {
    // Deliver from the next microtask, so no handler runs before the caller holds the subscription.
    this.delivery = Promise.resolve().then(() => this.deliverUntilClosed());
  }

  wakeUp(): void {
    this.wakeUpRequested = true;
    this.endSleep?.();
  }

  /**
   * Stops delivery and resolves once the handler in progress, if any, has returned. Awaiting it
   * from inside `onEvent` would wait for itself: call it without awaiting there.
   */
  async close(): Promise<void> {
    this.closed = true;
    this.endSleep?.();
    await this.delivery;
  }

  private async deliverUntilClosed(): Promise<void> {
    let lastDelivered = this.options.after;
    try {
      while (!this.closed) {
        // The read below sees every append committed so far, including the one that woke us.
        this.wakeUpRequested = false;
        const page = this.options.readPageAfter(lastDelivered);
        for (const event of page) {
          if (this.closed) return;
          await this.options.onEvent(event);
          lastDelivered = event.position;
        }
        if (page.length === 0) await this.sleepUntilWokenOrPolled();
      }
    } catch (error) {
      this.closed = true;
      this.options.onError(error);
    } finally {
      this.options.onStopped();
    }
  }

  private sleepUntilWokenOrPolled(): Promise<void> {
    if (this.wakeUpRequested || this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const pollTimer = setTimeout(() => this.endSleep?.(), this.options.pollIntervalMs);
      this.endSleep = () => {
        clearTimeout(pollTimer);
        this.endSleep = undefined;
        resolve();
      };
    });
  }
}
