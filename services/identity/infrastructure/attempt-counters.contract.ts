/**
 * The one contract every AttemptCounters adapter passes: in memory (rate-limiter-flexible) and in
 * a ReadStore (MongoDB/FerretDB in the distributed profile). `open` gets a clock the test moves.
 */
import type { AttemptCounters, AttemptLimit } from '../application/ports';

export interface CountersUnderTest {
  readonly counters: AttemptCounters;
  close(): Promise<void>;
}

/** 2026-12-04 10:00:00 UTC, the start of a 15-minute window. */
const WINDOW_START = Date.UTC(2026, 11, 4, 10, 0, 0);

const fivePerQuarterHour: AttemptLimit = { name: 'contract-five', limit: 5, windowSeconds: 15 * 60 };
const thirtyPerQuarterHour: AttemptLimit = { name: 'contract-thirty', limit: 30, windowSeconds: 15 * 60 };

export function describeAttemptCountersContract(adapter: string, open: (now: () => number) => Promise<CountersUnderTest>): void {
  describe(`AttemptCounters contract: ${adapter}`, () => {
    let now = WINDOW_START;
    let opened: CountersUnderTest;
    let counters: AttemptCounters;

    beforeEach(async () => {
      now = WINDOW_START + 60_000;
      opened = await open(() => now);
      counters = opened.counters;
    });

    afterEach(() => opened.close());

    const burst = (limit: AttemptLimit, key: string, size: number) => Promise.all(Array.from({ length: size }, () => counters.reserve(limit, key)));
    const granted = (reservations: readonly { granted: boolean }[]) => reservations.filter((reservation) => reservation.granted).length;

    it('given a limit of 5, when 7 attempts come one after the other, then 5 are granted with their count and 2 refused until the window ends', async () => {
      const reservations = [];
      for (let attempt = 0; attempt < 7; attempt += 1) reservations.push(await counters.reserve(fivePerQuarterHour, 'key'));
      expect(reservations.slice(0, 5)).toEqual([1, 2, 3, 4, 5].map((count) => ({ granted: true, count })));
      // One minute into the window: 14 minutes left.
      expect(reservations.slice(5)).toEqual([
        { granted: false, retryAfterSeconds: 14 * 60 },
        { granted: false, retryAfterSeconds: 14 * 60 },
      ]);
      expect(await counters.count(fivePerQuarterHour, 'key')).toBe(5);
    });

    it.each([50, 200])('given a limit of 5, when %i attempts arrive at once, then exactly 5 are granted', async (size) => {
      expect(granted(await burst(fivePerQuarterHour, 'burst', size))).toBe(5);
      expect(await counters.count(fivePerQuarterHour, 'burst')).toBe(5);
    });

    it('given a limit of 30, when 200 attempts arrive at once, then exactly 30 are granted, none counted past the limit', async () => {
      const reservations = await burst(thirtyPerQuarterHour, 'wide', 200);
      const counts = reservations.flatMap((reservation) => (reservation.granted ? [reservation.count] : []));
      expect(counts).toHaveLength(30);
      expect(Math.max(...counts)).toBeLessThanOrEqual(30);
      expect(await counters.count(thirtyPerQuarterHour, 'wide')).toBe(30);
    });

    it('given the limit reached, when one attempt is released, then exactly one more is granted', async () => {
      await burst(fivePerQuarterHour, 'released', 5);
      await counters.release(fivePerQuarterHour, 'released');
      expect(await counters.count(fivePerQuarterHour, 'released')).toBe(4);
      expect(granted(await burst(fivePerQuarterHour, 'released', 10))).toBe(1);
    });

    it('given the limit reached, when the key is cleared, then it starts again from zero', async () => {
      await burst(fivePerQuarterHour, 'cleared', 5);
      await counters.clear(fivePerQuarterHour, 'cleared');
      expect(await counters.count(fivePerQuarterHour, 'cleared')).toBe(0);
      expect(await counters.reserve(fivePerQuarterHour, 'cleared')).toEqual({ granted: true, count: 1 });
    });

    it('given the limit reached, when the next window begins, then attempts are granted again', async () => {
      await burst(fivePerQuarterHour, 'windowed', 6);
      now = WINDOW_START + 15 * 60_000;
      expect(await counters.count(fivePerQuarterHour, 'windowed')).toBe(0);
      expect(await counters.reserve(fivePerQuarterHour, 'windowed')).toEqual({ granted: true, count: 1 });
    });

    it('counts the windows before the current one when asked', async () => {
      await burst(fivePerQuarterHour, 'looking-back', 3);
      now = WINDOW_START + 15 * 60_000;
      await burst(fivePerQuarterHour, 'looking-back', 1);
      expect(await counters.count(fivePerQuarterHour, 'looking-back')).toBe(1);
      expect(await counters.count(fivePerQuarterHour, 'looking-back', 2)).toBe(4);
    });

    it('counts each key and each limit apart', async () => {
      await burst(fivePerQuarterHour, 'one', 5);
      expect(await counters.reserve(fivePerQuarterHour, 'other')).toEqual({ granted: true, count: 1 });
      expect(await counters.reserve(thirtyPerQuarterHour, 'one')).toEqual({ granted: true, count: 1 });
    });
  });
}
