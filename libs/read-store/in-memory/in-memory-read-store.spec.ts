import { describeReadStoreContract } from '../read-store.contract';
import { InMemoryReadStore } from './in-memory-read-store';

describeReadStoreContract('InMemoryReadStore', async () => new InMemoryReadStore());
