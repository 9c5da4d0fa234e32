import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AttemptCounters, AttemptLimit, Reservation, windowAt } from '../application/ports';

/**
 * The embedded profile's counters: rate-limiter-flexible's RateLimiterMemory, one per limit. Its
 * consume counts and compares in one synchronous step of this one process, so a reservation is
 * atomic however many requests are in flight. The window's index is part of the key, so every
 * window starts from zero on the clock given, as the shared counters do.
 */
export class RateLimiterMemoryAttemptCounters extends AttemptCounters {
  private readonly limiters = new Map<string, RateLimiterMemory>();

  constructor(private readonly now: () => number = Date.now) {
    super();
  }

  override async reserve(limit: AttemptLimit, key: string): Promise<Reservation> {
    const { index, secondsLeft } = windowAt(limit, this.now());
    const limiter = this.limiterFor(limit);
    try {
      const counted = await limiter.consume(windowKey(key, index));
      return { granted: true, count: counted.consumedPoints };
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      // consume counted the refused attempt too: give it back, so only attempts let through count.
      await limiter.reward(windowKey(key, index));
      return { granted: false, retryAfterSeconds: secondsLeft };
    }
  }

  override async release(limit: AttemptLimit, key: string): Promise<void> {
    const windowedKey = windowKey(key, windowAt(limit, this.now()).index);
    const limiter = this.limiterFor(limit);
    if (((await limiter.get(windowedKey))?.consumedPoints ?? 0) > 0) await limiter.reward(windowedKey);
  }

  override async clear(limit: AttemptLimit, key: string): Promise<void> {
    await this.limiterFor(limit).delete(windowKey(key, windowAt(limit, this.now()).index));
  }

  override async count(limit: AttemptLimit, key: string, windows = 1): Promise<number> {
    const { index } = windowAt(limit, this.now());
    const counted = await Promise.all(
      Array.from({ length: windows }, async (_, back) => (await this.limiterFor(limit).get(windowKey(key, index - back)))?.consumedPoints ?? 0),
    );
    return counted.reduce((sum, count) => sum + count, 0);
  }

  private limiterFor(limit: AttemptLimit): RateLimiterMemory {
    let limiter = this.limiters.get(limit.name);
    if (!limiter) {
      // Kept twice the window: at least until the window ends, whenever its first attempt came. But
      // its expiry is a timer, and Node runs a timer of more than 2^31 - 1 ms (24.8 days) at once:
      // longer windows (the addresses an account signed in from) are forgotten after 24 days.
      const duration = Math.min(2 * limit.windowSeconds, LONGEST_TIMER_SECONDS);
      limiter = new RateLimiterMemory({ keyPrefix: limit.name, points: limit.limit, duration });
      this.limiters.set(limit.name, limiter);
    }
    return limiter;
  }
}

const LONGEST_TIMER_SECONDS = 24 * 24 * 3600;

function windowKey(key: string, windowIndex: number): string {
  return `${key}@${windowIndex}`;
}
