import { randomBytes } from 'node:crypto';
import { MongoReadStore } from '@osteo/read-store';
import { mongoUrl } from '@osteo/testing';
import { describePublisherLeaseContract } from './publisher-lease.contract';

/** The suites' FerretDB, a database of its own per test: its filtered updateOne is what fences. */
describePublisherLeaseContract('MongoReadStore (FerretDB)', () => MongoReadStore.connect(mongoUrl(), `lease_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`));
