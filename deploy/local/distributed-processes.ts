import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { UpstreamService, upstreamServices, upstreamUrlVariable } from '../../services/gateway/service-routes';

/**
 * The processes of the distributed profile, as `npm run start:distributed` and the distributed
 * end-to-end suite run them: each service from the build output, on its own loopback port, with
 * its own data directory, and the gateway in front of them.
 */

export type ProcessName = UpstreamService | 'gateway';

export interface DistributedLayout {
  /** The build output, holding services/<name>/main.js. */
  readonly distDir: string;
  /** Each service keeps its SQLite event store and, for identity, its mail outbox under <dataDir>/<service>. */
  readonly dataDir: string;
  readonly ports: Readonly<Record<ProcessName, number>>;
  /**
   * Where each process serves `/metrics` and `/operator/…`, apart from its public port. Default:
   * a port the system picks (suites that scrape nothing; PORT + 10000 may be past 65535 for the
   * free ports they reserve).
   */
  readonly operatorPorts?: Readonly<Record<ProcessName, number>>;
  /** Given to every process: JWT_SECRET, KAFKA_BROKERS, MONGO_URL, their prefixes, PATH… */
  readonly sharedEnv: Readonly<Record<string, string | undefined>>;
}

export interface ProcessSpec {
  readonly name: ProcessName;
  readonly script: string;
  readonly port: number;
  readonly env: Readonly<Record<string, string | undefined>>;
}

const LOOPBACK = '127.0.0.1';

/** What `node dist/services/<name>/main.js` runs. */
export function entryPoint(distDir: string, name: ProcessName): string {
  return join(distDir, 'services', name, 'main.js');
}

export function serviceDataDir(layout: DistributedLayout, service: UpstreamService): string {
  return join(layout.dataDir, service);
}

export function processSpecs(layout: DistributedLayout): ProcessSpec[] {
  const { distDir, ports, sharedEnv } = layout;
  const operatorPort = (name: ProcessName) => ({ OPERATOR_PORT: String(layout.operatorPorts?.[name] ?? 0) });
  const services = upstreamServices.map((service): ProcessSpec => ({
    name: service,
    script: entryPoint(distDir, service),
    port: ports[service],
    env: {
      // No EventStoreDB runs on our machines; mail and SMS go to files unless SMTP and SMPP are configured.
      EVENT_STORE: 'sqlite',
      MAILER: 'outbox',
      SMS_SENDER: 'outbox',
      ...sharedEnv,
      PROFILE: 'distributed',
      EVENT_BUS: 'kafka',
      READ_STORE: 'mongodb',
      HOST: LOOPBACK,
      PORT: String(ports[service]),
      ...operatorPort(service),
      DATA_DIR: serviceDataDir(layout, service),
      // The gateway calls over loopback: its X-Forwarded-For tells a service who the client is.
      TRUSTED_PROXIES: 'loopback',
    },
  }));
  const gateway: ProcessSpec = {
    name: 'gateway',
    script: entryPoint(distDir, 'gateway'),
    port: ports.gateway,
    env: {
      ...sharedEnv,
      HOST: LOOPBACK,
      PORT: String(ports.gateway),
      ...operatorPort('gateway'),
      ...Object.fromEntries(upstreamServices.map((service) => [upstreamUrlVariable(service), `http://${LOOPBACK}:${ports[service]}`])),
    },
  };
  return [...services, gateway];
}

export interface StartOptions {
  /** Every line a process writes to stdout or stderr. */
  readonly onOutput?: (name: ProcessName, line: string) => void;
}

export interface ProcessExit {
  readonly name: ProcessName;
  /** `exited with status 1`, `killed by SIGKILL`. */
  readonly description: string;
}

/** Lines kept per process, to show why one failed. */
const TAIL_LINES = 30;
/** A first start may have to create every topic and database. */
const START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 15_000;

class SupervisedProcess {
  readonly exited: Promise<string>;
  private readonly tail: string[] = [];
  private exitDescription: string | null = null;
  expectedToExit = false;

