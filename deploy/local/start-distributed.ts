import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { EMAIL_DIGEST_KEY_FILE, OPERATOR_PORT_OFFSET, keptSecret, keptSigningSecret } from '../../libs/platform/platform-config';
import { upstreamServices } from '../../services/gateway/service-routes';
import { DistributedProcesses, ProcessName, StartOptions, SupervisionEvent, processSpecs } from './distributed-processes';
import { LocalMail, startLocalMail } from './local-mail';
import { PlatformRunState, clearRunState, processState, runningPlatform, secretDigest, writePlatformState, writeProcessState } from './run-state';
import { isAlive } from './server-runs';

/**
 * `npm run start:distributed`: the distributed profile on this machine. Kafka and FerretDB from
 * deploy/local/up.sh (unless KAFKA_BROKERS and MONGO_URL are given), a mail catcher (local-mail.ts,
 * unless SMTP_URL is given), then every service and the gateway as separate processes on loopback,
 * each service with its own SQLite event store. Once all answer, a process that dies is started
 * again after a backoff (restart-backoff.ts) while the others keep serving. Ctrl-C stops them all
 * and restarts nothing.
 *
 * `-- --only accounting[,planning…]` joins the platform another invocation runs from the same
 * DATA_DIR (its settings in <dataDir>/run/, run-state.ts) and takes those processes over: it stops
 * the running ones and runs them itself, supervised alike, until its own Ctrl-C.
 *
 * Runs from the build output (dist/deploy/local/start-distributed.js).
 */

const DIST_DIR = resolve(__dirname, '..', '..');
const REPO_ROOT = resolve(DIST_DIR, '..');
const PROCESS_NAMES: readonly ProcessName[] = [...upstreamServices, 'gateway'];
/** Settings the processes share, recorded for `--only`; the secrets are recorded as digests only. */
const SHARED_SETTINGS = ['KAFKA_BROKERS', 'MONGO_URL', 'KAFKA_TOPIC_PREFIX', 'MONGO_DATABASE_PREFIX', 'PUBLIC_URL'] as const;
const SECRETS = ['JWT_SECRET', 'EMAIL_DIGEST_KEY'] as const;
const SUPERVISOR = 'supervisor';
/** How long a taken-over process has to stop after SIGTERM before it is killed. */
const TAKE_OVER_GRACE_MS = 15_000;

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

/** The services follow the gateway's port: 3001 to 3005 by default; operator routes on each + 10000. */
function portsFrom(port: number) {
  const ports = Object.fromEntries([['gateway', port], ...upstreamServices.map((service, index) => [service, port + 1 + index])]) as Record<ProcessName, number>;
  const operatorPorts = Object.fromEntries(Object.entries(ports).map(([name, publicPort]) => [name, publicPort + OPERATOR_PORT_OFFSET])) as Record<ProcessName, number>;
  return { ports, operatorPorts };
}

