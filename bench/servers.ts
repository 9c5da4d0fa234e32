/**
 * Kafka and a MongoDB-compatible server for the benchmarks that need them: the ones given by
 * KAFKA_BROKERS and MONGO_URL, otherwise the local processes of deploy/local/up.sh.
 *
 * Engineers run Jest and benchmarks in the same tree, and Jest's global setup
 * (libs/testing/global-setup.ts) shares the local processes through a registry: every run
 * records its pid under .cache/<server>/test-runs/, and a Jest run stops at its end a process
 * that a run launched (started-by-tests.pid) and no other run still uses. The benchmark run joins
 * that registry, so that a Jest run ending meanwhile does not stop Kafka under it. It stops only
 * what its own up.sh launched, and only if no Jest run uses it by then; otherwise it leaves the
 * stop to the last of them.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { otherLiveRuns, readPid } from '../deploy/local/server-runs';

const REPO_ROOT = resolve(__dirname, '..', '..');
const LOCAL_SERVERS = ['kafka', 'ferretdb'] as const;
type LocalServer = (typeof LOCAL_SERVERS)[number];

export interface BenchServers {
  readonly kafkaBrokers: readonly string[];
  readonly mongoUrl: string;
  /** Undoes what `provideServers` did: stops nothing it did not have to start. */
  release(): Promise<void>;
}

export async function provideServers(): Promise<BenchServers> {
  const givenBrokers = process.env.KAFKA_BROKERS;
  const givenMongoUrl = process.env.MONGO_URL;
  if (givenBrokers && givenMongoUrl) {
    return { kafkaBrokers: splitBrokers(givenBrokers), mongoUrl: givenMongoUrl, release: async () => undefined };
  }

  for (const server of LOCAL_SERVERS) joinRegistry(server);
  const pidsBefore = LOCAL_SERVERS.map((server) => readPid(registryFiles(server).pidFile));
  let settings: string;
  try {
    console.error('bench: starting Kafka and FerretDB with deploy/local/up.sh');
    settings = await runDeployScript('up.sh');
  } catch (error) {
    for (const server of LOCAL_SERVERS) leaveRegistry(server);
    throw error;
  }
  // A pid that changed is a process this run's up.sh launched; one that did not was already running.
  const launched = new Map<LocalServer, number>();
  LOCAL_SERVERS.forEach((server, index) => {
    const pid = readPid(registryFiles(server).pidFile);
    if (pid !== undefined && pid !== pidsBefore[index]) launched.set(server, pid);
  });
  // Recorded as a Jest run records what it launched, so the last Jest run out stops it if we cannot.
  for (const [server, pid] of launched) writeFileSync(registryFiles(server).launchedByRunFile, String(pid));

  const printed = Object.fromEntries(settings.trim().split(/\s+/).map((pair) => pair.split('=', 2)));
  return {
    kafkaBrokers: splitBrokers(givenBrokers || printed.KAFKA_BROKERS),
    mongoUrl: givenMongoUrl || printed.MONGO_URL,
    release: async () => {
      for (const server of LOCAL_SERVERS) await releaseLocalServer(server, launched.get(server));
    },
  };
}

/** Resolves with the script's stdout; its progress (a first build takes minutes) goes to our stderr. */
function runDeployScript(script: string, ...args: string[]): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('bash', [join(REPO_ROOT, 'deploy/local', script), ...args], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolvePromise(stdout);
      else reject(new Error(`deploy/local/${script} ${args.join(' ')} failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

function splitBrokers(brokers: string): string[] {
  return brokers
    .split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
}

/** The files libs/testing/global-setup.ts reads and writes for the same purpose. */
function registryFiles(server: LocalServer) {
  const stateDir = join(REPO_ROOT, '.cache', server);
  const runsDir = join(stateDir, 'test-runs');
  return {
    pidFile: join(stateDir, `${server}.pid`),
    launchedByRunFile: join(stateDir, 'started-by-tests.pid'),
    runsDir,
    thisRun: join(runsDir, String(process.pid)),
  };
}

function joinRegistry(server: LocalServer): void {
  const { runsDir, thisRun } = registryFiles(server);
  mkdirSync(runsDir, { recursive: true });
  writeFileSync(thisRun, '');
}

function leaveRegistry(server: LocalServer): void {
  rmSync(registryFiles(server).thisRun, { force: true });
}

async function releaseLocalServer(server: LocalServer, launchedPid: number | undefined): Promise<void> {
  leaveRegistry(server);
  const { pidFile, launchedByRunFile, runsDir } = registryFiles(server);
  if (launchedPid === undefined || readPid(pidFile) !== launchedPid || otherLiveRuns(runsDir).length > 0) return;
  console.error(`bench: stopping ${server}, which this run started`);
  // What deploy/local/down.sh does, for this server only: the other one may be someone else's.
  await runDeployScript(`${server}.sh`, 'stop');
  rmSync(launchedByRunFile, { force: true });
}


/**
 * A name no other run uses on the shared servers, for a topic prefix, a consumer group or a
 * database: `<prefix>_<time in base 36>_<random hex>`, valid both as a Kafka topic and a Mongo
 * database name.
 */
export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}
