/**
 * Jest global setup: gives every suite a Kafka, a MongoDB and, where one can run, an EventStoreDB
 * (KAFKA_BROKERS, MONGO_URL, EVENTSTORE_URL): a server already named, else testcontainers, else
 * the deploy/local/ processes (README, "Tests", for TEST_SERVERS and KEEP_TEST_SERVERS). Runs in
 * one tree share those processes: each registers under .cache/<server>/test-runs/, and a process
 * is stopped only by the run that started it, once no other run still uses it.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { otherLiveRuns, readPid } from '../../deploy/local/server-runs';
import type { ContainerRuntimeClient, StartedTestContainer } from 'testcontainers';

const REPO_ROOT = resolve(__dirname, '..', '..');
const DOCKER_PROBE_TIMEOUT_MS = 5000;

type ServerName = 'kafka' | 'mongo' | 'eventstore';

interface ProvidedServer {
  readonly name: ServerName;
  /** The value exported to the tests; undefined when this server is absent. */
  readonly url: string | undefined;
  /** Where it comes from, for the one line the setup prints. */
  readonly provider: string;
  /** Undoes what the setup did for this server and says what happened, if anything. */
  release(): Promise<string | undefined>;
}

const ENV_NAMES: Record<ServerName, string> = {
  kafka: 'KAFKA_BROKERS',
  mongo: 'MONGO_URL',
  eventstore: 'EVENTSTORE_URL',
};

// Jest runs the global setup and teardown in its main process but loads them as separate modules:
// what the teardown needs is kept on globalThis, as Jest's documentation recommends.
const PROVIDED_SERVERS = Symbol.for('osteo.testing.providedServers');
type GlobalWithServers = typeof globalThis & { [PROVIDED_SERVERS]?: ProvidedServer[] };

export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_SERVERS === 'none') {
    console.log('\ntest servers: none (TEST_SERVERS=none)');
    return;
  }
  // Asked at most once, and only if some server is not given by its variable.
  let dockerEngine: Promise<ContainerRuntimeClient | undefined> | undefined;
  const findDocker = () => (dockerEngine ??= findDockerEngine());
  const outcomes = await Promise.allSettled([
    provideKafka(findDocker),
    provideMongo(findDocker),
    provideEventStore(findDocker),
  ]);
  const provided = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  const failure = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failure) {
    // Jest skips the teardown when the setup throws: undo the servers that did start.
    await Promise.allSettled(provided.map((server) => server.release()));
    throw failure.reason;
  }

  (globalThis as GlobalWithServers)[PROVIDED_SERVERS] = provided;
  for (const { name, url } of provided) {
    if (url !== undefined) process.env[ENV_NAMES[name]] = url;
  }
  const summary = provided.map(({ name, url, provider }) => `${name} ${url ?? 'absent'} (${provider})`);
  console.log(`\ntest servers: ${summary.join(', ')}`);
}

/** Called by ./global-teardown.ts. */
export async function releaseProvidedServers(): Promise<void> {
  const provided = (globalThis as GlobalWithServers)[PROVIDED_SERVERS] ?? [];
  delete (globalThis as GlobalWithServers)[PROVIDED_SERVERS];
  const outcomes = await Promise.all(provided.map((server) => server.release()));
  const done = outcomes.filter((outcome) => outcome !== undefined);
  if (done.length > 0) console.log(`test servers: ${done.join(', ')}`);
}

type DockerFinder = () => Promise<ContainerRuntimeClient | undefined>;

async function provideKafka(findDocker: DockerFinder): Promise<ProvidedServer> {
  const given = givenServer('kafka');
  if (given) return given;
  const docker = await findDocker();
  if (docker) return startKafkaContainer(docker);
  const port = process.env.KAFKA_PORT ?? '39092';
  return startLocalProcess('kafka', 'kafka', `127.0.0.1:${port}`);
}

async function provideMongo(findDocker: DockerFinder): Promise<ProvidedServer> {
  const given = givenServer('mongo');
  if (given) return given;
  const docker = await findDocker();
  if (docker) return startMongoContainer();
  const port = process.env.FERRETDB_PORT ?? '37017';
  return startLocalProcess('mongo', 'ferretdb', `mongodb://127.0.0.1:${port}/`);
}

async function provideEventStore(findDocker: DockerFinder): Promise<ProvidedServer> {
  const given = givenServer('eventstore');
  if (given) return given;
  if (await findDocker()) return startEventStoreContainer();
  return {
    name: 'eventstore',
    url: undefined,
    provider: 'no Docker engine and no EVENTSTORE_URL',
    release: async () => undefined,
  };
}

function givenServer(name: ServerName): ProvidedServer | undefined {
  const envName = ENV_NAMES[name];
  const url = process.env[envName];
  if (!url) return undefined;
  return { name, url, provider: `given by ${envName}`, release: async () => undefined };
}

async function findDockerEngine(): Promise<ContainerRuntimeClient | undefined> {
  const { getContainerRuntimeClient } = await import('testcontainers');
  // A DOCKER_HOST that does not answer could otherwise hold the run for a long time.
  const timeout = new Promise<undefined>((resolve) => {
    setTimeout(() => resolve(undefined), DOCKER_PROBE_TIMEOUT_MS).unref();
  });
  return Promise.race([getContainerRuntimeClient().catch(() => undefined), timeout]);
}