function mailPort(variable: string, fallback: number): number {
  const port = Number(process.env[variable] ?? fallback);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${variable} must be a port number, 0 for any (got "${process.env[variable]}")`);
  return port;
}

/** `--only accounting,planning` or `--only=accounting`; null without it. */
function onlyArgument(args: readonly string[]): ProcessName[] | null {
  const index = args.findIndex((arg) => arg === '--only' || arg.startsWith('--only='));
  const unknown = args.filter((arg, position) => position !== index && !(position === index + 1 && args[index] === '--only'));
  if (unknown.length) throw new Error(`Unknown argument ${unknown.join(' ')}; the one accepted is --only <${PROCESS_NAMES.join('|')}>[,…]`);
  if (index < 0) return null;
  const value = args[index] === '--only' ? (args[index + 1] ?? '') : args[index].slice('--only='.length);
  const names = value.split(',').filter(Boolean);
  const wrong = names.filter((name) => !PROCESS_NAMES.includes(name as ProcessName));
  if (!names.length || wrong.length) throw new Error(`--only takes process names separated by commas, from ${PROCESS_NAMES.join(', ')} (got "${value}")`);
  return [...new Set(names)] as ProcessName[];
}

function sharedSettings(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(SHARED_SETTINGS.flatMap((name) => (env[name] ? [[name, env[name]]] : [])));
}

const nameWidth = Math.max(...[...PROCESS_NAMES, SUPERVISOR].map((name) => name.length));

function printLine(name: string, line: string): void {
  console.log(`${name.padEnd(nameWidth)} | ${line}`);
}

function seconds(milliseconds: number): string {
  return `${Number((milliseconds / 1000).toFixed(1))} s`;
}

function supervisionLine(event: SupervisionEvent, dataDir: string): string {
  switch (event.kind) {
    case 'crashed':
      return `${event.name} ${event.description} after ${seconds(event.upForMs)} up; restarting it in ${seconds(event.restartInMs)}`;
    case 'restarted':
      return `${event.name} restarted (pid ${event.pid}) and answering again`;
    case 'released':
      return `${event.name} ${event.description}; start:distributed pid ${processState(dataDir, event.name)?.supervisorPid ?? '?'} runs it now (--only), so it is not restarted here`;
    case 'restart-failed':
      return `${event.name} restarted but not answering: ${event.message}`;
  }
}

/**
 * Supervision that logs each crash and restart, and writes which invocation runs each process
 * (`<dataDir>/run/<name>.json`) so that `--only` can take one over.
 */
function supervisedOptions(dataDir: string): StartOptions {
  return {
    onOutput: printLine,
    onSpawn: (name, pid) => writeProcessState(dataDir, name, { supervisorPid: process.pid, pid }),
    supervision: {
      onEvent: (event) => printLine(SUPERVISOR, supervisionLine(event, dataDir)),
      stillRunsHere: (name) => processState(dataDir, name)?.supervisorPid === process.pid,
    },
  };
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

type StopRequest = ReturnType<typeof stopRequest>;

async function startProcesses(specs: Parameters<typeof DistributedProcesses.start>[0], dataDir: string, stop: StopRequest): Promise<DistributedProcesses> {
  return DistributedProcesses.start(specs, supervisedOptions(dataDir)).catch((error: unknown) => {
    clearRunState(dataDir, PROCESS_NAMES);
    // A Ctrl-C while starting reaches the services too, and they stop: that is no failure.
    if (stop.received()) process.exit(0);
    throw error;
  });
}

/** Until Ctrl-C (or, should supervision be off, the first death); then stops what runs here. */
async function serveUntilStopped(processes: DistributedProcesses, stop: StopRequest, dataDir: string, names: readonly ProcessName[], mail?: LocalMail): Promise<never> {
  const outcome = await Promise.race([
    stop.signal.then((signal) => ({ exitCode: 0, reason: `${signal}: stopping ${names.join(', ')}; nothing is restarted` })),
    processes.unexpectedExit.then(({ name, description }) => ({ exitCode: 1, reason: `${name} ${description}; stopping the other processes` })),
  ]);
  printLine(SUPERVISOR, outcome.reason);
  await processes.stop();
  await mail?.stop();
  clearRunState(dataDir, names);
  process.exit(outcome.exitCode);
}

async function runPlatform(dataDir: string, stop: StopRequest): Promise<never> {
  const running = runningPlatform(dataDir);
  if (running) {
    throw new Error(
      `A platform already runs from ${dataDir} (start:distributed pid ${running.supervisorPid}, gateway on port ${running.gatewayPort}). ` +
        'Stop it first (Ctrl-C there), or run one process anew with `npm run start:distributed -- --only <name>`.',
    );
  }
  const port = gatewayPort();
  const { ports, operatorPorts } = portsFrom(port);
  const { KAFKA_BROKERS, MONGO_URL, SMTP_URL } = process.env;
  const servers = KAFKA_BROKERS && MONGO_URL ? { KAFKA_BROKERS, MONGO_URL } : await startLocalServers();
  // Bound before any service starts, so that the first mail already has somewhere to go.
  const mail = SMTP_URL
    ? undefined
    : await startLocalMail({ directory: join(dataDir, 'mail'), smtpPort: mailPort('MAIL_SMTP_PORT', 1025), uiPort: mailPort('MAIL_UI_PORT', 8025) });
  const smtpUrl = SMTP_URL ?? mail!.smtpUrl;
  const sharedEnv = {
    ...process.env,
    ...servers,
    JWT_SECRET: process.env.JWT_SECRET ?? keptSigningSecret(dataDir),
    // Every process gets it here for simplicity; only identity, access-grant and patient-records read it.
    EMAIL_DIGEST_KEY: process.env.EMAIL_DIGEST_KEY ?? keptSecret(dataDir, EMAIL_DIGEST_KEY_FILE),
    // Links mailed by identity (password reset) lead to the gateway, not to identity's own port.
    PUBLIC_URL: process.env.PUBLIC_URL ?? `http://127.0.0.1:${port}`,
    // Nest colours its lines unless told not to; colour codes only clutter a file or a pipe.
    ...(process.stdout.isTTY ? {} : { NO_COLOR: '1' }),
  };
  const state: PlatformRunState = {
    supervisorPid: process.pid,
    gatewayPort: port,
    settings: sharedSettings(sharedEnv),
    secretDigests: Object.fromEntries(SECRETS.map((name) => [name, secretDigest(sharedEnv[name])])),
    smtpUrl,
    mailUiUrl: mail?.uiUrl ?? '',
  };
  writePlatformState(dataDir, state);

  const processes = await startProcesses(processSpecs({ distDir: DIST_DIR, dataDir, ports, operatorPorts, sharedEnv, smtpUrl }), dataDir, stop);
  if (!stop.received()) {
    console.log(
      `\nPlatform (distributed) ready on http://127.0.0.1:${port}: API under /api/v1, AsyncAPI at /api/v1/asyncapi.json.\n` +
        `Services on ports ${port + 1} to ${port + upstreamServices.length}; metrics and operator routes on each port + ${OPERATOR_PORT_OFFSET} ` +
        `(http://127.0.0.1:${port + OPERATOR_PORT_OFFSET}/metrics for the gateway). Data under ${dataDir}, Kafka ${servers.KAFKA_BROKERS}, MongoDB ${servers.MONGO_URL}.\n` +
        (mail ? `Mail from identity and patient-records: ${mail.smtpUrl}, read at ${mail.uiUrl}\n` : `Mail from identity and patient-records: ${smtpUrl}\n`) +
        'A process that dies is restarted; to restart one yourself, `kill <pid>` (pids in run/<name>.json under the data directory), or take it over from another terminal: `npm run start:distributed -- --only <name>`.\n' +
        'Ctrl-C stops the services and the gateway; `bash deploy/local/down.sh` stops Kafka and FerretDB.',
    );
  }
  return serveUntilStopped(processes, stop, dataDir, PROCESS_NAMES, mail);
}

