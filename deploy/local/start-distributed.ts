import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { EMAIL_DIGEST_KEY_FILE, OPERATOR_PORT_OFFSET, keptSecret, keptSigningSecret } from '../../libs/platform/platform-config';
import { upstreamServices } from '../../services/gateway/service-routes';
import { DistributedProcesses, ProcessName, processSpecs } from './distributed-processes';

/**
 * `npm run start:distributed`: the distributed profile on this machine. Kafka and FerretDB from
 * deploy/local/up.sh (unless KAFKA_BROKERS and MONGO_URL are given), then every service and the
 * gateway as separate processes on loopback, each service with its own SQLite event store.
 * Ctrl-C stops them all; so does the death of any one of them, with a non-zero exit.
 *
 * Runs from the build output (dist/deploy/local/start-distributed.js).
 */

const DIST_DIR = resolve(__dirname, '..', '..');
const REPO_ROOT = resolve(DIST_DIR, '..');

interface LocalServers {
  readonly KAFKA_BROKERS: string;
  readonly MONGO_URL: string;
}

/** up.sh prints `KAFKA_BROKERS=… MONGO_URL=…` alone on stdout; its progress goes to stderr. */
async function startLocalServers(): Promise<LocalServers> {
  const upScript = spawn('bash', [join(REPO_ROOT, 'deploy', 'local', 'up.sh')], { stdio: ['ignore', 'pipe', 'inherit'] });
  let printed = '';
  upScript.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  const [status] = (await once(upScript, 'exit')) as [number | null];
  if (status !== 0) throw new Error(`deploy/local/up.sh failed (status ${status}); see its messages above`);
  const settings = new Map(printed.trim().split(/\s+/).map((pair) => pair.split('=', 2) as [string, string]));
  return { KAFKA_BROKERS: settings.get('KAFKA_BROKERS') ?? '', MONGO_URL: settings.get('MONGO_URL') ?? '' };
}

function gatewayPort(): number {
  // Each process serves its metrics and operator routes on its port + OPERATOR_PORT_OFFSET.
  const highest = 65535 - OPERATOR_PORT_OFFSET - upstreamServices.length;
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > highest) throw new Error(`PORT must be an integer from 1 to ${highest} (got "${process.env.PORT}")`);
  return port;
}

const nameWidth = Math.max(...[...upstreamServices, 'gateway'].map((name) => name.length));

function printLine(name: ProcessName, line: string): void {
  console.log(`${name.padEnd(nameWidth)} | ${line}`);
}

/** Resolves with the first SIGINT or SIGTERM; later ones are ignored while the processes stop. */
function stopRequest(): { readonly signal: Promise<NodeJS.Signals>; received(): boolean } {
  let received = false;
  const signal = new Promise<NodeJS.Signals>((resolve) => {
    for (const name of ['SIGINT', 'SIGTERM'] as const) {
      process.on(name, () => {
        received = true;
        resolve(name);
      });
    }
  });
  return { signal, received: () => received };
}

async function main(): Promise<void> {
  const stop = stopRequest();
  const port = gatewayPort();
  // The services follow the gateway's port: 3001 to 3005 by default.
  const ports = Object.fromEntries([['gateway', port], ...upstreamServices.map((service, index) => [service, port + 1 + index])]) as Record<ProcessName, number>;
  const operatorPorts = Object.fromEntries(Object.entries(ports).map(([name, publicPort]) => [name, publicPort + OPERATOR_PORT_OFFSET])) as Record<ProcessName, number>;
  const dataDir = resolve(process.env.DATA_DIR ?? join(REPO_ROOT, 'data', 'distributed'));
  const { KAFKA_BROKERS, MONGO_URL } = process.env;
  const servers = KAFKA_BROKERS && MONGO_URL ? { KAFKA_BROKERS, MONGO_URL } : await startLocalServers();
  const sharedEnv = {
    ...process.env,
    ...servers,
    JWT_SECRET: process.env.JWT_SECRET ?? keptSigningSecret(dataDir),
    // Every process gets it here for simplicity; only identity and access-grant read it.
    EMAIL_DIGEST_KEY: process.env.EMAIL_DIGEST_KEY ?? keptSecret(dataDir, EMAIL_DIGEST_KEY_FILE),
    // Links mailed by identity (password reset) lead to the gateway, not to identity's own port.
    PUBLIC_URL: process.env.PUBLIC_URL ?? `http://127.0.0.1:${port}`,
    // Nest colours its lines unless told not to; colour codes only clutter a file or a pipe.
    ...(process.stdout.isTTY ? {} : { NO_COLOR: '1' }),
  };

  const processes = await DistributedProcesses.start(processSpecs({ distDir: DIST_DIR, dataDir, ports, operatorPorts, sharedEnv }), { onOutput: printLine }).catch(
    (error: unknown) => {
      // A Ctrl-C while starting reaches the services too, and they stop: that is no failure.
      if (stop.received()) process.exit(0);
      throw error;
    },
  );
  if (!stop.received()) {
    console.log(
      `\nPlatform (distributed) ready on http://127.0.0.1:${port}: API under /api/v1, AsyncAPI at /api/v1/asyncapi.json.\n` +
        `Services on ports ${port + 1} to ${port + upstreamServices.length}; metrics and operator routes on each port + ${OPERATOR_PORT_OFFSET} ` +
        `(http://127.0.0.1:${port + OPERATOR_PORT_OFFSET}/metrics for the gateway). Data under ${dataDir}, Kafka ${servers.KAFKA_BROKERS}, MongoDB ${servers.MONGO_URL}.\n` +
        'Ctrl-C stops the services and the gateway; `bash deploy/local/down.sh` stops Kafka and FerretDB.',
    );
  }
  const outcome = await Promise.race([
    stop.signal.then((signal) => ({ exitCode: 0, reason: `${signal}: stopping every process` })),
    processes.unexpectedExit.then(({ name, description }) => ({ exitCode: 1, reason: `${name} ${description}; stopping the other processes` })),
  ]);
  console.error(outcome.reason);
  await processes.stop();
  process.exit(outcome.exitCode);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
