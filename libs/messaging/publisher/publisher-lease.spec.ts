import { InMemoryReadStore } from '@osteo/read-store';
import { describePublisherLeaseContract } from './publisher-lease.contract';

describePublisherLeaseContract('the in-memory read store', async () => new InMemoryReadStore());
