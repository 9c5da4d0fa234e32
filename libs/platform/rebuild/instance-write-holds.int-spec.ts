import { randomBytes } from 'node:crypto';
import { MongoReadStore } from '@osteo/read-store';
import { mongoUrl } from '@osteo/testing';
import { describeInstanceWriteHoldsContract } from './instance-write-holds.contract';

/** The suites' FerretDB: each instance its own connection to one fresh database, as processes have. */
describeInstanceWriteHoldsContract('MongoReadStore (FerretDB)', () => {
  const database = `holds_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  return {
    connect: () => MongoReadStore.connect(mongoUrl(), database),
    drop: async () => {
      const store = await MongoReadStore.connect(mongoUrl(), database);
      await store.dropAll();
      await store.close();
    },
  };
});