async function startKafkaContainer(docker: ContainerRuntimeClient): Promise<ProvidedServer> {
  const { GenericContainer, RandomPortGenerator, Wait } = await import('testcontainers');
  // The broker must advertise the address clients reach it at, which is known before it starts
  // only if the host port is chosen here: the container listens on that same port inside.
  const port = await new RandomPortGenerator().generatePort();
  const host = docker.info.containerRuntime.host;
  const container = await new GenericContainer('apache/kafka:3.9.1')
    .withExposedPorts({ container: port, host: port })
    .withEnvironment({
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
      KAFKA_LISTENERS: `PLAINTEXT://0.0.0.0:${port},CONTROLLER://localhost:9093`,
      KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://${host}:${port}`,
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_INTER_BROKER_LISTENER_NAME: 'PLAINTEXT',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'true',
      KAFKA_NUM_PARTITIONS: '3',
    })
    .withWaitStrategy(Wait.forLogMessage('Kafka Server started'))
    .start();
  return containerServer('kafka', `${host}:${port}`, 'apache/kafka:3.9.1', container);
}

async function startMongoContainer(): Promise<ProvidedServer> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer('mongo:8')
    .withExposedPorts(27017)
    .withWaitStrategy(Wait.forLogMessage('Waiting for connections'))
    .start();
  const url = `mongodb://${container.getHost()}:${container.getMappedPort(27017)}/`;
  return containerServer('mongo', url, 'mongo:8', container);
}

async function startEventStoreContainer(): Promise<ProvidedServer> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer('eventstore/eventstore:24.10')
    // The same as --insecure --run-projections=None --mem-db, whatever the image's entrypoint.
    .withEnvironment({
      EVENTSTORE_INSECURE: 'true',
      EVENTSTORE_RUN_PROJECTIONS: 'None',
      EVENTSTORE_MEM_DB: 'true',
    })
    .withExposedPorts(2113)
    .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCode(204))
    .start();
  const url = `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`;
  return containerServer('eventstore', url, 'eventstore/eventstore:24.10', container);
}

function containerServer(
  name: ServerName,
  url: string,
  image: string,
  container: StartedTestContainer,
): ProvidedServer {
  return {
    name,
    url,
    provider: `container ${image}`,
    release: async () => {
      await container.stop();
      return `removed the ${name} container`;
    },
  };
}

/** A server that deploy/local/<name>.sh runs, with its state in .cache/<name>/. */
type LocalProcess = 'kafka' | 'ferretdb';

/**
 * Runs deploy/local/<process>.sh start. The script's pid file tells whether this call launched the
 * process (its pid changed) or found it running; only a process that a test run launched is
 * recorded in started-by-tests.pid, and so may be stopped by a teardown.
 */
async function startLocalProcess(
  name: ServerName,
  localProcess: LocalProcess,
  url: string,
): Promise<ProvidedServer> {
  const files = localProcessFiles(localProcess);
  mkdirSync(files.testRunsDir, { recursive: true });
  writeFileSync(files.thisTestRun, '');
  const pidBefore = readPid(files.pidFile);
  try {
    await runDeployScript(localProcess, 'start');
  } catch (error) {
    rmSync(files.thisTestRun, { force: true });
    throw error;
  }
  const pid = readPid(files.pidFile);
  const launchedNow = pid !== pidBefore;
  if (launchedNow) writeFileSync(files.startedByTestsFile, String(pid));
  return {
    name,
    url,
    provider: `local ${localProcess} process, ${launchedNow ? 'started' : 'already running'}`,
    release: () => releaseLocalProcess(localProcess),
  };
}

async function releaseLocalProcess(localProcess: LocalProcess): Promise<string | undefined> {
  const files = localProcessFiles(localProcess);
  rmSync(files.thisTestRun, { force: true });
  if (process.env.KEEP_TEST_SERVERS) return `left ${localProcess} running (KEEP_TEST_SERVERS)`;
  const pid = readPid(files.pidFile);
  if (pid === undefined || pid !== readPid(files.startedByTestsFile)) return undefined;
  const otherRuns = otherLiveRuns(files.testRunsDir);
  if (otherRuns.length > 0) return `left ${localProcess} running for the Jest run(s) ${otherRuns.join(', ')}`;
  await runDeployScript(localProcess, 'stop');
  rmSync(files.startedByTestsFile, { force: true });
  return `stopped ${localProcess}`;
}

/** The pid file is the one deploy/local/detached-server.sh writes; the rest belongs to this file. */
function localProcessFiles(localProcess: LocalProcess) {
  const stateDir = join(REPO_ROOT, '.cache', localProcess);
  const testRunsDir = join(stateDir, 'test-runs');
  return {
    pidFile: join(stateDir, `${localProcess}.pid`),
    startedByTestsFile: join(stateDir, 'started-by-tests.pid'),
    testRunsDir,
    thisTestRun: join(testRunsDir, String(process.pid)),
  };
}


/**
 * The script's output goes straight to Jest's (a first run shows the download and build); the
 * server it launches keeps none of our descriptors, so waiting for the script's exit is enough.
 */
function runDeployScript(localProcess: LocalProcess, command: 'start' | 'stop'): Promise<void> {
  const script = `deploy/local/${localProcess}.sh`;
  return new Promise((resolvePromise, reject) => {
    const child = spawn('bash', [join(REPO_ROOT, script), command], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) return resolvePromise();
      const reason = signal ?? `exit code ${code}`;
      reject(new Error(`${script} ${command} failed (${reason}); see its output above`));
    });
  });
}
