import { randomInt, randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { DuplicateKeyError, ReadCollection, ReadStore } from '@osteo/read-store';
import { AttemptCounters, AttemptLimit, Reservation, windowAt } from '../application/ports';

export const ATTEMPT_COUNTERS_COLLECTION = 'identity_attempt_counters';

/** One counted attempt: the n-th of its key in its window, n in its `_id`. */
interface CountedAttempt extends Record<string, unknown> {
  readonly _id: string;
  /** limit name, key and window index: what the counting looks for. */
  readonly counter: string;
  readonly expiresAt: Date;
}

/** Beyond this limit attempts get no place (see insertThenCount). */
const MOST_PLACES = 1_000;

/** Expired attempts are deleted at most this often (FerretDB v1 has no TTL index to do it). */
const PURGE_INTERVAL_MS = 60_000;

/**
 * The distributed profile's counters, in identity's MongoDB database, which every instance
 * reaches. An attempt is a document whose `_id` is `<limit>|<key>|<window>|<n>`, n one of the
 * limit's places (1 to limit): inserting it is the reservation, and the unique `_id` the arbiter,
 * so two instances can never both take a place, and there are never more than `limit` attempts.
 *
 * Not rate-limiter-flexible's RateLimiterMongo: its consume is one findOneAndUpdate with `$inc`,
 * atomic on MongoDB, but FerretDB v1 (our MongoDB here) runs findAndModify as a read then a
 * write of the whole document, without a transaction between them, so concurrent consumes lose
 * increments and let more than the limit through. An insert with a unique `_id` is atomic on both.
 */
export class ReadStoreAttemptCounters extends AttemptCounters {
  private readonly logger = new Logger('identity.attempt-counters');
  private readonly attempts: ReadCollection<CountedAttempt>;
  private indexed: Promise<void> | null = null;
  private lastPurgeAt = 0;

  constructor(
    readStore: ReadStore,
    private readonly now: () => number = Date.now,
  ) {
    super();
    this.attempts = readStore.collection<CountedAttempt>(ATTEMPT_COUNTERS_COLLECTION);
  }

  /** Once, at first use; tried again at the next use if the server did not answer. */
  private ready(): Promise<void> {
    this.indexed ??= this.attempts.createIndex({ keys: { counter: 1 }, name: 'counter' }).catch((error: unknown) => {
      this.indexed = null;
      throw error;
    });
    return this.indexed;
  }

  override async reserve(limit: AttemptLimit, key: string): Promise<Reservation> {
    await this.ready();
    const now = this.now();
    const { index, secondsLeft } = windowAt(limit, now);
    const counter = counterId(limit, key, index);
    // Kept one window past its own, for counts that look back one window.
    const expiresAt = new Date((index + 2) * limit.windowSeconds * 1000);
    this.purgeExpired(now);
    if (limit.limit > MOST_PLACES) return this.insertThenCount(limit, counter, expiresAt, secondsLeft);
    for (;;) {
      const taken = new Set((await this.attempts.find({ counter })).map((attempt) => attempt._id));
      if (taken.size >= limit.limit) return { granted: false, retryAfterSeconds: secondsLeft };
      const free = placesOf(counter, limit.limit).filter((place) => !taken.has(place));
      // A place picked at random among the free ones: a burst spreads over them instead of all
      // racing for the same one. A place taken meanwhile means someone else progressed: look again.
      const place = free[randomInt(free.length)];
      if (await this.take({ _id: place, counter, expiresAt })) return { granted: true, count: taken.size + 1 };
    }
  }

  /**
   * For limits too large to give each attempt a place. Never more than the limit: the last
   * attempt granted counted every earlier granted one, all inserted before their own count. A
   * burst may be refused beyond need (each counts the others in flight): refusals are given back.
   */
  private async insertThenCount(limit: AttemptLimit, counter: string, expiresAt: Date, secondsLeft: number): Promise<Reservation> {
    const attempt = { _id: `${counter}|${randomUUID()}`, counter, expiresAt };
    await this.attempts.insertOne(attempt);
    const count = await this.attempts.countDocuments({ counter });
    if (count <= limit.limit) return { granted: true, count };
    await this.attempts.deleteOne({ _id: attempt._id });
    return { granted: false, retryAfterSeconds: secondsLeft };
  }

  override async release(limit: AttemptLimit, key: string): Promise<void> {
    await this.ready();
    const counter = counterId(limit, key, windowAt(limit, this.now()).index);
    for (const attempt of await this.attempts.find({ counter })) {
      if ((await this.attempts.deleteOne({ _id: attempt._id })) === 1) return;
    }
  }

  override async clear(limit: AttemptLimit, key: string): Promise<void> {
    await this.ready();
    await this.attempts.deleteMany({ counter: counterId(limit, key, windowAt(limit, this.now()).index) });
  }

  override async count(limit: AttemptLimit, key: string, windows = 1): Promise<number> {
    await this.ready();
    const { index } = windowAt(limit, this.now());
    const counters = Array.from({ length: windows }, (_, back) => counterId(limit, key, index - back));
    return this.attempts.countDocuments({ counter: { $in: counters } });
  }

  /** Inserts the attempt at its place; false when another request holds it. */
  private async take(attempt: CountedAttempt): Promise<boolean> {
    try {
      await this.attempts.insertOne(attempt);
      return true;
    } catch (error) {
      if (error instanceof DuplicateKeyError) return false;
      throw error;
    }
  }

  private purgeExpired(now: number): void {
    if (now - this.lastPurgeAt < PURGE_INTERVAL_MS) return;
    this.lastPurgeAt = now;
    this.attempts.deleteMany({ expiresAt: { $lte: new Date(now) } }).catch((error: unknown) => {
      this.logger.warn(`Could not delete expired attempts: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
}

function placesOf(counter: string, limit: number): string[] {
  return Array.from({ length: limit }, (_, index) => `${counter}|${index + 1}`);
}

function counterId(limit: AttemptLimit, key: string, windowIndex: number): string {
  return `${limit.name}|${key}|${windowIndex}`;
}