  constructor(
    readonly spec: ProcessSpec,
    readonly child: ChildProcess,
    onOutput: StartOptions['onOutput'],
  ) {
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (line) => {
        this.tail.push(line);
        if (this.tail.length > TAIL_LINES) this.tail.shift();
        onOutput?.(spec.name, line);
      });
    }
    this.exited = once(child, 'exit').then(([code, signal]: unknown[]) => {
      this.exitDescription = signal ? `killed by ${String(signal)}` : `exited with status ${String(code)}`;
      return this.exitDescription;
    });
  }

  get running(): boolean {
    return this.exitDescription === null;
  }

  lastLines(): string {
    return this.tail.map((line) => `  ${line}`).join('\n');
  }
}

export class DistributedProcesses {
  /** Resolves when the first process exits without having been asked to (kill or stop). */
  readonly unexpectedExit: Promise<ProcessExit>;
  private reportUnexpectedExit: (exit: ProcessExit) => void = () => undefined;

  private constructor(
    private readonly processes: Map<ProcessName, SupervisedProcess>,
    private readonly options: StartOptions,
  ) {
    this.unexpectedExit = new Promise((resolve) => (this.reportUnexpectedExit = resolve));
    for (const supervised of processes.values()) this.watch(supervised);
  }

  /**
   * Spawns every process at once and resolves when each answers on `/health`. If one exits or
   * stays silent, all are stopped and the error names it with its last lines of output.
   */
  static async start(specs: readonly ProcessSpec[], options: StartOptions = {}): Promise<DistributedProcesses> {
    const processes = new Map(specs.map((spec) => [spec.name, spawnSupervised(spec, options)]));
    const group = new DistributedProcesses(processes, options);
    try {
      await Promise.all([...processes.values()].map((supervised) => waitUntilHealthy(supervised)));
    } catch (error) {
      await group.stop();
      throw error;
    }
    return group;
  }

  url(name: ProcessName): string {
    return `http://${LOOPBACK}:${this.process(name).spec.port}`;
  }

  /** Kills one process at once, as a crash would. */
  async kill(name: ProcessName): Promise<void> {
    const supervised = this.process(name);
    supervised.expectedToExit = true;
    supervised.child.kill('SIGKILL');
    await supervised.exited;
  }

  /** Starts a process that was killed again, as a supervisor would, and resolves when it answers on `/health`. */
  async restart(name: ProcessName): Promise<void> {
    const previous = this.process(name);
    if (previous.running) throw new Error(`${name} is still running; kill it first`);
    const supervised = spawnSupervised(previous.spec, this.options);
    this.processes.set(name, supervised);
    this.watch(supervised);
    await waitUntilHealthy(supervised);
  }

  /** SIGTERM to every process still running (each closes its consumers and stores), SIGKILL after a grace period. */
  async stop(): Promise<void> {
    await Promise.all(
      [...this.processes.values()].map(async (supervised) => {
        supervised.expectedToExit = true;
        if (!supervised.running) return;
        supervised.child.kill('SIGTERM');
        const forceKill = setTimeout(() => supervised.child.kill('SIGKILL'), STOP_GRACE_MS);
        await supervised.exited;
        clearTimeout(forceKill);
      }),
    );
  }

  private watch(supervised: SupervisedProcess): void {
    void supervised.exited.then((description) => {
      if (!supervised.expectedToExit) this.reportUnexpectedExit({ name: supervised.spec.name, description });
    });
  }

  private process(name: ProcessName): SupervisedProcess {
    const supervised = this.processes.get(name);
    if (!supervised) throw new Error(`No process named ${name}`);
    return supervised;
  }
}

function spawnSupervised(spec: ProcessSpec, options: StartOptions): SupervisedProcess {
  const child = spawn(process.execPath, [spec.script], { env: spec.env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new SupervisedProcess(spec, child, options.onOutput);
}

/** A service answers with its own name, so a stale process on the same port is not mistaken for it. */
async function waitUntilHealthy(supervised: SupervisedProcess): Promise<void> {
  const { name, port } = supervised.spec;
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (!supervised.running) {
      throw new Error(`${name} ${await supervised.exited} while starting; its last lines:\n${supervised.lastLines()}`);
    }
    if (await answersHealth(`http://${LOOPBACK}:${port}/health`, name)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${name} did not answer on port ${port} within ${START_TIMEOUT_MS / 1000} s; its last lines:\n${supervised.lastLines()}`);
}

async function answersHealth(url: string, name: ProcessName): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    if (!response.ok) return false;
    const body = (await response.json()) as { status?: string; service?: string };
    return body.status === 'ok' && (name === 'gateway' || body.service === name);
  } catch {
    return false; // not listening yet
  }
}
