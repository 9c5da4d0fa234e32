import { InMemoryCheckpointStore } from './checkpoint-store';
import { describeCheckpointStoreContract } from './checkpoint-store.contract';

const store = new InMemoryCheckpointStore();
describeCheckpointStoreContract('InMemoryCheckpointStore', async () => store);
