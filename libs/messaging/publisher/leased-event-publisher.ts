/**
 * The outbox relay of a service that may run as several instances: each instance runs one of
 * these, and only the one holding the PublisherLease publishes, from the checkpoint the lease's
 * document keeps. The others try to acquire it at every renewal period, so one of them takes over
 * within a lease plus a period of the holder's death. A holder that finds its lease gone (at a
 * renewal, or at a checkpoint save refused by the fence) stops its publisher and goes back to
 * trying: the process keeps serving.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { type MessagingLogger, stderrJsonLogger } from '../messaging-logger';
import { EventPublisher, type EventPublisherOptions } from './event-publisher';
import type { CheckpointFencedOffError, PublisherLease } from './publisher-lease';

export interface LeasedEventPublisherOptions extends Omit<EventPublisherOptions, 'checkpoints' | 'checkpointName' | 'onFencedOff'> {
  readonly lease: PublisherLease;
  /** How often the lease is renewed by its holder and tried by the others: a third of the lease. */
  readonly renewEveryMs: number;
  /** Told when this instance starts or stops holding the lease (metrics). */
  readonly onLeaseHeld?: (held: boolean) => void;
  /** Told when a checkpoint save of this instance was refused by the fence (metrics). */
  readonly onFencedOff?: (error: CheckpointFencedOffError) => void;
}

export class LeasedEventPublisher {
  private readonly logger: MessagingLogger;
  private publisher: EventPublisher | null = null;
  /** Lease turns and step-downs run one after the other, never interleaved. */
  private turns: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: LeasedEventPublisherOptions) {
    this.logger = options.logger ?? stderrJsonLogger;
  }

  /** True while this instance holds the lease and publishes. */
  get publishing(): boolean {
    return this.publisher !== null;
  }

  /** Tries the lease once (publishing at once if it is free), then keeps renewing or trying. */
  async start(): Promise<void> {
    await this.turn();
    this.schedule();
  }

  /** Stops publishing and releases the lease, so another instance takes over without waiting for its expiry. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.serially(async () => {
      await this.stepDown();
      await this.options.lease.release().catch((error: unknown) => this.logger.log('warn', 'Releasing the publisher lease failed; it expires by itself', { lease: this.options.lease.name, error }));
    });
  }

  /**
   * Resolves once the checkpoint, whoever holds the lease, has reached the end of the store
   * (tests, benchmarks). Polls: the holder may be another process.
   */
  async waitUntilCaughtUp(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const position = (await this.options.lease.read())?.position ?? null;
      const [unpublished] = await this.options.store.readAll({ after: position ?? undefined, maxCount: 1 });
      if (unpublished === undefined) return;
      if (Date.now() > deadline) throw new Error(`The publisher of ${this.options.topic} did not catch up within ${timeoutMs} ms`);
      await sleep(50);
    }
  }

  /** One renewal period: renew or acquire, and start or stop the publisher to match. */
  turn(): Promise<void> {
    return this.serially(async () => {
      if (this.stopped) return;
      let held: boolean;
      try {
        held = await this.options.lease.acquireOrRenew();
      } catch (error) {
        // The read store is unreachable: keep publishing if publishing. Should the lease run out
        // meanwhile and another instance take over, the fence refuses this one's next checkpoint.
        this.logger.log('warn', 'Renewing or acquiring the publisher lease failed; trying again at the next period', { lease: this.options.lease.name, error });
        return;
      }
      if (held && this.publisher === null) await this.startPublisher();
      else if (!held && this.publisher !== null) {
        this.logger.log('warn', 'The publisher lease was taken over by another instance; this one stops publishing', { lease: this.options.lease.name });
        await this.stepDown();
      }
    });
  }

  private async startPublisher(): Promise<void> {
    const { lease, renewEveryMs: _renewEveryMs, onLeaseHeld: _onLeaseHeld, onFencedOff, ...publisherOptions } = this.options;
    const publisher = new EventPublisher({
      ...publisherOptions,
      checkpoints: lease.checkpoints(),
      checkpointName: lease.name,
      onFencedOff: (error) => {
        onFencedOff?.(error);
        void this.serially(() => (this.publisher === publisher ? this.stepDown() : Promise.resolve()));
      },
    });
    this.publisher = publisher;
    this.logger.log('info', 'This instance holds the publisher lease and publishes', { lease: lease.name, holder: lease.holder, token: lease.token });
    this.options.onLeaseHeld?.(true);
    try {
      await publisher.start();
    } catch (error) {
      // Still holding the lease: the next period starts a publisher again, no other instance can meanwhile.
      this.logger.log('warn', 'Starting the publisher failed; trying again at the next period', { lease: lease.name, error });
      await this.stepDown();
    }
  }

  private async stepDown(): Promise<void> {
    const publisher = this.publisher;
    if (publisher === null) return;
    this.publisher = null;
    this.options.onLeaseHeld?.(false);
    await publisher.stop();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.turn().finally(() => this.schedule());
    }, this.options.renewEveryMs);
    this.timer.unref();
  }

  private serially(work: () => Promise<void>): Promise<void> {
    const next = this.turns.then(work);
    this.turns = next.catch(() => undefined);
    return next;
  }
}
