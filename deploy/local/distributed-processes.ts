import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { UpstreamService, upstreamServices, upstreamUrlVariable } from '../../services/gateway/service-routes';
import { DEFAULT_RESTART_BACKOFF, RestartBackoff, RestartBackoffSettings } from './restart-backoff';

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
  /** Where the services that send mail send it (MAILER=smtp); without it, to `.eml` files in their outbox. */
  readonly smtpUrl?: string;
}

export interface ProcessSpec {
  readonly name: ProcessName;
  readonly script: string;
  readonly port: number;
  readonly env: Readonly<Record<string, string | undefined>>;
}

const LOOPBACK = '127.0.0.1';

/** The services that send mail: identity (temporary passwords, resets, notices) and patient-records (reminders). */
export const MAILING_SERVICES: readonly UpstreamService[] = ['identity', 'patient-records'];

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
      ...(layout.smtpUrl && MAILING_SERVICES.includes(service) ? { MAILER: 'smtp', SMTP_URL: layout.smtpUrl } : {}),
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

/** What the supervision did, for the log. */
export type SupervisionEvent =
  | { readonly kind: 'crashed'; readonly name: ProcessName; readonly description: string; readonly upForMs: number; readonly restartInMs: number }
  | { readonly kind: 'restarted'; readonly name: ProcessName; readonly pid: number }
  | { readonly kind: 'released'; readonly name: ProcessName; readonly description: string }
  | { readonly kind: 'restart-failed'; readonly name: ProcessName; readonly message: string };

/**
 * Once every process answered, one that exits unasked is started again after a backoff
 * (restart-backoff.ts) rather than reported through `unexpectedExit`. A failure of the first start
 * still fails `start`: a process that cannot start at all is better shown than retried forever.
 */
export interface Supervision {
  readonly onEvent: (event: SupervisionEvent) => void;
  readonly backoff?: RestartBackoffSettings;
  /** Asked when a process exits and again before it starts: false when another invocation runs it now (`--only`). */
  readonly stillRunsHere?: (name: ProcessName) => boolean;
  /** Milliseconds, for how long a process stayed up. */
  readonly now?: () => number;
}

export interface StartOptions {
  /** Every line a process writes to stdout or stderr. */
  readonly onOutput?: (name: ProcessName, line: string) => void;
  /** Each process spawned, first starts and restarts alike. */
  readonly onSpawn?: (name: ProcessName, pid: number) => void;
  readonly supervision?: Supervision;
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
    readonly startedAt: number,
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
  /** Resolves when the first process exits without having been asked to (kill or stop); under supervision, only while starting. */
  readonly unexpectedExit: Promise<ProcessExit>;
  private reportUnexpectedExit: (exit: ProcessExit) => void = () => undefined;
  /** Set once every process answered: from then on, supervision restarts what dies. */
  private supervising = false;
  private stopping = false;
  private readonly backoffs = new Map<ProcessName, RestartBackoff>();
  private readonly pendingRestarts = new Map<ProcessName, NodeJS.Timeout>();

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
    group.supervising = options.supervision !== undefined;
    return group;
  }

  pidOf(name: ProcessName): number | undefined {
    return this.process(name).child.pid;
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
    this.stopping = true;
    for (const timer of this.pendingRestarts.values()) clearTimeout(timer);
    this.pendingRestarts.clear();
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
      if (supervised.expectedToExit) return;
      const { name } = supervised.spec;
      const supervision = this.options.supervision;
      if (!supervision || !this.supervising) return this.reportUnexpectedExit({ name, description });
      if (this.stopping) return;
      if (supervision.stillRunsHere?.(name) === false) return supervision.onEvent({ kind: 'released', name, description });
      const upForMs = clockOf(supervision)() - supervised.startedAt;
      const backoff = this.backoffs.get(name) ?? new RestartBackoff(supervision.backoff ?? DEFAULT_RESTART_BACKOFF);
      this.backoffs.set(name, backoff);
      const restartInMs = backoff.delayAfterCrash(upForMs);
      supervision.onEvent({ kind: 'crashed', name, description, upForMs, restartInMs });
      this.pendingRestarts.set(
        name,
        setTimeout(() => {
          this.pendingRestarts.delete(name);
          this.restartSupervised(name, supervision);
        }, restartInMs),
      );
    });
  }

  private restartSupervised(name: ProcessName, supervision: Supervision): void {
    if (this.stopping) return;
    if (supervision.stillRunsHere?.(name) === false) return supervision.onEvent({ kind: 'released', name, description: 'was waiting for its restart' });
    const supervised = spawnSupervised(this.process(name).spec, this.options);
    this.processes.set(name, supervised);
    this.watch(supervised);
    waitUntilHealthy(supervised).then(
      () => supervision.onEvent({ kind: 'restarted', name, pid: supervised.child.pid ?? 0 }),
      (error: unknown) => {
        // One that died while starting is restarted again by watch(); one that hangs is only reported.
        if (supervised.running && !this.stopping) supervision.onEvent({ kind: 'restart-failed', name, message: error instanceof Error ? error.message : String(error) });
      },
    );
  }

  private process(name: ProcessName): SupervisedProcess {
    const supervised = this.processes.get(name);
    if (!supervised) throw new Error(`No process named ${name}`);
    return supervised;
  }
}

function clockOf(supervision: Supervision | undefined): () => number {
  return supervision?.now ?? Date.now;
}

function spawnSupervised(spec: ProcessSpec, options: StartOptions): SupervisedProcess {
  const child = spawn(process.execPath, [spec.script], { env: spec.env, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid !== undefined) options.onSpawn?.(spec.name, child.pid);
  return new SupervisedProcess(spec, child, options.onOutput, clockOf(options.supervision)());
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
