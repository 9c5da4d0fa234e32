import { ensureFreshBuild, startDistributedPlatform } from '../support/distributed-platform';
import { RunningPlatform, startPlatform, temporaryDataDir } from '../support/embedded-platform';
import { HttpClient } from '../support/http-client';
import { kafkaProfile } from '../support/kafka-profile';
import { SeedWorld, newCast, seedStory } from '../support/seed-story';

/** The seed's story end to end through the gateway's HTTP API, in both profiles (test/support/seed-story.ts). */
describe('the seed story, embedded profile', () => {
  const dataDir = temporaryDataDir();
  const cast = newCast();
  let platform: RunningPlatform;
  let world: SeedWorld;

  beforeAll(async () => {
    platform = await startPlatform({ DATA_DIR: dataDir.path });
    world = { anonymous: new HttpClient(platform.baseUrl), outboxDataDir: dataDir.path };
  });

  afterAll(async () => {
    await platform.stop();
    dataDir.remove();
  });

  for (const [name, play] of seedStory) {
    it(name, () => play(world, cast));
  }
});

/**
 * Each service its own process from dist/, real Kafka, FerretDB, an SQLite event store per
 * service, every request through the gateway process. One test body: the Kafka clean-up's
 * kafkajs loads modules lazily, which Jest 30 refuses between hooks.
 */
describe('the seed story, distributed profile', () => {
  beforeAll(() => ensureFreshBuild(), 180_000);

  it('plays every step through the gateway, across processes', async () => {
    const dataDir = temporaryDataDir();
    const profile = kafkaProfile(dataDir.path);
    const platform = await startDistributedPlatform(profile.env, dataDir.path);
    try {
      const world: SeedWorld = { anonymous: new HttpClient(platform.gatewayUrl), outboxDataDir: platform.dataDirOf('identity') };
      const cast = newCast();
      for (const [name, play] of seedStory) {
        try {
          await play(world, cast);
        } catch (error) {
          throw new Error(`step "${name}": ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        }
      }
    } finally {
      await platform.stop();
      await profile.cleanUp();
      dataDir.remove();
    }
  }, 240_000);
});
