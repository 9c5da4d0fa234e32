import { randomBytes } from 'node:crypto';
import { MongoReadStore } from '@osteo/read-store';
import { mongoUrl } from '@osteo/testing';
import { describeAttemptCountersContract } from './attempt-counters.contract';
import { ReadStoreAttemptCounters } from './read-store-attempt-counters';

/**
 * The distributed profile's counters on the real server (FerretDB here): the bursts of the
 * contract reach it as concurrent inserts over several connections, as instances would.
 */
describeAttemptCountersContract('ReadStore over MongoDB (FerretDB)', async (now) => {
  const readStore = await MongoReadStore.connect(mongoUrl(), `attempts_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`);
  return {
    counters: new ReadStoreAttemptCounters(readStore, now),
    close: async () => {
      await readStore.dropAll();
      await readStore.close();
    },
  };
});
