import { InMemoryReadStore } from '@osteo/read-store';
import { describeReadModelRebuild } from './read-model-rebuild.contract';

describeReadModelRebuild('InMemoryReadStore', async () => new InMemoryReadStore());
