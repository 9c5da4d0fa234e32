import { InMemoryReadStore } from '@osteo/read-store';
import type { AttemptLimit } from '../application/ports';
import { describeAttemptCountersContract } from './attempt-counters.contract';
import { RateLimiterMemoryAttemptCounters } from './rate-limiter-memory-attempt-counters';
import { ReadStoreAttemptCounters } from './read-store-attempt-counters';

describeAttemptCountersContract('RateLimiterMemory (embedded profile)', async (now) => ({
  counters: new RateLimiterMemoryAttemptCounters(now),
  close: async () => undefined,
}));

describeAttemptCountersContract('ReadStore over the in-memory store', async (now) => {
  const readStore = new InMemoryReadStore();
  return { counters: new ReadStoreAttemptCounters(readStore, now), close: () => readStore.close() };
});

describe('ReadStoreAttemptCounters past a thousand places', () => {
  const counters = new ReadStoreAttemptCounters(new InMemoryReadStore());
  const burst = (limit: AttemptLimit, key: string, size: number) => Promise.all(Array.from({ length: size }, () => counters.reserve(limit, key)));
  const granted = (reservations: readonly { granted: boolean }[]) => reservations.filter((reservation) => reservation.granted).length;

  it('given a limit too large for places, when 200 attempts arrive at once, then none is granted past the limit', async () => {
    const large: AttemptLimit = { name: 'contract-large', limit: 1_001, windowSeconds: 15 * 60 };
    for (let attempt = 0; attempt < 995; attempt += 199) await burst(large, 'large', 199);
    expect(granted(await burst(large, 'large', 200))).toBeLessThanOrEqual(6);
    expect(await counters.count(large, 'large')).toBeLessThanOrEqual(1_001);
  });
});