async function runOnly(names: readonly ProcessName[], dataDir: string, stop: StopRequest): Promise<never> {
  const platform = runningPlatform(dataDir);
  if (!platform) throw new Error(`No platform runs from ${dataDir} (no live run/platform.json there): start it with \`npm run start:distributed\` first, with the same DATA_DIR.`);
  const secrets = {
    JWT_SECRET: process.env.JWT_SECRET ?? keptSigningSecret(dataDir),
    EMAIL_DIGEST_KEY: process.env.EMAIL_DIGEST_KEY ?? keptSecret(dataDir, EMAIL_DIGEST_KEY_FILE),
  };
  for (const name of SECRETS) {
    if (secretDigest(secrets[name]) !== platform.secretDigests[name]) {
      throw new Error(`${name} differs from the one of the running platform (start:distributed pid ${platform.supervisorPid}): give the same value, or none if it was generated under ${dataDir}/secrets/.`);
    }
  }
  const { ports, operatorPorts } = portsFrom(platform.gatewayPort);
  const sharedEnv = { ...process.env, ...platform.settings, ...secrets, ...(process.stdout.isTTY ? {} : { NO_COLOR: '1' }) };
  const specs = processSpecs({ distDir: DIST_DIR, dataDir, ports, operatorPorts, sharedEnv, smtpUrl: platform.smtpUrl }).filter((spec) => names.includes(spec.name));
  for (const name of names) await takeOver(dataDir, name);
  const processes = await startProcesses(specs, dataDir, stop);
  if (!stop.received()) {
    printLine(
      SUPERVISOR,
      `${names.map((name) => `${name} (pid ${processes.pidOf(name)}, port ${ports[name]})`).join(', ')} running here, in the platform of start:distributed pid ${platform.supervisorPid}; ` +
        'restarted here if it dies. Ctrl-C stops it and leaves it stopped.',
    );
  }
  return serveUntilStopped(processes, stop, dataDir, names);
}

/** Marks the process as run here (so that its supervisor lets it go), then stops the running one. */
async function takeOver(dataDir: string, name: ProcessName): Promise<void> {
  const previous = processState(dataDir, name);
  writeProcessState(dataDir, name, { supervisorPid: process.pid, pid: 0 });
  if (!previous?.pid || !isAlive(previous.pid)) return;
  printLine(SUPERVISOR, `stopping the running ${name} (pid ${previous.pid}, run by start:distributed pid ${previous.supervisorPid})`);
  process.kill(previous.pid, 'SIGTERM');
  const forceKill = setTimeout(() => {
    if (isAlive(previous.pid)) process.kill(previous.pid, 'SIGKILL');
  }, TAKE_OVER_GRACE_MS);
  while (isAlive(previous.pid)) await new Promise((resolve) => setTimeout(resolve, 100));
  clearTimeout(forceKill);
}

async function main(): Promise<never> {
  const stop = stopRequest();
  const only = onlyArgument(process.argv.slice(2));
  const dataDir = resolve(process.env.DATA_DIR ?? join(REPO_ROOT, 'data', 'distributed'));
  return only ? runOnly(only, dataDir, stop) : runPlatform(dataDir, stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
