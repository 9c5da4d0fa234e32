import { InMemoryReadStore } from '@osteo/read-store';
import { describeInstanceWriteHoldsContract } from './instance-write-holds.contract';

/** The in-memory store lives in one process: the instances share the one object, as processes share a database. */
describeInstanceWriteHoldsContract('the in-memory read store', () => {
  const shared = new InMemoryReadStore();
  return { connect: async () => shared, drop: () => shared.dropAll() };
});
